"""Harvest sources (issue 18, item 4): only sysadmins (or the roles named in
harvest.source_managers) manage them; a source writes entries into its own agency unless a sysadmin
lists others; its credentials are shown to sysadmins only, wherever the source is shown."""
from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.harvest.runner import run_source
from ckanext.harbin_opendata.tests.factories import Agency
from ckanext.harbin_opendata.tests.harvest import samples
from ckanext.harbin_opendata.tests.harvest.test_json_api import CONFIG, _serve_pages
from ckanext.harbin_opendata.tests.http_server import SourceServer
from ckanext.harbin_opendata.tests.web import logged_in_client

TOKEN = "Bearer hrb-secret-token-77"
MANAGERS = "ckanext.harbin_opendata.harvest.source_managers"


@pytest.fixture
def cast(with_plugins, clean_db, clean_index, with_request_context):
    """The sample agencies; an editor and an admin of 市场监督管理局; a citizen, the reviewer, a sysadmin."""
    editor, admin = factories.User(name="agency_editor"), factories.User(name="agency_admin")
    agencies = {key: Agency(name=name, title=title, credit_code=code, users=[
        {"name": editor["name"], "capacity": "editor"}, {"name": admin["name"], "capacity": "admin"}] if key == "scjg" else [])
        for key, (name, title, code) in samples.AGENCIES.items()}
    return SimpleNamespace(agencies=agencies, editor=editor["name"], admin=admin["name"],
                           citizen=factories.User(name="citizen")["name"],
                           reviewer=factories.User(name="centre_reviewer")["name"],
                           sysadmin=factories.Sysadmin(name="site_admin")["name"])


def _source(user: str, owner: str, config: dict[str, Any], name: str = "scjg-api", url: str = "http://127.0.0.1:9/api") -> Any:
    return tk.get_action("harvest_source_create")({"user": user, "ignore_auth": False}, {
        "name": name, "title": "市场监管接口", "url": url, "source_type": "harbin_json_api", "frequency": "MANUAL",
        "owner_org": owner, "config": json.dumps({**CONFIG, **config}, ensure_ascii=False)})


def test_only_sysadmins_manage_sources_by_default(cast):
    scjg = cast.agencies["scjg"]["id"]
    for user in (cast.editor, cast.admin, cast.citizen, cast.reviewer):
        with pytest.raises(tk.NotAuthorized):
            _source(user, scjg, {})
        with pytest.raises(tk.NotAuthorized):  # the source form's route
            tk.get_action("package_create")({"user": user, "ignore_auth": False}, {
                "type": "harvest", "name": "x-source", "url": "http://127.0.0.1:9/", "source_type": "harbin_json_api",
                "owner_org": scjg})
    source = _source(cast.sysadmin, scjg, {})
    for user in (cast.editor, cast.admin):
        for action, data in (("harvest_source_update", {"id": source["id"], "url": "http://10.0.0.1/"}),
                             ("harvest_job_create", {"source_id": source["id"]}),
                             ("harvest_source_delete", {"id": source["id"]})):
            with pytest.raises(tk.NotAuthorized):
                tk.get_action(action)({"user": user, "ignore_auth": False}, data)


def test_the_new_source_form_is_only_for_who_may_create_a_source(app, with_plugins, clean_db, clean_index,
                                                                  ckan_config, monkeypatch):
    """An agency editor asking for /harvest/new gets the refusal, not a form whose saving fails."""
    editor, admin, sysadmin = factories.User(), factories.User(), factories.Sysadmin()
    Agency(users=[{"name": editor["name"], "capacity": "editor"}, {"name": admin["name"], "capacity": "admin"}])

    def status(user: dict[str, Any]) -> int:
        return logged_in_client(app, user["name"]).get("/harvest/new", status=None).status_code

    assert [status(user) for user in (sysadmin, editor, admin)] == [200, 403, 403]
    monkeypatch.setitem(ckan_config, MANAGERS, ["agency_admins"])
    assert [status(user) for user in (editor, admin)] == [403, 200]


