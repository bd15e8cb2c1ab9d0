"""The CKAN harvester (the built-in one through its hooks) against a local CKAN action API."""
from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from . import samples
from ..http_server import Route
from .conftest import entries, review_state

SEARCH = "/api/3/action/package_search"


class RemoteCKAN:
    """package_search of a remote CKAN, paged by start/rows like the real one."""

    def __init__(self, server, datasets):
        self.datasets, self.status = datasets, 200
        server.routes[SEARCH] = Route(self.answer, content_type="application/json")
        self.url = server.url

    def answer(self, handler, route):
        query = parse_qs(urlsplit(handler.path).query)
        start, rows = int(query["start"][0]), int(query["rows"][0])
        page = sorted(self.datasets, key=lambda d: d["id"])[start:start + rows]
        body = {"success": True, "result": {"count": len(self.datasets), "results": page}}
        handler.wfile.write(json.dumps(body, ensure_ascii=False).encode("utf-8"))


def _remote_datasets(harbin, rows=samples.ROWS):
    datasets = []
    for row in samples.rows_for(rows):
        key = next(k for k, (_, title, _) in samples.AGENCIES.items() if title == row["提供单位"])
        name, title, code = samples.AGENCIES[key]
        datasets.append(samples.ckan_package(row, {"id": "remote-org-id", "name": "remote-" + name,
                                                   "title": title, "credit_code": code}))
    return datasets


def test_harbin_portal_is_harvested_into_local_agencies(harbin, server):
    remote = RemoteCKAN(server, _remote_datasets(harbin))
    source = harbin.source("old-portal", remote.url, "harbin_ckan")
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"created": 4}, summary
    found = entries()
    assert [p.owner_org for p in found] == [harbin.agencies[k]["id"] for k in ("scjg", "scjg", "wjw", "jtj")]
    entry = tk.get_action("package_show")({"user": harbin.sysadmin}, {"id": found[0].id})
    assert entry["data_domain"] == "market_regulation" and entry["update_frequency"] == "weekly"
    assert entry["tags"][0]["name"] == "开放数据"
    assert entry["resources"][0]["url"] == "https://data.harbin.invalid/files/qydj.csv"
    assert entry["id"] != "remote-301001-000001"  # local ids: the remote ones are not trusted
    assert review_state(entry["id"]) == "submitted"


@pytest.mark.ckan_config("ckanext.harbin_opendata.harvest.withdraw_hold_percent", "50")  # 1 of 3 or 4 gone
def test_reharvest_withdrawal_and_broken_portal(harbin, server):
    remote = RemoteCKAN(server, _remote_datasets(harbin))
    source = harbin.source("old-portal", remote.url, "harbin_ckan")
    harbin.run(source["id"])
    assert harbin.run(source["id"])["counts"] == {"unchanged": 4}
    remote.datasets = remote.datasets[:3]
    assert harbin.run(source["id"])["counts"] == {"unchanged": 3, "withdrawn": 1}
    assert review_state(entries()[3].id) == "withdrawn"
    before = {p.id: (p.metadata_modified, review_state(p.id)) for p in entries()}
    server.routes[SEARCH] = Route(b"<h1>502 Bad Gateway</h1>", status=502, content_type="text/html")
    summary = harbin.run(source["id"])
    assert summary["counts"] == {} and "502" in summary["gather_errors"][0]
    model.Session.expire_all()
    assert {p.id: (p.metadata_modified, review_state(p.id)) for p in entries()} == before


def test_plain_ckan_dataset_without_catalog_fields_is_reported(harbin, server):
    plain = {"id": "abc", "name": "bus-stops", "title": "Bus stops", "notes": "Stops.", "type": "dataset",
             "tags": [], "extras": [], "resources": [{"url": "http://x.invalid/a.csv", "format": "CSV"}]}
    remote = RemoteCKAN(server, [plain])
    source = harbin.source("plain", remote.url, "harbin_ckan",
                           json.dumps({"defaults": {"data_domain": "交通", "update_frequency": "每月",
                                                    "open_type": "无条件开放"}}))
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"error": 1}  # no resource code: not even a draft can be kept
    assert "resource_code" in summary["object_errors"]["abc"][0], summary


