"""Every role's pages in Chinese: no sentence left in English (or in CKAN's wrong Chinese) outside
the data. A sentence is two or more Latin words in one text node with no Chinese character."""
from __future__ import annotations

import re

import lxml.html

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


def _english_sentences(html: str, data: set[str]) -> list[str]:
    found = []
    for node in lxml.html.fromstring(html).iter():
        if not isinstance(node.tag, str) or node.tag in _DATA:
            continue
        texts = [node.text, node.tail] + [node.get(name) for name in _ATTRIBUTES]
        for text in texts:
            text = " ".join((text or "").split())
            if text and not _is_data(text, data) and not _CHINESE.search(text) and (
                    _LATIN_SENTENCE.search(text) or text in _UI_WORDS or text.startswith("[")):
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
