"""CSRF on every form: each POST address of the suite's blueprints (enumerated from the running app)
is tried by a user allowed to use it, without a token, with another session's token, and with the
token of the form that posts there; and by a user not allowed to, with a valid token of their own.
Without a valid token: 400 and nothing changes; the outsider changes nothing; with the form's token
the change happens. Both with ckan.csrf_protection.ignore_extensions = false (test.ini) and with
CKAN 2.11's default (true), which exempts extension blueprints unless they protect themselves."""
from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any, Callable, NamedTuple
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.access.conftest import application_form
from ckanext.harbin_opendata.tests.web import csrf_token, logged_in_client

from .conftest import forms, our_rules


def _count(table: str, where: str = "TRUE") -> Callable[[SimpleNamespace], Any]:
    return lambda w: model.Session.execute(sa.text(f"SELECT count(*) FROM {table} WHERE {where}")).scalar()


def _review_state(entry: str) -> Callable[[SimpleNamespace], Any]:
    return lambda w: model.Session.execute(sa.text(
        "SELECT e.state FROM harbin_review_entry e JOIN package p ON p.id = e.package_id WHERE p.name = :name"),
        {"name": getattr(w, entry)}).scalar()


def _feedback(w: SimpleNamespace) -> Any:
    row = model.Session.execute(sa.text("SELECT state, organization_id FROM harbin_feedback_request WHERE id = :id"),
                                {"id": w.request}).one()
    return tuple(row)


def _extras(user: str) -> Callable[[SimpleNamespace], Any]:
    return lambda w: model.Session.execute(sa.text("SELECT plugin_extras FROM \"user\" WHERE name = :name"),
                                           {"name": getattr(w, user)}).scalar()


def _jobs(w: SimpleNamespace) -> int:
    return len(tk.get_action("job_list")({"ignore_auth": True}, {}))


class Case(NamedTuple):
    url: str  # str.format'ed with the world's attributes
    user: str  # a role allowed to post there
    form_page: str  # the page whose form posts there
    data: dict[str, str]
    probe: Callable[[SimpleNamespace], Any]  # what the post changes
    outsider: str = ""  # a role not allowed to: even with its own valid token, nothing changes


_ADJUSTMENT = {"organization": "hrb-agency-a", "trigger_kind": "law", "description": "机构职责调整",
               "trigger_date": "2026-11-02"}
_CASE = {"title": "公交到站提醒", "summary": "实时到站。", "unit": "哈尔滨学院", "kind": "app",
         "url": "https://example.org/bus", "published": "on"}
_APPLICATION = {key: str(value) for key, value in application_form("").items() if key not in ("id", "accept_agreement")}
_FEEDBACK = {"kind": "data_request", "title": "希望开放公交线路数据", "description": "线路与站点", "website": ""}