def test_a_configured_role_manages_its_agencys_sources_but_not_their_reach(cast, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, MANAGERS, ["agency_admins"])
    scjg, wjw = cast.agencies["scjg"]["id"], cast.agencies["wjw"]["id"]
    source = _source(cast.admin, scjg, {})
    with pytest.raises(tk.NotAuthorized):  # not an admin there
        _source(cast.admin, wjw, {}, name="wjw-api")
    with pytest.raises(tk.NotAuthorized, match="allowed_agencies"):
        _source(cast.admin, scjg, {"allowed_agencies": ["*"]}, name="wide-api")
    with pytest.raises(tk.NotAuthorized, match="allowed_agencies"):
        tk.get_action("harvest_source_patch")({"user": cast.admin, "ignore_auth": False}, {
            "id": source["id"], "config": json.dumps({"allowed_agencies": ["hrb-wjw"]})})
    with pytest.raises(tk.NotAuthorized):
        _source(cast.editor, scjg, {}, name="editor-api")
    secret = _source(cast.sysadmin, scjg, {"headers": {"Authorization": TOKEN}}, name="secret-api")
    with pytest.raises(tk.NotAuthorized, match="凭据|credentials"):
        tk.get_action("harvest_source_patch")({"user": cast.admin, "ignore_auth": False}, {
            "id": secret["id"], "title": "改名"})


def _entries() -> dict[str, list[str]]:
    model.Session.expire_all()
    owners: dict[str, list[str]] = {}
    for package in model.Session.query(model.Package).filter_by(type="dataset", state="active"):
        owners.setdefault(model.Group.get(package.owner_org).name, []).append(package.extras["resource_code"])
    return {name: sorted(codes) for name, codes in owners.items()}


def test_a_source_writes_into_its_own_agency_only(cast):
    scjg, wjw = cast.agencies["scjg"]["id"], "hrb-wjw"
    with SourceServer() as server:
        url = _serve_pages(server, samples.json_pages())
        source = _source(cast.sysadmin, scjg, {}, url=url)
        summary = run_source(source["id"])
        assert _entries() == {"hrb-scjgj": ["301001/000001", "301001/000002"]}  # the record of 卫健委 is refused
        assert "hrb-wjw" in json.dumps(summary, ensure_ascii=False)
        # A configuration naming another agency as the default does not move the source's reach.
        other = _source(cast.sysadmin, scjg, {"owner_org": wjw, "fields": {
            k: v for k, v in CONFIG["fields"].items() if k not in ("agency", "credit_code")}}, name="other-api", url=url)
        run_source(other["id"])
        assert "hrb-wjw" not in _entries()
        # A sysadmin lets the first source write into 卫健委 too.
        tk.get_action("harvest_source_patch")({"user": cast.sysadmin}, {
            "id": source["id"], "config": json.dumps({**CONFIG, "allowed_agencies": [wjw]}, ensure_ascii=False)})
        run_source(source["id"])
        assert _entries()["hrb-wjw"] == ["301002/000001"]


def test_credentials_are_shown_to_sysadmins_only(app, cast):
    source = _source(cast.sysadmin, cast.agencies["scjg"]["id"], {"headers": {"Authorization": TOKEN}},
                     url="https://user:hrb-url-password@127.0.0.1:9/api?token=hrb-url-token&page=1")
    secrets = (TOKEN, "hrb-url-password", "hrb-url-token")
    for user in ("", cast.citizen):  # not even the source (test_source_visibility.py)
        with pytest.raises(tk.ObjectNotFound):  # as a source that does not exist
            tk.get_action("harvest_source_show")({"user": user, "ignore_auth": False}, {"id": source["id"]})
    for user in (cast.editor, cast.admin, cast.reviewer):  # the source, its credentials masked
        context = {"user": user, "ignore_auth": False}
        for answer in (tk.get_action("harvest_source_show")(context, {"id": source["id"]}),
                       tk.get_action("package_show")(dict(context), {"id": source["id"]}),
                       tk.get_action("harvest_source_list")(dict(context), {}),
                       tk.get_action("package_search")(dict(context), {"fq": "+dataset_type:harvest",
                                                                        "fl": "id,config,extras_config,url,data_dict"})):
            text = json.dumps(answer, ensure_ascii=False)
            assert not [s for s in secrets if s in text], (user, text[:500])
    for path in (f"/harvest/{source['name']}", f"/harvest/about/{source['name']}", "/harvest/",
                 f"/dataset/activity/{source['name']}"):
        for client in (app.test_client(), logged_in_client(app, cast.admin)):
            body = client.get(path).get_data(as_text=True)
            assert not [s for s in secrets if s in body], path
    shown = tk.get_action("harvest_source_show")({"user": cast.sysadmin}, {"id": source["id"]})
    assert TOKEN in shown["config"] and "hrb-url-token" in shown["url"]
    indexed = tk.get_action("package_search")({"user": cast.sysadmin}, {"fq": "+dataset_type:harvest"})["results"]
    assert TOKEN not in json.dumps(indexed, ensure_ascii=False)  # never in the search index
