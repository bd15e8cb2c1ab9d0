"""Harvest sources are read by sysadmins, the big-data centre's reviewers and the members of the
source's agency only (probe 3 finding 1: a visitor listed every source with the internal address of
the agency's legacy system on /harvest and through the API). Every surface is asked by everyone;
and an address the harvest could never fetch is refused when the source is saved."""
from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.web import logged_in_client

from ckanext.harbin_opendata.tests.factories import Agency
from ckanext.harbin_opendata.tests.harvest import samples

from .test_harvest_sources import _source

INTERNAL = "http://127.0.0.1:9/legacy-catalog-internal"
TITLE = "市场监管接口"
BLOCKED = "ckanext.harbin_opendata.files.blocked_networks"


@pytest.fixture
def world(app, with_plugins, clean_db, clean_index):
    """The sample agencies; an editor, an admin and a member of 市场监督管理局, another agency's
    editor, a citizen, the reviewer, a sysadmin; a source of 市场监督管理局 at an internal address.
    (Made in a request context of its own: the test clients' requests must not share its `g`.)"""
    with app.flask_app.test_request_context():
        people = {name: factories.User(name=name)["name"] for name in (
            "agency_editor", "agency_admin", "agency_member", "other_editor", "citizen", "centre_reviewer")}
        capacities = {"scjg": {"agency_editor": "editor", "agency_admin": "admin", "agency_member": "member"},
                      "wjw": {"other_editor": "editor"}}
        agencies = {key: Agency(name=name, title=title, credit_code=code, users=[
            {"name": user, "capacity": capacity} for user, capacity in capacities.get(key, {}).items()])
            for key, (name, title, code) in samples.AGENCIES.items()}
        sysadmin = factories.Sysadmin(name="site_admin")["name"]
        source = _source(sysadmin, agencies["scjg"]["id"], {}, url=INTERNAL)
    return SimpleNamespace(agencies=agencies, editor="agency_editor", admin="agency_admin", member="agency_member",
                           other_editor="other_editor", citizen="citizen", reviewer="centre_reviewer",
                           sysadmin=sysadmin, source=source)


def _readers(world: Any) -> dict[str, bool]:
    return {"": False, world.citizen: False, world.other_editor: False, world.member: True,
            world.editor: True, world.admin: True, world.reviewer: True, world.sysadmin: True}


def _call(action: str, user: str, data: dict[str, Any]) -> Any:
    return tk.get_action(action)({"user": user, "ignore_auth": False}, data)


def _shown(action: str, user: str, data: dict[str, Any]) -> bool:
    try:
        answer = _call(action, user, data)
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return False
    return INTERNAL in json.dumps(answer, ensure_ascii=False) or TITLE in json.dumps(answer, ensure_ascii=False)


def test_every_action_shows_the_source_to_its_readers_only(world):
    source = world.source
    for user, reads in _readers(world).items():
        seen = {
            "harvest_source_list": _shown("harvest_source_list", user, {}),
            "harvest_source_show": _shown("harvest_source_show", user, {"id": source["id"]}),
            "harvest_source_show by name": _shown("harvest_source_show", user, {"id": source["name"]}),
            "package_show": _shown("package_show", user, {"id": source["name"]}),
            "package_search": _shown("package_search", user, {"fq": "+dataset_type:harvest", "include_private": True}),
            "package_autocomplete": bool(_call("package_autocomplete", user, {"q": "市场监管"})),
            "package_list": source["name"] in _call("package_list", user, {}),
            "package_activity_list": _shown("package_activity_list", user, {"id": source["id"]}),
            "organization_activity_list": _shown("organization_activity_list", user,
                                                 {"id": world.agencies["scjg"]["id"]}),
            "recently_changed_packages_activity_list": _shown("recently_changed_packages_activity_list", user, {}),
            "user_activity_list": _shown("user_activity_list", user, {"id": world.sysadmin}),
        }
        assert seen == {name: reads for name in seen}, user or "anonymous"
        # where CKAN lists catalog entries only, nobody finds the source
        assert not _shown("package_search", user, {"q": TITLE, "include_private": True})
        assert not _shown("organization_show", user, {"id": world.agencies["scjg"]["id"], "include_datasets": True})