# endpoint -> how to fill and use it. A POST address of ours missing here fails the sweep.
CASES: dict[str, list[Case]] = {
    "harbin_privacy.exempt": [Case("/dataset/{pending}/privacy/exempt/{scan}", "reviewer", "/dataset/{pending}/privacy",
                                   {"reason": "数据已由申请人同意公开"}, _count("harbin_privacy_exemption"), "editor")],
    "harbin_privacy.mask": [Case("/dataset/{pending}/privacy/mask/{resource}", "editor",
                                 "/dataset/{pending}/privacy/mask/{resource}", {}, _jobs, "other_editor")],
    "harbin_privacy.scan": [Case("/dataset/{pending}/privacy/scan", "editor", "/dataset/{pending}/privacy", {},
                                 _count("harbin_privacy_scan"), "other_editor")],
    "harbin_privacy.confirm_layout": [Case("/dataset/{pending}/privacy/layout/{uncertain}", "editor",
                                           "/dataset/{pending}/privacy", {"header-0": "1"},
                                           _count("harbin_privacy_layout"), "other_editor")],
    "harbin_review.act": [
        Case("/dataset/{draft}/review/submit", "editor", "/dataset/{draft}/review", {}, _review_state("draft"), "other_editor"),
        Case("/dataset/{clean}/review/publish", "reviewer", "/dataset/{clean}/review", {}, _review_state("clean"), "editor"),
        Case("/dataset/{clean}/review/return", "reviewer", "/dataset/{clean}/review", {"comment": "请补充数据项"},
             _review_state("clean"), "editor"),
        Case("/dataset/{open}/review/withdraw", "editor", "/dataset/{open}/review", {}, _review_state("open"), "other_editor"),
    ],
    "harbin_review.adjustments": [Case("/review/adjustments", "editor", "/review/adjustments", _ADJUSTMENT,
                                       _count("harbin_review_adjustment"), "citizen")],
    "harbin_review.complete_adjustment": [Case("/review/adjustments/{adjustment}/complete", "reviewer",
                                               "/review/adjustments", {},
                                               _count("harbin_review_adjustment", "completed_at IS NULL"), "other_editor")],
    "harbin_access_centre.keys": [Case("/user/access/keys", "citizen", "/user/access/keys", {"name": "数据分析脚本"},
                                       _count("harbin_access_app_key"))],
    "harbin_access_centre.revoke": [Case("/user/access/keys/{app_key}/revoke", "citizen", "/user/access/keys", {},
                                         _count("harbin_access_app_key", "revoked_at IS NOT NULL"), "other_editor")],
    "harbin_access_email.resend": [Case("/user/access/verify", "unverified", "/user/access/applications", {},
                                        _extras("unverified"))],
    "harbin_access.apply": [Case("/dataset/{conditional}/apply", "citizen", "/dataset/{conditional}/apply",
                                 {**_APPLICATION, "accept_agreement": "on"}, _count("harbin_access_application"))],
    "harbin_access.agreement": [Case("/dataset/{conditional}/agreement", "editor", "/dataset/{conditional}/applications",
                                     {"text": "数据使用协议：仅限所申请用途使用，不得向第三方提供。"},
                                     _count("harbin_access_agreement"), "other_editor")],
    "harbin_access.decide": [
        Case("/access/application/{application}/approve", "editor", "/dataset/{conditional}/applications",
             {"expires_on": _APPLICATION["wanted_until"]}, _count("harbin_access_application", "state = 'pending'"),
             "other_editor"),
        Case("/access/application/{application}/reject", "editor", "/dataset/{conditional}/applications",
             {"reason": "用途与开放条件不符"}, _count("harbin_access_application", "state = 'pending'"), "other_editor"),
        Case("/access/application/{grant}/revoke", "editor", "/dataset/{conditional}/applications",
             {"reason": "超范围使用"}, _count("harbin_access_application", "state = 'revoked'"), "citizen")],
    "harbin_feedback.new": [Case("/feedback/new", "citizen", "/feedback/new", _FEEDBACK, _count("harbin_feedback_request"))],
    "harbin_feedback.handle": [
        Case("/feedback/{request}/" + action, "editor", "/feedback/{request}", data, _feedback, "other_editor")
        for action, data in (("accept", {}), ("resolve", {"comment": "已更正"}), ("reject", {"comment": "数据无误"}),
                             ("reassign", {"organization": "hrb-agency-b"}))],
    "harbin_showcase.new": [Case("/showcase/new", "reviewer", "/showcase/new", _CASE, _count("harbin_showcase_case"), "editor")],
    "harbin_showcase.edit": [Case("/showcase/{case}/edit", "sysadmin", "/showcase/{case}/edit",
                                  {**_CASE, "title": "冰雪出行地图（新版）"}, _count("harbin_showcase_case", "title LIKE '%新版%'"), "editor")],
}
TALLY = {"rules": set(), "cases": 0, "failures": 0}
# POST addresses that take no token, and why (each is marked csrf_exempt on its view).
EXEMPT = {"harbin_tracking.record": "tracking.js posts each page view without a token; it only adds a view count"}
# POST addresses that change nothing (they answer a query) and are posted by a script with the page's
# token in a header, not by a form: the test named checks that no token and a foreign one get 400.
QUERIES = {"datatablesview.ajax": "tests/data/test_table_rows.py::test_bad_input_is_refused_with_its_reason",
           "datatablesview.filtered_download": "tests/data/test_table_rows.py::test_the_filtered_download_has_the_rows_found",
           "harbin_data_items.draft":
               "tests/metadata/test_draft_items_action.py::test_the_forms_endpoint_answers_json_in_the_pages_language",
           "harbin_data_items.import_template":
               "tests/metadata/test_items_template.py::test_bad_rows_are_refused_with_their_row_numbers"}


@pytest.fixture
def world(kept_world):
    """Built once for the module, put back exactly before each case: a case's accepted post changes it."""
    return kept_world


def test_every_post_rule_has_a_case(app, with_plugins, capsys):
    rules = our_rules(app.flask_app, "POST")
    missing = sorted({rule.endpoint for rule in rules} - set(CASES) - set(EXEMPT) - set(QUERIES))
    stale = sorted((set(CASES) | set(EXEMPT) | set(QUERIES)) - {rule.endpoint for rule in rules})
    assert all(getattr(app.flask_app.view_functions[endpoint], "csrf_exempt", False) for endpoint in EXEMPT)
    with capsys.disabled():
        print(f"\n[security] csrf: {len(rules)} POST rules of ours enumerated, {len(missing)} without a case")
    assert rules, "no POST rule of ours found: plugins not loaded?"
    assert not missing, f"POST rules the CSRF sweep cannot fill: add them to CASES: {missing}"
    assert not stale, f"CASES for rules that no longer exist: {stale}"


