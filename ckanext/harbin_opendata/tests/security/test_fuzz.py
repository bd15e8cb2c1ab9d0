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
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry

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
