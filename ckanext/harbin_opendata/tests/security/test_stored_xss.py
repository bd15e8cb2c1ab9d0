"""Stored XSS: hostile text in every free-text field a user can set, rendered on every page that
shows it, in Chinese and English, must come out escaped (or stripped by the markdown sanitiser).

Each field's value is wrapped in markers (``qxNNa`` … ``qxNNz``) so a page proves it rendered the
field, and the text between the markers can be checked for raw markup."""
from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from werkzeug.datastructures import FileStorage

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.privacy.jobs import run_scans
from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry
from ckanext.harbin_opendata.tests.web import logged_in_client

from ..privacy.conftest import csv_bytes

REVIEWER = "centre_reviewer"  # named in test.ini's ckanext.harbin_opendata.review.reviewers
PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "javascript_url": "javascript:alert(1)",
    "template": "{{7*7}}",
    "chinese_mixed": "哈尔滨<script>alert(1)</script>市\"><img src=x onerror=alert(1)>数据",
}
# Free-text fields, by marker number.
FIELDS = {
    "01": "entry title", "02": "entry notes", "03": "entry English title", "04": "data item name",
    "05": "data item description", "06": "data item unit", "07": "open conditions",
    "08": "spatial coverage", "09": "contact name",
    "11": "resource name", "13": "linked resource name", "12": "resource description",
    "21": "agency title", "22": "agency description", "23": "agency English title (English pages)",
    "31": "feedback title", "32": "feedback description", "33": "feedback proposed value",
    "34": "agency reply (accept)", "35": "agency reply (resolve)", "36": "data request title",
    "41": "review submit comment", "42": "review return reason", "43": "review publish comment",
    "44": "catalog adjustment description", "51": "privacy exemption reason",
    "61": "showcase title", "62": "showcase summary", "63": "showcase unit",
    "71": "harvest source title", "72": "harvest source description",
}
MARKDOWN_FIELDS = {"02", "12", "22", "62"}  # rendered with h.render_markdown
_DANGER = [re.compile(p, re.I) for p in (
    r"<script>alert\(1\)", r"""(href|src|action|formaction)\s*=\s*["']?\s*javascript:""")]