def _form_posting_to(page: str, path: str, page_path: str) -> dict[str, Any]:
    for form in forms(page):
        target = urlsplit(form["action"]).path or page_path
        if form["method"] == "post" and target == path:
            return form
    raise AssertionError(f"no form on {page_path} posts to {path}")


def _tally(capsys: Any, endpoint: str, cases: int, problems: list[str]) -> None:
    TALLY["rules"].add(endpoint)
    TALLY["cases"] += cases
    TALLY["failures"] += len(problems)
    with capsys.disabled():
        print(f"\n[security] csrf: {len(TALLY['rules'])} rules, {TALLY['cases']} cases, {TALLY['failures']} failures")


def _refusals(app: Any, world: SimpleNamespace, case: Case) -> list[str]:
    """Post without a token and with another session's: 400 each time, and nothing changed."""
    url = case.url.format(**vars(world))
    client, stranger = logged_in_client(app, getattr(world, case.user)), logged_in_client(app, world.other_editor)
    before = case.probe(world)
    refused = {
        "no token": client.post(url, data=case.data).status_code,
        "another session's token": client.post(url, data={
            **case.data, "_csrf_token": csrf_token(stranger.get("/feedback/new").body)}).status_code,
    }
    model.Session.expire_all()
    after = case.probe(world)
    problems = [f"{url} as {case.user}, {how}: {status}, expected 400" for how, status in refused.items() if status != 400]
    return problems + ([f"{url} changed without a valid token: {before!r} -> {after!r}"] if after != before else [])


@pytest.mark.parametrize("endpoint,index", [(e, i) for e in sorted(CASES) for i in range(len(CASES[e]))])
def test_post_needs_the_forms_token(world, app, capsys, endpoint, index):
    case = CASES[endpoint][index]
    problems = _refusals(app, world, case)
    url, page_url = case.url.format(**vars(world)), case.form_page.format(**vars(world))
    if case.outsider:  # a valid token of its own does not make an outsider allowed
        outsider, untouched = logged_in_client(app, getattr(world, case.outsider)), case.probe(world)
        status = outsider.post(url, data={**case.data, "_csrf_token": csrf_token(outsider.get("/feedback/new").body)}).status_code
        model.Session.expire_all()
        problems += [f"{case.outsider} with a valid token: {status}"] if status >= 500 else []
        problems += [f"{case.outsider} with a valid token changed it"] if case.probe(world) != untouched else []
    client = logged_in_client(app, getattr(world, case.user))
    before = case.probe(world)
    page = client.get(page_url)
    form = _form_posting_to(page.body, url, page_url)
    data = dict(case.data)
    if endpoint == "harbin_privacy.mask":  # the form's own per-column rules
        data.update({name: "mask" for name in form["fields"] if name.startswith("rule-")})
    stamp = re.search(r'name="revision" value="([^"]*)"', page.body)
    if "revision" in form["fields"] and stamp:  # the review forms' stamp of what the reviewer read
        data["revision"] = stamp.group(1)
    accepted = client.post(url, data={**data, "_csrf_token": csrf_token(page.body)}).status_code
    model.Session.expire_all()
    after = case.probe(world)
    problems += [] if "_csrf_token" in form["fields"] else [f"the form on {page_url} has no _csrf_token field"]
    problems += [f"with the form's token: {accepted}"] if accepted in (400, 403) or accepted >= 500 else []
    problems += [] if after != before else [f"with the form's token nothing changed ({after!r})"]
    # no token, foreign token, an outsider's own token, the form's field, the form's token
    _tally(capsys, endpoint, 5 if case.outsider else 4, problems)
    assert not problems, f"{url} as {case.user}: {problems}"


def test_refused_with_ckans_default_setting(world, make_app, ckan_config, monkeypatch, capsys):
    """CKAN 2.11's default exempts extension blueprints; ours must refuse all the same."""
    monkeypatch.setitem(ckan_config, "ckan.csrf_protection.ignore_extensions", True)
    app = make_app()
    problems: list[str] = []
    for endpoint in sorted(CASES):
        for case in CASES[endpoint]:
            found = _refusals(app, world, case)
            _tally(capsys, endpoint, 2, found)
            problems += found
    assert not problems, problems