def test_plain_ckan_portal_with_datastore_fields_and_code_prefix(harbin, server):
    """A stock CKAN: no Harbin fields. The DataStore columns become the data items, the source's
    defaults fill the catalog fields and its front code numbers the entries."""
    def plain(ident: str, title: str, datastore: bool) -> dict:
        return {"id": ident, "name": ident, "title": title, "notes": "原区县平台数据。", "type": "dataset",
                "tags": [], "extras": [], "resources": [{"id": f"res-{ident}", "url": f"http://x.invalid/{ident}.csv",
                                                        "format": "CSV", "datastore_active": datastore}]}
    fields = {"success": True, "result": {"fields": [
        {"id": "_id", "type": "int"}, {"id": "stop_name", "type": "text", "info": {"label": "站点名称"}},
        {"id": "lines", "type": "int4", "info": {"label": "途经线路数", "notes": "条"}},
        {"id": "opened", "type": "date"}]}}
    remote = RemoteCKAN(server, [plain("bus-stops", "公交站点", True), plain("taxi", "出租车企业", False)])
    server.routes["/api/3/action/datastore_search"] = Route(json.dumps(fields).encode(), content_type="application/json")
    config = json.dumps({"resource_code_prefix": "307001", "defaults": {
        "data_domain": "交通", "update_frequency": "每月", "open_type": "无条件开放"}})
    source = harbin.source("county-portal", remote.url, "harbin_ckan", config)
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"created": 1, "draft": 1}, summary  # taxi: no DataStore table, no file
    assert any("数据项" in group["cause"] and group["records"] == ["出租车企业"] for group in summary["warnings"])
    [entry] = [tk.get_action("package_show")({"user": harbin.sysadmin}, {"id": p.id}) for p in entries()]
    # numbered in import order, which the queue does not fix: the draft may have taken 000001
    assert entry["resource_code"] in ("307001/000001", "307001/000002") and entry["data_domain"] == "transport"
    assert entry["data_items"] == [{"name": "站点名称", "type": "string"},
                                   {"name": "途经线路数", "type": "integer", "description": "条"},
                                   {"name": "opened", "type": "date"}]
    assert harbin.run(source["id"])["counts"] == {"unchanged": 2}  # the code is kept
    with pytest.raises(tk.ValidationError) as error:
        harbin.source("bad-prefix", remote.url, "harbin_ckan", json.dumps({"resource_code_prefix": "abc"}))
    assert "resource_code_prefix" in str(error.value.error_dict["config"])


def test_config_keeps_the_ckan_harvester_keys_and_checks_harbin_ones(harbin, server):
    ok = {"organizations_filter_include": ["scjg"], "default_tags": ["旧平台"], "owner_org": "hrb-scjgj",
          "defaults": {"data_domain": "市场监管"}}
    assert harbin.source("ok", server.url, "harbin_ckan", json.dumps(ok))["config"]
    for config, fragment in [({"defaults": {"update_frequency": "看情况"}}, "看情况"), ({"bogus": 1}, "bogus"),
                             ({"api_version": "x"}, "api_version"), ({"remote_orgs": "create"}, "remote_orgs")]:
        with pytest.raises(tk.ValidationError) as error:
            harbin.source("bad", server.url, "harbin_ckan", json.dumps(config))
        assert fragment in str(error.value.error_dict["config"]), config


def test_stock_ckan_fields_and_a_portal_that_stops_paging_early(harbin, server):
    """CKAN's maintainer, author and dates are mapped; a portal whose count says more datasets
    than its pages give is imported but cannot withdraw anything; no DataStore call is made for a
    dataset that has no DataStore table."""
    def plain(ident, title):
        return {"id": ident, "name": ident, "title": title, "notes": "<p>原区县平台数据。</p>", "type": "dataset",
                "maintainer": "王工", "maintainer_email": "wang@county.invalid", "author": "县交通局",
                "metadata_created": "2019-04-01T02:03:04.123456", "metadata_modified": "2024-10-09T11:12:13.654321",
                "tags": [{"name": "交通"}], "extras": [], "resources": [{"id": f"r-{ident}", "format": "CSV",
                                                                      "url": f"http://x.invalid/{ident}.csv"}]}
    remote = RemoteCKAN(server, [plain(f"d{n}", f"公交数据{n}") for n in range(3)])
    config = {"resource_code_prefix": "307001", "defaults": {"data_domain": "交通", "update_frequency": "每月",
                                                             "open_type": "无条件开放", "data_items": "线路名称"}}
    source = harbin.source("county", remote.url, "harbin_ckan", json.dumps(config))
    assert harbin.run(source["id"])["counts"] == {"created": 3}
    entry = tk.get_action("package_show")({"user": harbin.sysadmin}, {"id": entries()[0].id})
    assert (entry["contact_name"], entry["contact_email"]) == ("王工", "wang@county.invalid")
    assert (entry["publish_date"], entry["last_updated"], entry["notes"]) == ("2019-04-01", "2024-10-09", "原区县平台数据。")
    assert not [path for path in server.requests if "datastore_search" in path]

    original = remote.answer

    def short_pages(handler, route):  # count still 3, but only the first dataset is served
        remote.datasets, kept = remote.datasets[:1], remote.datasets
        try:
            body = {"success": True, "result": {"count": 3, "results": remote.datasets}}
            handler.wfile.write(json.dumps(body, ensure_ascii=False).encode("utf-8"))
        finally:
            remote.datasets = kept
    server.routes[SEARCH] = Route(short_pages, content_type="application/json")
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"unchanged": 1}, summary
    assert "称有 3 条记录，但只列出了 1 条" in summary["gather_errors"][0]
    assert {review_state(p.id) for p in entries()} == {"submitted"}
    server.routes[SEARCH] = Route(original, content_type="application/json")


