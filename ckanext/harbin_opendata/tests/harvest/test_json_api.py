"""The JSON API harvester against a paged agency API."""
from __future__ import annotations

import json

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.harvest import jsonpaths
from ckanext.harbin_opendata.harvest.harvesters.jsonpaging import _next, page_url

from . import samples
from ..http_server import Route
from .conftest import entries, review_state

CONFIG = {"list_path": "data.list", "fields": samples.JSON_FIELDS, "total_path": "data.total",
          "paging": {"param": "pageNo", "start": 1, "size_param": "pageSize", "size": 2},
          "defaults": {"desensitization_status": "not_required"}}


def _serve_pages(server, pages, path="/api/catalog"):
    for number, page in enumerate(pages, start=1):
        server.routes[f"{path}?pageNo={number}&pageSize=2"] = Route(page, content_type="application/json")
    return server.url + path


def test_paths():
    data = {"data": {"list": [{"sjx": [{"mc": "甲"}, {"mc": "乙"}]}]}}
    assert jsonpaths.get(data, "data.list[0].sjx[*].mc") == ["甲", "乙"]
    assert jsonpaths.get(data, "$.data.list[1]") is jsonpaths.MISSING
    assert not jsonpaths.check("data..[x")


def test_pages_are_followed_and_mapped(harbin, server):
    url = _serve_pages(server, samples.json_pages())
    source = harbin.source("jtj-api", url, "harbin_json_api", json.dumps(CONFIG), owner="jtj")
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"created": 3}, summary
    # total_path ends paging on the second page: the empty third page is never asked for.
    assert [r for r in server.requests if "pageNo=3" in r] == []
    entry = tk.get_action("package_show")({"user": harbin.sysadmin}, {"id": entries()[2].id})
    assert entry["resource_code"] == "301002/000001"
    assert entry["owner_org"] == harbin.agencies["wjw"]["id"]
    assert [item["name"] for item in entry["data_items"]] == ["机构名称", "机构类别", "地址", "床位数"]
    assert entry["data_formats"] == ["XLSX"]
    assert review_state(entry["id"]) == "submitted"


def test_next_link_paging_and_gbk_body(harbin, server):
    pages = [json.loads(page) for page in samples.json_pages()]
    for number, page in enumerate(pages[:-1], start=1):
        page["links"] = {"next": f"/api/v2?cursor={number + 1}" if number < len(pages) - 1 else None}
        server.routes[f"/api/v2?cursor={number}"] = Route(
            json.dumps(page, ensure_ascii=False).encode("gbk"), content_type="application/json; charset=GBK")
    config = {**CONFIG, "paging": {"next_path": "links.next"}}
    del config["total_path"]
    source = harbin.source("api-v2", server.url + "/api/v2?cursor=1", "harbin_json_api", json.dumps(config))
    assert harbin.run(source["id"])["counts"] == {"created": 3}


@pytest.mark.ckan_config("ckanext.harbin_opendata.harvest.withdraw_hold_percent", "50")  # 1 of 3 or 4 gone
def test_reharvest_and_withdrawal(harbin, server):
    url = _serve_pages(server, samples.json_pages())
    source = harbin.source("jtj-api", url, "harbin_json_api", json.dumps(CONFIG))
    harbin.run(source["id"])
    assert harbin.run(source["id"])["counts"] == {"unchanged": 3}
    _serve_pages(server, samples.json_pages(samples.ROWS[:2]))
    server.routes.pop("/api/catalog?pageNo=3&pageSize=2", None)
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"unchanged": 2, "withdrawn": 1}, summary
    assert [review_state(p.id) for p in entries()] == ["submitted", "submitted", "withdrawn"]


@pytest.mark.parametrize("body, fragment", [
    (b'{"code": 200, "data": {"list": [', "JSON"),
    (b'{"code": 500, "msg": "\xe7\xb3\xbb\xe7\xbb\x9f\xe7\xb9\x81\xe5\xbf\x99"}', "data.list"),
], ids=["truncated-json", "no-list"])
def test_broken_api_changes_nothing(harbin, server, body, fragment):
    url = _serve_pages(server, samples.json_pages())
    source = harbin.source("jtj-api", url, "harbin_json_api", json.dumps(CONFIG))
    harbin.run(source["id"])
    before = {p.id: p.metadata_modified for p in entries()}
    server.routes["/api/catalog?pageNo=2&pageSize=2"] = Route(body, content_type="application/json")
    summary = harbin.run(source["id"])
    assert summary["counts"] == {} and fragment in summary["gather_errors"][0]
    model.Session.expire_all()
    assert {p.id: p.metadata_modified for p in entries()} == before
    assert {review_state(p) for p in before} == {"submitted"}


def test_config_is_checked(harbin, server):
    for config, fragment in [({"fields": {"title": "a"}}, "list_path"),
                             ({"list_path": "data.list"}, "fields"),
                             ({"list_path": "data.list", "fields": {"resource_code": "a"}}, "title"),
                             ({**CONFIG, "paging": {"page": 1}}, "paging")]:
        with pytest.raises(tk.ValidationError) as error:
            harbin.source("bad", server.url + "/api", "harbin_json_api", json.dumps(config))
        assert fragment in str(error.value.error_dict["config"]), config


def test_page_urls_for_each_paging_style():
    pages = {"param": "pageNo", "start": 1, "size_param": "pageSize", "size": 50}
    offsets = {"offset_param": "offset", "size_param": "limit", "size": 50}
    assert page_url("http://x/api?token=a", pages, 2) == "http://x/api?token=a&pageSize=50&pageNo=3"
    assert page_url("http://x/api", offsets, 2) == "http://x/api?limit=50&offset=100"
    # A full page asks for the next one; a short or empty page ends paging.
    assert _next("http://x/api", "", {}, offsets, 1, 50) == "http://x/api?limit=50&offset=50"
    assert _next("http://x/api", "", {}, offsets, 2, 7) is None
    linked = {"next_path": "meta.next"}
    assert _next("http://x/api", "http://x/api?p=1", {"meta": {"next": "?p=2"}}, linked, 1, 50) == "http://x/api?p=2"