class _Handlers(HTMLParser):
    """The planted event handlers that became real attributes of a tag (an escaped payload inside
    an attribute's value, e.g. a logo's alt text, is text and not counted)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Any]]) -> None:
        self.found += [f"<{tag} {name}=…>" for name, value in attrs
                       if name.startswith("on") and "alert(1)" in (value or "")]


def _planted_handlers(body: str) -> list[str]:
    parser = _Handlers()
    parser.feed(body)
    return parser.found
TRIED: list[bool] = []


def _mark(fid: str, payload: str) -> str:
    return f"qx{fid}a{payload}qx{fid}z"


def _act(action: str, user: str, **data: Any) -> Any:
    return tk.get_action(action)({"user": user}, data)


@pytest.fixture
def storage(ckan_config, monkeypatch, tmp_path):
    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(tmp_path))
    return tmp_path


def _world(payload: str) -> dict[str, Any]:
    """Every free-text field filled with the payload, through the actions users call."""
    v = lambda fid: _mark(fid, payload)  # noqa: E731
    sysadmin = factories.Sysadmin(name="site_admin")["name"]
    editor = factories.User(name="agency_editor")["name"]
    factories.User(name=REVIEWER)
    agency = Agency(name="hrb-xss-agency", title=v("21"), description=v("22"), title_en=v("23"),
                    users=[{"name": editor, "capacity": "editor"}])
    entry = CatalogEntry(
        name="hrb-xss-entry", owner_org=agency["id"], published=False, title=v("01"), notes=v("02"),
        title_en=v("03"), open_type="conditional", open_conditions=v("07"), spatial_coverage=v("08"),
        contact_name=v("09"),
        data_items=[{"name": v("04"), "type": "string", "description": v("05"), "unit": v("06")}])
    resource = tk.get_action("resource_create")({"user": editor}, {
        "package_id": entry["id"], "name": v("11"), "description": v("12"), "format": "CSV", "url": "",
        "upload": FileStorage(stream=io.BytesIO(csv_bytes(30)), filename="名单.csv")})
    link = None
    if payload.startswith("javascript:"):  # URL fields that pages turn into links or images
        for refused in ("harbin_showcase_create", "resource_create"):
            with pytest.raises(tk.ValidationError, match="http"):
                _act(refused, sysadmin, package_id=entry["id"], name="x", title="t", summary="s", unit="u",
                     kind="app", published=True, url=payload)
        with pytest.raises(tk.ValidationError, match="http"):
            _act("harbin_showcase_create", sysadmin, title="t", summary="s", unit="u", kind="app", image_url=payload)
        # An address stored before the check existed: pages must still not make it a link.
        link = _act("resource_create", editor, package_id=entry["id"], name=v("13"), format="HTML",
                    url="https://example.org/x")
        model.Resource.get(link["id"]).url = payload
        model.repo.commit()
        _act("organization_patch", sysadmin, id=agency["id"], image_url=payload)
    _act("harbin_privacy_scan", editor, id=entry["id"])  # every file as it is now (the link was changed by hand)
    run_scans(entry["id"])
    _act("harbin_review_submit", editor, id=entry["id"], comment=v("41"))
    _act("harbin_review_return", REVIEWER, id=entry["id"], comment=v("42"))
    _act("harbin_review_submit", editor, id=entry["id"], comment=v("41"))
    for res in _act("harbin_privacy_status", REVIEWER, id=entry["id"])["resources"]:
        if res["state"] in ("personal", "failed"):  # the register, and the javascript: link that cannot be read
            _act("harbin_privacy_exempt", REVIEWER, scan_id=res["scan"]["id"], reason=v("51"))
    _act("harbin_review_publish", REVIEWER, id=entry["id"], comment=v("43"))
    _act("harbin_review_adjustment_create", REVIEWER, organization=agency["id"], trigger_kind="law",
         description=v("44"), trigger_date="2026-01-05", package_ids=[entry["id"]])
    correction = tk.get_action("harbin_feedback_create")({"user": ""}, {
        "kind": "correction", "dataset": entry["name"], "title": v("31"), "description": v("32"),
        "proposed_value": v("33"), "requester_contact": "13945678901"})
    _act("harbin_feedback_accept", editor, id=correction["id"], comment=v("34"))
    request = tk.get_action("harbin_feedback_create")({"user": ""}, {
        "kind": "data_request", "organization": agency["name"], "title": v("36"), "description": v("32"),
        "requester_contact": "13945678901"})
    _act("harbin_feedback_resolve", editor, id=request["id"], comment=v("35"))
    case = _act("harbin_showcase_create", sysadmin, title=v("61"), summary=v("62"), unit=v("63"), kind="app",
                url="https://example.org/app", published=True, datasets=[entry["name"]])
    source = _act("harvest_source_create", sysadmin, name="hrb-xss-source", title=v("71"), notes=v("72"),
                  url="http://127.0.0.1:9/catalog.ttl", source_type="harbin_dcat", frequency="MANUAL",
                  owner_org=agency["id"])
    _act("harbin_assessment_compute", sysadmin)
    return {"entry": entry, "agency": agency, "resource": resource, "correction": correction,
            "request": request, "case": case, "link": link, "source": source, "editor": editor, "sysadmin": sysadmin}


def _pages(w: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(who, path, fields it must show) of every page that shows the fields."""
    e, a, r = w["entry"]["name"], w["agency"]["name"], w["resource"]["id"]
    return [
        ("anonymous", "/", "01 21 61 63"),
        ("anonymous", f"/dataset/{e}", "01 02 03 04 05 06 07 08 09 11 12 21 22 61 62 63" + (" 13" if w["link"] else "")),
        ("anonymous", "/dataset/", "01 02 21"),
        ("anonymous", f"/dataset/{e}/resource/{r}", "01 11 12 21"),
        ("anonymous", f"/organization/{a}", "01 02 21 22"),
        ("anonymous", "/organization/", "21 22"),
        ("anonymous", f"/dataset/activity/{e}", "01 02 21 22"),
        # a citizen's own words (a correction's title, descriptions, the correct value) are shown
        # only to the requester and to those handling the request
        ("anonymous", "/feedback", "01 21 36"),
        ("anonymous", f"/feedback/{w['correction']['id']}", "01 21 34"),
        ("anonymous", f"/feedback/{w['request']['id']}", "21 35 36"),
        ("editor", f"/feedback/{w['correction']['id']}", "01 21 31 32 33 34"),
        ("editor", f"/feedback/{w['request']['id']}", "21 32 35 36"),
        ("editor", "/feedback/inbox", "01 21 31 36"),
        ("reviewer", "/review?state=published", "01 43"),
        ("reviewer", f"/dataset/{e}/review", "01 41 42 43 51"),
        ("editor", "/review/notifications", "01 42 43"),
        ("reviewer", "/review/adjustments", "21 44"),
        ("reviewer", f"/dataset/{e}/privacy", "01 11 51"),
        ("anonymous", "/showcase/", "61 62 63"),
        ("anonymous", f"/showcase/{w['case']['id']}", "01 61 62 63"),
        ("anonymous", "/assessment", "21"),
        ("anonymous", f"/assessment/agency/{a}", "21"),
        ("reviewer", "/assessment/problems", "01 21"),
        ("sysadmin", "/harvest", "21 71 72"),
        ("sysadmin", f"/harvest/{w['source']['name']}", "21 71 72"),
    ]


