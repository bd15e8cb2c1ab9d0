"""Every role's pages in Chinese: no sentence left in English (or in CKAN's wrong Chinese) outside
the data. A sentence is two or more Latin words in one text node with no Chinese character."""
from __future__ import annotations

import re

import lxml.html
import pytest

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.harbin_opendata.tests.factories import CatalogEntry
from ckanext.harbin_opendata.tests.web import logged_in_client

_CHINESE = re.compile(r"[\u3400-\u9fff]")
_LATIN_SENTENCE = re.compile(r"[A-Za-z]{2,}[^\u3400-\u9fff]*\s[A-Za-z]{2,}")
_WRONG = ("登陆", "追从者", "读取更多", "资料集", "沒", "< /p>", "API文献", "应用程式界面", "(看 ", "组织是什么", "CKAN 组织",
          "CKAN 提供的群组")
_DATA = {"script", "style", "code", "pre", "textarea"}
# Read to screen readers or shown on hover: as much interface as the visible text.
_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
# Single English words of CKAN's interface found on Chinese pages (issue 19.1).
_UI_WORDS = {"Follow", "Unfollow", "close", "Close", "Submit", "Account", "Breadcrumb", "Label"}
# Any single English word, numbers and colons around it ("Save", "0 added", "Started:", "403 Forbidden"):
# CKAN, ckanext-harvest and the DataStore show statuses, counts and type names so.
_LATIN_WORD = re.compile(r"^[\d\s:()]*[A-Za-z][a-z]{2,}[\s:()]*$")
# The language switcher names each language in itself; "harvest" is the source's web address's prefix.
_OWN_NAMES = {"English", "中文 (简体, 中国)", "harvest"}


def _english_sentences(html: str, data: set[str], words: bool = False) -> list[str]:
    found = []
    for node in lxml.html.fromstring(html).iter():
        if not isinstance(node.tag, str) or node.tag in _DATA:
            continue
        texts = [node.text, node.tail] + [node.get(name) for name in _ATTRIBUTES]
        if node.tag == "input" and node.get("type") in ("submit", "button", "reset"):
            texts.append(node.get("value"))  # the button's label
        for text in texts:
            text = " ".join((text or "").split())
            if text and text not in _OWN_NAMES and not _is_data(text, data) and not _CHINESE.search(text) and (
                    _LATIN_SENTENCE.search(text) or text in _UI_WORDS or text.startswith("[")
                    or words and _LATIN_WORD.match(text)):
                found.append(text)
    return found


def _is_data(text: str, data: set[str]) -> bool:
    """A data text, or one CKAN shortened (the members page: "Mrs. Lorraine Mcconn...")."""
    shortened = text[:-3] if text.endswith("...") else text[:-1] if text.endswith("…") else None
    return text in data or bool(shortened) and any(value.startswith(shortened) for value in data)


def _user_and_agency_texts() -> set[str]:
    """Names, display names and descriptions the factories made up: data, not interface."""
    texts = set()
    for user in model.Session.query(model.User):
        texts |= {user.name, user.display_name, " ".join((user.about or "").split())}
    for group in model.Session.query(model.Group):
        texts |= {group.name, group.display_name, " ".join((group.description or "").split())}
    return texts - {""}


def test_pages_of_every_role_are_chinese(app, people):
    open_entry = CatalogEntry(owner_org=people.agency["id"], name="hrb-open",  # published: no file waits for a scan
                              resources=[{"url": "http://example.org/snow.csv", "format": "CSV", "name": "积雪深度"}])
    resource = f"/dataset/hrb-open/resource/{open_entry['resources'][0]['id']}"
    agency = people.agency["name"]
    pages = {
        "": ["/", "/dataset/", "/dataset/?q=nothing-matches", "/dataset/hrb-open", resource, "/organization/",
             f"/organization/{agency}", f"/organization/about/{agency}", "/dataset/activity/hrb-open",
             f"/organization/activity/{agency}", "/group/", "/user/login", "/showcase", "/feedback", "/assessment",
             "/user/register"],  # /about: issue 19.7
        people.editor: ["/dataset/new", "/review", "/review/notifications", "/feedback/inbox",
                        "/assessment/problems", f"/user/{people.editor}", "/dataset/hrb-entry/review",
                        f"/organization/members/{people.agency['name']}", "/dataset/hrb-open", resource,
                        f"/organization/{agency}", "/dashboard/", "/dashboard/datasets", "/dashboard/organizations",
                        f"/user/edit/{people.editor}", f"/user/activity/{people.editor}"],
        people.reviewer: ["/review", "/dataset/hrb-entry/review", "/review/adjustments"],
        people.sysadmin: ["/ckan-admin", f"/organization/member_new/{people.agency['name']}"],
    }
    data = {"hrb-open", "hrb-entry", "积雪深度"} | _user_and_agency_texts()
    problems = {}
    for user, paths in pages.items():
        client = logged_in_client(app, user) if user else app
        for path in paths:
            html = client.get(path, status=200).body
            found = _english_sentences(html, data) + [w for w in _WRONG if w in html]
            if found:
                problems[f"{user or 'anonymous'} {path}"] = found
    assert not problems, "\n".join(f"{page}: {found}" for page, found in problems.items())


