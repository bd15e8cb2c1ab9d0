"""A small portal for the page, form, action and leak sweeps: two agencies (A with an editor and an
admin, B with an editor), a self-registered citizen, the big-data centre's reviewer and a sysadmin;
agency A's entries in every review state (one with personal data, scanned), a 有条件开放 entry with
an application and a grant, a harvest source with credentials, a correction request, a catalog
adjustment and two reuse cases."""
from __future__ import annotations

import copy
import html.parser
import json
from types import SimpleNamespace
from typing import Any, Optional

import pytest

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.access import verification
from ckanext.harbin_opendata.feedback.model import FeedbackRequest
from ckanext.harbin_opendata.tests.access.conftest import AGREEMENT, application_form
from ckanext.harbin_opendata.tests.privacy.jobs import run_scans
from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry
from ckanext.harbin_opendata.tests.privacy.conftest import csv_bytes, upload
from ckanext.harbin_opendata.tests import snapshot
from ckanext.harbin_opendata.tests.conftest import clean_database
from ckanext.harbin_opendata.tests.web import logged_in_client

__all__ = ["build_world", "ROLES", "OUTSIDERS", "SECRET_TITLES", "SECRET_CASE", "SECRET_TOKEN", "REQUESTER_PHONE", "our_rules",
           "clients", "forms"]

ROLES = ["anonymous", "citizen", "other_editor", "editor", "admin", "reviewer", "sysadmin"]
OUTSIDERS = ["anonymous", "citizen", "other_editor"]  # may see nothing of agency A's unpublished entries
REVIEWER = "centre_reviewer"  # named in test.ini's ckanext.harbin_opendata.review.reviewers
# Titles of what only its agency and the reviewers may see: no page may show them to anyone else.
SECRET_TITLES = {"draft": "未公开草稿条目甲", "pending": "待审核条目乙", "clean": "待审核条目丙",
                 "returned": "已退回条目戊", "withdrawn": "已撤回条目己", "deleted": "已删除条目庚"}
SECRET_CASE = "未发布的利用案例丁"
# Only sysadmins may read a harvest source's credentials.
SECRET_TOKEN = "Bearer hrb-secret-token-5d1f"
REQUESTER_PHONE = "13912345678"  # typed into a request's description before public fields were checked


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


def _secret_entry(world: SimpleNamespace, key: str, **extra: Any) -> str:
    """An entry of agency A with its secret title, a keyword and notes no outsider may read."""
    return CatalogEntry(owner_org=world.agency_id, published=False, name=f"hrb-{key}", title=SECRET_TITLES[key],
                        notes=f"{SECRET_TITLES[key]}的摘要", tags=[{"name": f"秘密关键词{key}"}], **extra)["name"]


def _conditional_entry(w: SimpleNamespace) -> None:
    """A published 有条件开放 entry of agency A with its agreement, the citizen's pending
    application and an approved one (a grant to revoke)."""
    w.conditional = CatalogEntry(owner_org=w.agency_id, name="hrb-conditional", title="有条件开放条目",
                                 open_type="conditional", open_conditions="须签署数据使用协议")["name"]
    tk.get_action("harbin_access_agreement_update")({"user": w.editor}, {"id": w.conditional, "text": AGREEMENT})
    w.application, w.grant = (tk.get_action("harbin_access_apply")({"user": w.citizen}, application_form(w.conditional))["id"]
                              for _ in range(2))
    tk.get_action("harbin_access_approve")({"user": w.editor}, {
        "id": w.grant, "expires_on": application_form(w.conditional)["wanted_until"]})


def _act(action: str, user: str, entry: str, comment: str = "") -> None:
    tk.get_action(f"harbin_review_{action}")({"user": user}, {"id": entry, "comment": comment})


@pytest.fixture
def world(with_plugins, clean_db, clean_index, clean_redis, sweep_storage):
    """The world, built for the test (see build_world)."""
    return build_world()


@pytest.fixture(scope="module")
def _kept(tmp_path_factory):
    kept: dict[str, Any] = {"storage": tmp_path_factory.mktemp("world-storage"), "kept": tmp_path_factory.mktemp("world-kept")}
    yield kept
    if "snapshot" in kept:
        kept["snapshot"].drop()


@pytest.fixture
def kept_world(ckan_config, monkeypatch, reset_db, migrate_db_for, reset_index, reset_redis, _kept, with_plugins):
    """The world as `world` gives it, built once per module (as `world` builds it: after clean_db,
    clean_index and clean_redis) and put back exactly before each further test (tests/snapshot.py):
    its tables, search index, Redis keys and stored files, whatever the test before changed. The
    storage directory is the module's own, put back too: the same path for every test keeps the
    configuration unchanged, so the plugins and the web application are not loaded again."""
    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(_kept["storage"]))
    if "snapshot" not in _kept:
        clean_database(reset_db, migrate_db_for)
        reset_index()
        reset_redis()
        datastore_tables = snapshot.datastore_tables()
        with snapshot.recording_index(monkeypatch) as sent:
            _kept["world"] = build_world()
        _kept["snapshot"] = snapshot.Snapshot(_kept["storage"], _kept["kept"], sent, datastore_tables)
    else:
        _kept["snapshot"].restore(_kept["storage"])
    return copy.deepcopy(_kept["world"])