def test_activity_written_before_the_labels_stays_hidden(world):
    """Rows of a source's activity stored with the label "public" (before this rule) are hidden too."""
    from ckanext.activity.model import Activity

    for activity in model.Session.query(Activity).filter(Activity.object_id == world.source["id"]):
        activity.permission_labels = ["public"]
    model.repo.commit()
    for user, reads in _readers(world).items():
        for action, data in (("organization_activity_list", {"id": world.agencies["scjg"]["id"]}),
                             ("recently_changed_packages_activity_list", {}),
                             ("user_activity_list", {"id": world.sysadmin})):
            assert _shown(action, user, data) is reads, (user, action)
    activity_id = model.Session.query(Activity.id).filter(Activity.object_id == world.source["id"]).first()[0]
    for user, reads in _readers(world).items():
        if not reads:
            assert not _shown("activity_show", user, {"id": activity_id, "include_data": True}), user


def test_every_page_shows_the_source_to_its_readers_only(app, world):
    name = world.source["name"]
    paths = ["/harvest/", f"/harvest/{name}", f"/harvest/about/{name}", f"/dataset/activity/{name}",
             f"/dataset/{name}", f"/organization/{world.agencies['scjg']['name']}", "/dataset/?q=市场监管",
             f"/api/3/action/harvest_source_list", f"/api/3/action/package_show?id={name}",
             "/api/3/action/package_search?fq=dataset_type:harvest", "/api/3/action/package_list",
             f"/api/3/action/package_autocomplete?q=市场监管"]
    for user, reads in _readers(world).items():
        client = logged_in_client(app, user) if user else app.test_client()
        for path in paths:
            body = client.get(path, status=None).get_data(as_text=True)
            if not reads:
                assert INTERNAL not in body and TITLE not in body, (user or "anonymous", path)
        if reads:
            assert TITLE in client.get("/harvest/").get_data(as_text=True), user


ADDRESSES = ["file:///etc/passwd", "ftp://files.example.gov.cn/catalog.xlsx", "gopher://127.0.0.1:6379/_FLUSHALL",
             "http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/", "javascript:alert(1)",
             "http:///no-host"]


@pytest.mark.parametrize("url", ADDRESSES)
def test_an_address_the_harvest_cannot_fetch_is_refused_when_saved(world, url):
    with pytest.raises(tk.ValidationError) as refused:
        _source(world.sysadmin, world.agencies["scjg"]["id"], {}, name="bad-source", url=url)
    assert list(refused.value.error_dict) == ["url"]
    assert model.Package.get("bad-source") is None
    with pytest.raises(tk.ValidationError):  # nor may a saved source be pointed there
        tk.get_action("harvest_source_patch")({"user": world.sysadmin}, {"id": world.source["id"], "url": url})
    with pytest.raises(tk.ValidationError):
        tk.get_action("package_patch")({"user": world.sysadmin}, {"id": world.source["id"], "url": url})
    assert model.Package.get(world.source["id"]).url == INTERNAL


def test_the_refusal_is_a_409_in_the_users_language(app, world, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, BLOCKED, ["loopback", "link-local"])  # the production default's kind
    token = factories.APIToken(user=world.sysadmin)["token"]
    for url, lang, expected in (("file:///etc/passwd", "zh_Hans_CN", "http:// 或 https://"),
                                ("file:///etc/passwd", "en", "http:// or https://"),
                                ("http://localhost:5000/", "zh_Hans_CN", "不从其抓取数据"),
                                ("http://127.0.0.1:9/", "en", "does not fetch from")):
        prefix = "" if lang == "zh_Hans_CN" else "/en"
        answer = app.post(f"{prefix}/api/3/action/harvest_source_create", json={
            "name": "bad-source", "title": "x", "url": url, "source_type": "harbin_json_api",
            "owner_org": world.agencies["scjg"]["id"]}, headers={"Authorization": token}, status=None)
        assert answer.status_code == 409, answer.get_data(as_text=True)[:300]
        assert expected in json.dumps(answer.json["error"]["url"], ensure_ascii=False), (url, lang, answer.json)
    assert model.Package.get("bad-source") is None


def test_the_source_form_shows_the_refusal(app, world):
    from ckanext.harbin_opendata.tests.web import csrf_token

    client = logged_in_client(app, world.sysadmin)
    token = csrf_token(client.get("/harvest/new").get_data(as_text=True))
    answer = client.post("/harvest/new", data={
        "_csrf_token": token, "name": "bad-source", "title": "x", "url": "file:///etc/passwd",
        "source_type": "harbin_json_api", "frequency": "MANUAL", "owner_org": world.agencies["scjg"]["id"],
        "save": ""}, status=None)
    assert answer.status_code == 200 and "http:// 或 https://" in answer.get_data(as_text=True)
    assert model.Package.get("bad-source") is None