@pytest.fixture
def operator_pages(people):
    """The operators' pages beyond the catalog: CKAN's admin pages, the harvest source's pages and
    job, the resource view form and the data dictionary of a loaded table, and the error pages."""
    entry = CatalogEntry(owner_org=people.agency["id"], name="hrb-table",
                         resources=[{"url": "http://example.org/snow.csv", "format": "CSV", "name": "积雪深度"}])
    resource = entry["resources"][0]["id"]
    sysadmin = {"user": people.sysadmin}
    tk.get_action("datastore_create")(sysadmin, {
        "resource_id": resource, "force": True,
        "fields": [{"id": "站点名称", "type": "text"}, {"id": "积雪深度", "type": "numeric"},
                   {"id": "观测时间", "type": "timestamp"}],
        "records": [{"站点名称": "哈尔滨", "积雪深度": 12, "观测时间": "2026-01-05 08:00"}]})
    view = tk.get_action("resource_view_create")(sysadmin, {
        "resource_id": resource, "view_type": "datatables_view", "title": "积雪表"})
    source = tk.get_action("harvest_source_create")(sysadmin, {
        "name": "hrb-source", "title": "市场监管局目录", "url": "http://example.org/ml.csv",
        "source_type": "harbin_spreadsheet", "frequency": "MANUAL", "owner_org": people.agency["id"],
        "config": '{"allowed_agencies": ["*"]}'})
    job = tk.get_action("harvest_job_create")(sysadmin, {"source_id": source["id"]})
    _finished(job["id"])
    tk.get_action("harvest_job_create")(sysadmin, {"source_id": source["id"]})  # one waiting to run
    on_resource = f"/dataset/hrb-table/resource/{resource}"
    pages = {
        people.sysadmin: [
            "/ckan-admin", "/ckan-admin/config", "/ckan-admin/trash", "/harvest/", "/harvest/new",
            "/harvest/hrb-source", "/harvest/about/hrb-source", "/harvest/edit/hrb-source",
            "/harvest/admin/hrb-source", "/harvest/hrb-source/job", f"/harvest/hrb-source/job/{job['id']}",
            on_resource, f"{on_resource}/views", f"{on_resource}/new_view?view_type=datatables_view",
            f"{on_resource}/edit_view/{view['id']}", f"/dataset/hrb-table/dictionary/{resource}",
            ("/dataset/no-such-entry", 404), ("/harvest/no-such-source", 404)],
        people.editor: [("/ckan-admin/config", 403), on_resource],
        "": [("/no-such-page", 404), (f"{on_resource}/new_view?view_type=datatables_view", 403)],
    }
    data = {"hrb-table", "积雪深度", "积雪表", "hrb-source", "市场监管局目录", "站点名称", "观测时间", "哈尔滨",
            "http://example.org/ml.csv", "http://example.org/snow.csv", CatalogEntry.notes} | _user_and_agency_texts()
    return pages, data


def _finished(job_id: str) -> None:
    """A job as ckanext-harvest's fetch stage leaves it (with its counts on the job pages)."""
    from ckanext.harvest.model import HarvestJob

    job = HarvestJob.get(job_id)
    job.status, job.gather_started, job.gather_finished = "Finished", job.created, job.created
    job.finished = job.created
    model.repo.commit()


def _visit(app, pages: dict, prefix: str, check) -> dict[str, list[str]]:
    problems = {}
    for user, paths in pages.items():
        client = logged_in_client(app, user) if user else app
        for path in paths:
            path, status = path if isinstance(path, tuple) else (path, 200)
            response = client.get(prefix + path)
            found = check(response.body) if response.status_code == status else [response.status_code]
            if found:
                problems[f"{user or 'anonymous'} {prefix}{path}"] = found
    return problems


def test_operator_pages_are_chinese(app, operator_pages):
    pages, data = operator_pages
    problems = _visit(app, pages, "", lambda html: _english_sentences(html, data, words=True)
                      + [w for w in _WRONG if w in html])
    assert not problems, "\n".join(f"{page}: {found}" for page, found in problems.items())


def _chinese_texts(html: str, data: set[str]) -> list[str]:
    """Interface text in Chinese on an English page: a text node or label with a Chinese character
    that is none of the data (names of agencies, entries, columns) nor a Chinese term an English text
    quotes in brackets ("catalog list (目录清单)")."""
    found = []
    for node in lxml.html.fromstring(html).iter():
        if not isinstance(node.tag, str) or node.tag in _DATA:
            continue
        for text in [node.text, node.tail] + [node.get(name) for name in _ATTRIBUTES]:
            text = " ".join((text or "").split())
            if _CHINESE.search(re.sub(r"\([^)]*\)", "", text)) and text not in _OWN_NAMES and not _is_data(
                    text, data) and not any(value in text for value in data if _CHINESE.search(value)):
                found.append(text)
    return found


def test_operator_pages_are_english_in_english(app, operator_pages):
    pages, data = operator_pages
    problems = _visit(app, pages, "/en", lambda html: _chinese_texts(html, data))
    assert not problems, "\n".join(f"{page}: {found}" for page, found in problems.items())


def test_the_harvest_source_form_names_agencies_by_their_titles(app, people):
    """The agency a source writes into is chosen by its name (市…局), not its web address; on
    English pages by its English name."""
    tk.get_action("organization_patch")({"user": people.sysadmin}, {
        "id": people.agency["id"], "title_en": "Harbin Test Bureau"})
    client = logged_in_client(app, people.sysadmin)
    for prefix, name in (("", people.agency["title"]), ("/en", "Harbin Test Bureau")):
        select = lxml.html.fromstring(client.get(prefix + "/harvest/new").body).get_element_by_id("field-organizations")
        shown = [option.text_content().strip() for option in select.iter("option")]
        assert name in shown and people.agency["name"] not in shown, shown
