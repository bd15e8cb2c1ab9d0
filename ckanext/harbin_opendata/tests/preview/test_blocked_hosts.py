"""A resource's link cannot make the portal fetch from its own host (Solr, Redis, …) or from
link-local addresses and show the answer as a preview or scan it: not directly, not by redirect."""
from __future__ import annotations

import pathlib

import pytest
import yaml

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.privacy.jobs import run_scans
from ckanext.harbin_opendata.common.file_messages import file_message as error_message

from ..web import logged_in_client
from ..http_server import Route, SourceServer
from ..review.conftest import people  # noqa: F401 - fixture

KEY = "ckanext.harbin_opendata.files.blocked_networks"
TABLE = "编号,名称\r\n1,内部数据甲\r\n2,内部数据乙\r\n".encode("utf-8")


def _declared_default() -> list[str]:
    declaration = pathlib.Path(__file__).parents[2] / "config_declaration.yaml"
    options = [option for group in yaml.safe_load(declaration.read_text())["groups"] for option in group["options"]]
    return next(option["default"] for option in options if option["key"] == KEY).split()


def _linked(people, url: str) -> dict:
    resource = tk.get_action("resource_create")({"user": people.editor}, {
        "package_id": people.entry["id"], "url": url, "format": "CSV", "name": "链接的表"})
    run_scans(people.entry["id"])
    return resource


def _page(app, people, resource) -> str:
    """The resource's page as its agency's editor sees it (a file that could not be checked is not public)."""
    editor = logged_in_client(app, people.editor)
    return editor.get(f"/dataset/{people.entry['name']}/resource/{resource['id']}").get_data(as_text=True)


def test_default_refuses_the_portal_host(app, people, ckan_config, monkeypatch):
    assert "127.0.0.0/8" in _declared_default() and "169.254.0.0/16" in _declared_default()
    monkeypatch.setitem(ckan_config, KEY, _declared_default())
    with SourceServer() as server:
        server.add("/internal.csv", TABLE)
        resource = _linked(people, server.url + "/internal.csv")
        page = _page(app, people, resource)
        assert server.requests == []  # neither the scan nor the preview asked
    assert "内部数据甲" not in page and "无法预览：平台不从该地址获取文件。" in page
    status = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": people.entry["id"]})
    [scan] = [res["scan"] for res in status["resources"] if res["id"] == resource["id"]]
    assert scan["state"] == "failed" and scan["error"] == "blocked_host:127.0.0.1"
    assert error_message(scan["error"]) == "该链接指向平台不从其获取文件的地址（127.0.0.1）。"


def test_a_redirect_to_a_blocked_address_is_not_followed(app, people, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, KEY, ["127.0.0.2/32"])
    with SourceServer("127.0.0.2") as inner, SourceServer() as outer:
        inner.add("/secret.csv", TABLE)
        outer.add("/open.csv", TABLE)
        outer.routes["/moved.csv"] = Route(status=302, headers={"Location": inner.url + "/secret.csv"})
        allowed, redirected = _linked(people, outer.url + "/open.csv"), _linked(people, outer.url + "/moved.csv")
        assert "内部数据甲" in _page(app, people, allowed)  # the same table, from an allowed address, is shown
        assert "内部数据甲" not in _page(app, people, redirected)
        assert inner.requests == [] and outer.requests.count("/moved.csv") >= 1


pytestmark = pytest.mark.usefixtures("with_request_context")
