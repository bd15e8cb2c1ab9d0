"""Fuzz over every registered action (CKAN's, the plugins' and ours) through the API and every GET
address of the running portal: a NUL character, wrong types (a list, an object, a huge number),
unknown references and huge texts, asked by a sysadmin (who reaches deepest) and a logged-in user
(whose auth functions run): never a 5xx, and a refusal tells why in the reader's language
(issue 18, item 12). One small portal; every case is a real HTTP request."""
from __future__ import annotations

import re
import time
from types import SimpleNamespace
from typing import Any, Iterator
from urllib.parse import quote

import pytest

import ckan.logic as logic
import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry
from ckanext.harbin_opendata.tests.web import csrf_token, logged_in_client

NUL, UNKNOWN, HUGE = "hrb\x00x", "hrb-no-such-thing", "x" * 100_000
# Kinds of bad value, each given to every documented parameter at once (and to `id` alone where
# that differs); the sysadmin reaches deepest, the citizen's calls run the auth functions.
SYSADMIN_KINDS = {"list": ["x"], "number": 10 ** 30, "unknown": UNKNOWN, "huge": HUGE}
CITIZEN_KINDS = {"nul": NUL, "object": {"x": "y"}}
PATH_VALUES = {"nul": "hrb%00x", "unknown": UNKNOWN, "huge": "x" * 3000}
ODD_PATH = "..%2f%2e%2e%5c'\"<>"
QUERIES = ["q=%00", "id=%00", "date=x", "fl=name", "page=-1", "sort=%00", "limit=10000000000000000000"]
SKIPPED_PAGES = re.compile(r"^/(<path:filename>|webassets/|api/(<[^>]*>/)?action/|no/|zh_CN/|zh_TW/|user/_logout)")


@pytest.fixture
def portal(with_plugins, clean_db, clean_index, clean_redis):
    """A sysadmin, a citizen and an agency with a published and a draft entry."""
    agency = Agency(name="hrb-agency-a")
    return SimpleNamespace(sysadmin=factories.Sysadmin(name="site_admin")["name"],
                           citizen=factories.User(name="citizen")["name"], agency=agency["name"],
                           open=CatalogEntry(owner_org=agency["id"], name="hrb-open")["name"],
                           draft=CatalogEntry(owner_org=agency["id"], published=False, name="hrb-draft")["name"])


def _params(action: str) -> list[str]:
    doc = logic.get_action(action).__doc__ or ""
    return sorted(set(re.findall(r":param ([A-Za-z_.]+)", doc)) | {"id"})


def payloads(action: str, kinds: dict[str, Any]) -> Iterator[dict[str, Any]]:
    params = _params(action)
    for kind, value in kinds.items():
        yield {param: value for param in params}
        if len(params) > 1 and kind == "unknown":
            yield {"id": value}


def _actions() -> list[str]:
    logic.get_action("package_show")  # loads the registry with the plugins
    return sorted(logic._actions)


def _token(user: str) -> str:
    return tk.get_action("api_token_create")({"user": user, "ignore_auth": True}, {"user": user, "name": "fuzz"})["token"]


def page_urls(flask_app: Any) -> Iterator[tuple[str, str]]:
    """(address, role): every GET rule with each bad value in its variables (or bad query
    parameters when it has none) for the sysadmin, odd ones for anonymous visitors."""
    rules = sorted({rule.rule for rule in flask_app.url_map.iter_rules() if "GET" in rule.methods})
    for rule in rules:
        if SKIPPED_PAGES.match(rule):
            continue
        fixed = {"ver": "3" if "max=3" in rule else "2", "_format": "ttl", "fmt": "csv", "lang": "zh_Hans_CN"}
        names = set(re.findall(r"<(?:[^:>]*:)?([^>]+)>", rule)) - set(fixed)
        plain = re.sub(r"<(?:[^:>]*:)?([^>]+)>", r"{\1}", rule)
        if not names:
            yield plain.format(**fixed) + "?" + "&".join(QUERIES), "sysadmin"
            continue
        for value in PATH_VALUES.values():
            yield plain.format(**fixed, **{name: value for name in names}), "sysadmin"
        yield plain.format(**fixed, **{name: ODD_PATH for name in names}), "anonymous"


# Posted forms: every POST address, its variables the portal's own objects where the address names
# them (so the view reads the form, not only a 404), and every field a form of the suite or of CKAN
# sends, each given a bad value at once: text where a number is wanted, NUL, a number too big.
SKIPPED_POSTS = re.compile(r"^/(api/|user/_logout|ckan-admin/)")  # actions: above; site settings: not junk
FORM_FIELDS = ("draw", "start", "length", "order[0][column]", "order[0][dir]", "search[value]", "columns[0][data]",
               "columns[0][searchable]", "filters", "visible", "q", "id", "name", "title", "notes", "state",
               "reason", "comment", "days", "deadline", "quota", "limit", "page", "sort", "url", "email",
               "password", "password1", "password2", "fullname", "role", "username", "capacity", "save",
               "resource_id", "view_type", "decision", "answer", "kind", "description", "format", "header_row",
               "table", "purpose", "agreement", "identity_number", "real_name", "phone", "data_items")
FORM_VALUES = {"text": "abc", "nul": NUL, "number": "9" * 30}