def build_world() -> SimpleNamespace:
    """Agencies A and B; A's editor and admin, B's editor, a self-registered citizen, the centre's
    reviewer and a sysadmin; agency A's entries in every review state, each with its own secret
    title, notes and keyword (the draft also a file of a format nobody else uses); a harvest source
    with a bearer token; a correction request, a catalog adjustment, two reuse cases."""
    editor, admin, other_editor = (factories.User(name=name) for name in ("agency_editor", "agency_admin", "other_editor"))
    agency = Agency(name="hrb-agency-a", title="哈尔滨市甲局", users=[
        {"name": editor["name"], "capacity": "editor"}, {"name": admin["name"], "capacity": "admin"}])
    other = Agency(name="hrb-agency-b", users=[{"name": other_editor["name"], "capacity": "editor"}])
    w = SimpleNamespace(agency=agency["name"], agency_id=agency["id"], other_agency=other["name"],
                        editor=editor["name"], admin=admin["name"], other_editor=other_editor["name"],
                        citizen=factories.User(name="citizen")["name"], reviewer=factories.User(name=REVIEWER)["name"],
                        sysadmin=factories.Sysadmin(name="site_admin")["name"], anonymous="")
    for key in SECRET_TITLES:
        setattr(w, key, _secret_entry(w, key))
    w.open = CatalogEntry(owner_org=agency["id"], name="hrb-open", title="已公开条目")["name"]
    _conditional_entry(w)
    w.unverified = factories.User(name="new_citizen")["name"]  # registered, its address not yet verified
    verification.require_verification(model.User.get(w.unverified))
    model.repo.commit()
    w.secret_format = "HRBSECRETFMT"
    w.draft_resource = tk.get_action("resource_create")({"user": w.editor}, {
        "package_id": w.draft, "name": "草稿文件", "format": w.secret_format, "url": "https://example.org/d.bin"})["id"]
    # Personal data in the pending entry: findings to see, mask and exempt.
    w.resource = upload(w.pending, w.editor, csv_bytes(30), "名单.csv", "CSV")["id"]
    # … and a table whose header row nobody can tell: its agency confirms it.
    w.uncertain = upload(w.pending, w.editor, "甲,乙\r\n丙,丁\r\n".encode(), "说明.csv", "CSV")["id"]
    scans = {scan.resource_id: scan for scan in run_scans(model.Package.get(w.pending).id)}
    w.scan = scans[w.resource].id
    for key in ("pending", "clean", "returned", "withdrawn", "deleted"):
        _act("submit", w.editor, getattr(w, key))
    _act("return", w.reviewer, w.returned, "请补充数据项。")
    for key in ("withdrawn", "deleted"):  # published and edited once: their public past must not show
        _act("publish", w.reviewer, getattr(w, key))
        tk.get_action("package_patch")({"user": w.editor}, {"id": getattr(w, key), "contact_name": "数据联络员"})
    _act("withdraw", w.editor, w.withdrawn, "数据有误，撤回修改。")
    tk.get_action("package_delete")({"user": w.sysadmin}, {"id": w.deleted})
    w.secret_ids = {key: model.Package.get(getattr(w, key)).id for key in SECRET_TITLES}
    w.harvest_source = tk.get_action("harvest_source_create")({"user": w.sysadmin}, {
        "name": "hrb-agency-a-api", "title": "甲局接口", "url": "http://127.0.0.1:9/catalog",
        "source_type": "harbin_json_api", "frequency": "MANUAL", "owner_org": agency["id"],
        "config": json.dumps({"headers": {"Authorization": SECRET_TOKEN}, "list_path": "data",
                              "fields": {"title": "mc"}})})["id"]
    w.request = tk.get_action("harbin_feedback_create")({"user": w.citizen}, {
        "kind": "correction", "dataset": w.open, "title": "数值有误", "description": "第3行应为12"})["id"]
    model.Session.get(FeedbackRequest, w.request).description += f"，请回电{REQUESTER_PHONE}"
    model.repo.commit()
    if p.plugin_loaded("harbin_access"):
        w.app_key = tk.get_action("harbin_access_key_create")({"user": w.citizen}, {"name": "我的程序"})["id"]
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


def two_agencies() -> tuple[dict[str, Any], str, str]:
    """人社局 (hrb-rsj) and 自然资源局 (hrb-zrzyj), an editor of each: (人社局, its editor, the other's)."""
    editor, other = factories.User(name="rsj_editor")["name"], factories.User(name="zrzyj_editor")["name"]
    agency = Agency(name="hrb-rsj", users=[{"name": editor, "capacity": "editor"}])
    Agency(name="hrb-zrzyj", users=[{"name": other, "capacity": "editor"}])
    return agency, editor, other


def api_caller(app: Any, users: list[str]) -> Any:
    """call(user, action, **data): the API as each of `users`, with an API token of theirs."""
    tokens = {name: tk.get_action("api_token_create")({"user": name, "ignore_auth": True},
                                                       {"user": name, "name": "test"})["token"] for name in users}

    def call(user: str, action: str, **data: Any) -> Any:
        return app.post(f"/api/3/action/{action}", json=data, headers={"Authorization": tokens[user]})
    return call
