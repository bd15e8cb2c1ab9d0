"""A small portal for the page and form sweeps: two agencies with an editor each, a citizen, the
big-data centre's reviewer and a sysadmin; entries in every review state (one with personal data,
scanned), a correction request, a catalog adjustment and two reuse cases."""
from __future__ import annotations

import html.parser
from types import SimpleNamespace
from typing import Any, Optional

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.privacy.jobs import run_scans
from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry
from ckanext.harbin_opendata.tests.privacy.conftest import csv_bytes, upload
from ckanext.harbin_opendata.tests.web import logged_in_client

__all__ = ["ROLES", "our_rules", "clients", "forms"]

ROLES = ["anonymous", "citizen", "other_editor", "editor", "reviewer", "sysadmin"]
REVIEWER = "centre_reviewer"  # named in test.ini's ckanext.harbin_opendata.review.reviewers
# Titles of what only its agency and the reviewers may see: no page may show them to anyone else.
SECRET_TITLES = {"draft": "未公开草稿条目甲", "pending": "待审核条目乙", "clean": "待审核条目丙"}
SECRET_CASE = "未发布的利用案例丁"


def our_rules(flask_app: Any, method: str) -> list[Any]:
    """URL rules answering `method` whose view is code of this package (any plugin of it)."""
    rules = []
    for rule in flask_app.url_map.iter_rules():
        view = flask_app.view_functions.get(rule.endpoint)
        if method in rule.methods and getattr(view, "__module__", "").startswith("ckanext.harbin_opendata"):
            rules.append(rule)
    return sorted(rules, key=lambda r: (r.endpoint, r.rule))


@pytest.fixture
def sweep_storage(ckan_config, monkeypatch, tmp_path):
    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(tmp_path))
    return tmp_path


@pytest.fixture
def world(with_plugins, clean_db, clean_index, clean_redis, sweep_storage):
    editor, other_editor = factories.User(name="agency_editor"), factories.User(name="other_editor")
    agency = Agency(name="hrb-agency-a", title="哈尔滨市甲局",
                    users=[{"name": editor["name"], "capacity": "editor"}])
    Agency(name="hrb-agency-b", users=[{"name": other_editor["name"], "capacity": "editor"}])
    w = SimpleNamespace(agency=agency["name"], editor=editor["name"], other_editor=other_editor["name"],
                        citizen=factories.User(name="citizen")["name"], reviewer=factories.User(name=REVIEWER)["name"],
                        sysadmin=factories.Sysadmin(name="site_admin")["name"], anonymous="")
    a = agency["id"]
    w.draft = CatalogEntry(owner_org=a, published=False, name="hrb-draft", title=SECRET_TITLES["draft"])["name"]
    w.pending = CatalogEntry(owner_org=a, published=False, name="hrb-pending", title=SECRET_TITLES["pending"])["name"]
    w.clean = CatalogEntry(owner_org=a, published=False, name="hrb-clean", title=SECRET_TITLES["clean"])["name"]
    w.open = CatalogEntry(owner_org=a, name="hrb-open", title="已公开条目")["name"]
    # Personal data in the pending entry: findings to see, mask and exempt.
    w.resource = upload(w.pending, w.editor, csv_bytes(30), "名单.csv", "CSV")["id"]
    # … and a table whose header row nobody can tell: its agency confirms it.
    w.uncertain = upload(w.pending, w.editor, "甲,乙\r\n丙,丁\r\n".encode(), "说明.csv", "CSV")["id"]
    scans = {scan.resource_id: scan for scan in run_scans(model.Package.get(w.pending).id)}
    w.scan = scans[w.resource].id
    submit = tk.get_action("harbin_review_submit")
    submit({"user": w.editor}, {"id": w.pending})
    submit({"user": w.editor}, {"id": w.clean})
    w.request = tk.get_action("harbin_feedback_create")({"user": w.citizen}, {
        "kind": "correction", "dataset": w.open, "title": "数值有误", "description": "第3行应为12"})["id"]
    w.adjustment = tk.get_action("harbin_review_adjustment_create")({"user": w.reviewer}, {
        "organization": w.agency, "trigger_kind": "law", "description": "新法规施行", "trigger_date": "2026-11-01"})["id"]
    case = tk.get_action("harbin_showcase_create")
    w.case = case({"user": w.sysadmin}, {"title": "冰雪出行地图", "summary": "出行提示应用。", "unit": "哈工大",
                                         "kind": "app", "url": "https://example.org/a", "published": True})["id"]
    w.hidden_case = case({"user": w.sysadmin}, {"title": SECRET_CASE, "summary": "草稿。", "unit": "哈工大",
                                                "kind": "app", "url": "https://example.org/b", "published": False})["id"]
    return w


def clients(app: Any, world: SimpleNamespace) -> dict[str, Any]:
    """A browser per role, logged in through the login form (anonymous: no login)."""
    return {role: app.test_client() if role == "anonymous" else logged_in_client(app, getattr(world, role))
            for role in ROLES}


class _Forms(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._open: Optional[dict[str, Any]] = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self._open = {"method": (attributes.get("method") or "get").lower(),
                          "action": attributes.get("action") or "", "fields": set()}
            self.forms.append(self._open)
        elif tag in ("input", "textarea", "select", "button") and self._open is not None and attributes.get("name"):
            self._open["fields"].add(attributes["name"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None


def forms(page: str) -> list[dict[str, Any]]:
    """The page's forms: method, action (as written) and names of their fields."""
    parser = _Forms()
    parser.feed(page)
    return parser.forms