def post_urls(flask_app: Any, known: dict[str, str]) -> list[str]:
    rules = sorted({rule.rule for rule in flask_app.url_map.iter_rules() if "POST" in rule.methods})
    urls = [re.sub(r"<(?:[^:>]*:)?([^>]+)>", lambda name: known.get(name.group(1), UNKNOWN), rule)
            for rule in rules if not SKIPPED_POSTS.match(rule)]
    return sorted(urls, key=lambda url: "delete" in url)  # the entry and its table stay till the end


def _loaded_table_view(portal: Any) -> dict[str, str]:
    """A table in the DataStore with CKAN's table view on it (written as the loader would)."""
    context = {"user": portal.sysadmin, "ignore_auth": True}
    table = tk.get_action("datastore_create")(context, {
        "resource": {"package_id": portal.open, "name": "区县企业登记表"}, "fields": [{"id": "企业名称", "type": "text"}],
        "records": [{"企业名称": "哈尔滨市道里区供热公司"}], "force": True})
    view = tk.get_action("resource_view_create")(context, {
        "resource_id": table["resource_id"], "view_type": "datatables_view", "title": "表格"})
    return {"resource_id": table["resource_id"], "resource_view_id": view["id"], "view_id": view["id"]}


def test_no_server_error_on_posted_forms(app, portal, capsys):
    known = {"id": portal.open, **_loaded_table_view(portal)}
    client = logged_in_client(app, portal.sysadmin)
    token = csrf_token(client.get("/dataset/new").body)
    wrong, urls, started = [], post_urls(app.flask_app, known), time.monotonic()
    for url in urls:
        for kind, value in FORM_VALUES.items():
            try:  # the test app lets a view's exception through: a 500 in production
                response = client.post(url, data={**{field: value for field in FORM_FIELDS}, "_csrf_token": token},
                                       follow_redirects=False)
            except Exception as error:  # noqa: BLE001 - every failure is reported, then the next address
                model.Session.remove()
                wrong.append(f"POST {url} ({kind}): {type(error).__name__} {str(error)[:160]}")
                continue
            if response.status_code >= 500:
                wrong.append(f"POST {url} ({kind}): {response.status_code} {_message(response)[:120]}")
    with capsys.disabled():
        print(f"\n[security] form fuzz: {len(urls)} addresses, {len(urls) * len(FORM_VALUES)} requests in "
              f"{time.monotonic() - started:.0f} s, {len(wrong)} server errors")
    assert not wrong, "\n".join(wrong)


def test_following_a_deleted_entry_twice_is_a_conflict_not_a_500(app, portal):
    """CKAN's follow_dataset looks for an existing follow under the name given, and inserts under the
    entry's id: a second follow of a deleted entry (or two at once) breaks the unique key."""
    tk.get_action("package_delete")({"user": portal.sysadmin}, {"id": portal.open})
    client = logged_in_client(app, portal.sysadmin)
    token = csrf_token(client.get("/dataset/new").body)
    answers = [client.post(f"/dataset/follow/{portal.open}", data={"_csrf_token": token}, follow_redirects=False)
               for _ in range(2)]
    assert answers[0].status_code in (200, 302) and answers[1].status_code == 409
    assert "已经" in answers[1].get_data(as_text=True)


def _message(response: Any) -> str:
    return response.get_data(as_text=True)[:300]


def test_no_server_error(app, portal, capsys):
    client, tokens = app.test_client(), {role: _token(getattr(portal, role)) for role in ("sysadmin", "citizen")}
    tokens["anonymous"] = ""
    wrong, tried, started = [], 0, time.monotonic()
    for action in _actions():
        for role, kinds in (("sysadmin", SYSADMIN_KINDS), ("citizen", CITIZEN_KINDS)):
            for data in payloads(action, kinds):
                response = client.post(f"/api/3/action/{action}", json=data, headers={"Authorization": tokens[role]})
                tried += 1
                if response.status_code >= 500:
                    wrong.append(f"{action} {sorted(data)}={str(next(iter(data.values())))[:20]!r} as {role}: "
                                 f"{response.status_code} {_message(response)}")
    middle, urls = time.monotonic(), list(page_urls(app.flask_app))
    for url, role in urls:
        response = client.get(url, headers={"Authorization": tokens[role]} if tokens[role] else {}, follow_redirects=False)
        tried += 1
        if response.status_code >= 500:
            wrong.append(f"GET {url[:120]} as {role}: {response.status_code}")
    with capsys.disabled():
        print(f"\n[security] fuzz: {len(_actions())} actions in {middle - started:.0f} s, {len(urls)} addresses in "
              f"{time.monotonic() - middle:.0f} s, {tried} requests, {len(wrong)} server errors")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("prefix,words", [("", "空字符"), ("/en", "NUL character")])
def test_nul_is_a_clear_400(app, portal, prefix, words):
    for url in (f"{prefix}/dataset/%00", f"{prefix}/feedback/%00", f"{prefix}/api/3/action/package_show?id=%00"):
        response = app.test_client().get(url)
        text = response.json["error"]["message"] if response.is_json else response.get_data(as_text=True)
        assert response.status_code == 400 and words in text, url


@pytest.mark.usefixtures("with_plugins")
def test_every_action_keeps_its_documentation():
    """The guard chains every action: help_show (and the params the fuzz reads) still get each
    action's own docstring, not functools.partial's."""
    lost = [name for name in _actions() if (logic.get_action(name).__doc__ or "").startswith("partial(")]
    assert not lost, lost