def _unsafe(fid: str, segment: str) -> bool:
    """Raw markup in the text of a field: any at all in plain-text fields; in markdown fields (run
    through CKAN's sanitiser, which keeps harmless tags such as <img src>) scripts, event handlers
    and javascript: links."""
    if fid in MARKDOWN_FIELDS:
        return bool(re.search(r"<script|<[^>]*\son\w+\s*=|javascript:[^<]*</a>|=\s*[\"']?javascript:", segment, re.I))
    return bool(re.search(r"[<>]|(?<!\\)\"", segment))


def _problems(body: str, payload: str) -> tuple[set[str], list[str]]:
    """The fields a page rendered, and what is wrong with how it rendered them."""
    problems = [f"raw markup {danger.pattern!r}" for danger in _DANGER if danger.search(body)]
    problems += [f"event handler {handler}" for handler in _planted_handlers(body)]
    rendered = set()
    for match in re.finditer(r"qx(\d\d)a", body):
        fid = match.group(1)
        rendered.add(fid)
        limit = body.find(f"qx{fid}a", match.end())  # the closing marker of this occurrence, not a later one
        end = body.find(f"qx{fid}z", match.end(), limit if limit >= 0 else len(body))
        if end >= 0:
            segment = body[match.end():end]
        else:  # truncated for display: up to the ellipsis, or the next tag
            window = body[match.end():match.end() + 8 * len(payload)]
            cut = min([i for i in (window.find("..."), window.find("…"), window.find("<")) if i >= 0] or [len(window)])
            segment = window[:cut]
        if _unsafe(fid, segment):
            problems.append(f"field {fid} ({FIELDS[fid]}) unescaped: {segment[:120]!r}")
        if "{{" in payload and end >= 0 and "49" in segment:
            problems.append(f"field {fid} ({FIELDS[fid]}) evaluated as a template: {segment!r}")
    return rendered, problems


@pytest.mark.parametrize("html", [
    '<h1>qx01a<script>alert(1)</script>qx01z</h1>', '<a title="qx01a"><img src=x onerror=alert(1)>qx01z">',
    '<p>qx01a<img src=x onerror=alert(1)>qx01z</p>', '<a href="javascript:alert(1)">qx13a</a>',
    '<p>qx02a<a href="javascript:alert(1)">x</a>qx02z</p>', '<p>qx02a<b onmouseover=alert(1)>x</b>qx02z</p>',
    '<h1>qx01a49qx01z</h1>'])
def test_the_check_catches_raw_markup(html):
    """The sweep can fail: markup as an unescaping template would produce it is reported."""
    payload = "{{7*7}}" if "49" in html else PAYLOADS["chinese_mixed"]
    rendered, problems = _problems(html, payload)
    assert rendered and problems, html
    assert not _problems("<h1>qx01a&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;qx01z</h1>", payload)[1]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis", "storage", "with_request_context")
@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_hostile_text_renders_escaped(app, name, capsys):
    payload = PAYLOADS[name]
    w = _world(payload)
    clients = {"anonymous": app.test_client()}
    for who, user in (("editor", w["editor"]), ("reviewer", REVIEWER), ("sysadmin", w["sysadmin"])):
        clients[who] = logged_in_client(app, user)
    failures = []
    for who, path, expected in _pages(w):
        for prefix in ("", "/en"):
            response = clients[who].get(prefix + path)
            assert response.status_code == 200, (prefix + path, response.status_code)
            rendered, problems = _problems(response.body, payload)
            missing = set(expected.split()) - rendered
            if prefix == "/en" and "03" in rendered:  # English pages name the entry by its English title
                missing.discard("01")
            if prefix == "/en" and "23" in rendered:  # and the agency by its English name
                missing.discard("21")
            assert not missing, f"{prefix}{path} no longer shows fields {sorted(missing)}: the check cannot fail there"
            for fid in rendered:
                TRIED.append(not problems)
            failures += [f"{prefix}{path}: {p}" for p in problems]
    with capsys.disabled():
        print(f"\n[security] stored xss: {len(TRIED)} cases, {TRIED.count(False)} failures")
    assert not failures, "\n".join(failures)