def test_dataset_without_datastore_table_gets_items_from_its_file(harbin, server):
    """A stock CKAN dataset whose CSV was never loaded into the DataStore: its items are drafted
    from the file (they were not: "the record names no data file"); one imported as a draft while
    its file could not be read is completed by the next harvest, not reported unchanged for good."""
    def stock(ident: str, title: str, datastore: bool) -> dict:
        return {"id": ident, "name": ident, "title": title, "notes": "旧平台数据集的说明。", "type": "dataset",
                "tags": [], "extras": [], "resources": [
                    {"id": f"res-{ident}-a", "name": "数据.csv", "url": f"{server.url}/files/{ident}.csv",
                     "format": "CSV", "datastore_active": datastore},
                    {"id": f"res-{ident}-b", "name": "说明.pdf", "url": f"{server.url}/files/readme.pdf", "format": "PDF"}]}
    remote = RemoteCKAN(server, [stock("old-ds-1", "旧平台数据集1", False), stock("old-ds-2", "旧平台数据集2", True)])
    fields = {"success": True, "result": {"fields": [{"id": "_id", "type": "int"}, {"id": "站点名称", "type": "text"}]}}
    server.routes["/api/3/action/datastore_search"] = Route(json.dumps(fields).encode(), content_type="application/json")
    server.add("/files/old-ds-2.csv", "站点名称\n哈尔滨站\n".encode())
    config = json.dumps({"resource_code_prefix": "307001", "defaults": {
        "data_domain": "交通", "update_frequency": "每月", "open_type": "无条件开放"}})
    source = harbin.source("old-portal", remote.url, "harbin_ckan", config)
    assert harbin.run(source["id"])["counts"] == {"created": 1, "draft": 1}  # old-ds-1.csv: 404
    server.add("/files/old-ds-1.csv", "名称,地址,经度\n站点1,南岗区,126.6\n".encode("utf-8-sig"))
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"updated": 1, "unchanged": 1}, summary
    first = next(p for p in entries() if p.title == "旧平台数据集1")
    entry = tk.get_action("package_show")({"user": harbin.sysadmin}, {"id": first.id})
    assert [item["name"] for item in entry["data_items"]] == ["名称", "地址", "经度"]
    assert entry["state"] == "active" and review_state(entry["id"]) == "submitted"


def test_phones_are_normalised_and_a_geometry_is_reported(harbin, server):
    def dataset(ident: str, phone: str) -> dict:
        return {"id": ident, "name": ident, "title": f"旧平台数据集{ident}", "notes": "说明。", "type": "dataset",
                "maintainer": "数据科", "tags": [], "resources": [], "extras": [
                    {"key": "contact_phone", "value": phone},
                    {"key": "spatial", "value": '{"type":"Point","coordinates":[126.6,45.7]}'}]}
    remote = RemoteCKAN(server, [dataset("a", "tel:+86-451-86300000"), dataset("b", "86300000转123")])
    config = json.dumps({"resource_code_prefix": "307001", "defaults": {
        "data_domain": "交通", "update_frequency": "每月", "open_type": "无条件开放", "data_items": "站点名称",
        "data_formats": "CSV"}})
    source = harbin.source("old-portal", remote.url, "harbin_ckan", config)
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"created": 2}, summary
    phones = {p.title: p.extras.get("contact_phone") for p in entries()}
    assert phones == {"旧平台数据集a": "0451-86300000", "旧平台数据集b": "0451-86300000-123"}
    [geometry] = [group for group in summary["warnings"] if "spatial" in group["cause"]]
    assert geometry["count"] == 2
