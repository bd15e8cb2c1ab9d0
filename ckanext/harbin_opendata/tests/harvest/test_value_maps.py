"""A Chinese city's catalog API as it is: its own open types, themes, frequencies and format lists,
a typo, values nobody maps, a foreign phone number. Value maps (shipped and per source) make the
records entries; the report lists what is left, with counts and the allowed values."""
from __future__ import annotations

import json

import pytest

import ckan.plugins.toolkit as tk

from ..http_server import Route
from .conftest import entries

JTJ = "哈尔滨市交通运输局"


def _row(number, title, **values):
    row = {"cata_id": f"c{number:04d}", "cata_title": title, "description": f"{title}的基础数据。", "org_name": JTJ,
           "open_type": "普遍开放", "group_name": "交通运输", "update_cycle": "每月", "file_type": "[xml,xls,csv,json]",
           "industry": "交通运输、仓储和邮政业", "tags": "公交、出行", "phone": "0451-86300000",
           "released_time": "2023-05-12 10:20:30",
           "columns": [{"name_cn": "线路名称", "data_type": "VARCHAR2(100)"}, {"name_cn": "站点数", "data_type": "NUMBER"}]}
    row.update(values)
    return row


ROWS = [
    _row(1, "公交线路信息", update_cycle="每 2 日"),
    _row(2, "出租车企业名录", open_type="依申请开放", file_type="XLS PDF"),
    _row(3, "渔港码头分布", group_name="农、林、牧、渔业", tags="农、林、牧、渔业", update_cycle="毎月"),
    _row(4, "停车场信息", open_type="无条件开发", group_name="公共服务", update_cycle="每季度"),
    _row(5, "客运站班次", phone="+81-3-1234-5678", update_cycle="不定期"),
    _row(6, "火星基地", group_name="火星探测"),
    _row(7, "月球基地", group_name="火星探测"),
    _row(8, "涉密线路", open_type="不予开放"),
]
FIELDS = {"id": "cata_id", "title": "cata_title", "notes": "description", "agency": "org_name",
          "open_type": "open_type", "data_domain": "group_name", "update_frequency": "update_cycle",
          "data_formats": "file_type", "tags": "tags", "contact_phone": "phone", "publish_date": "released_time",
          "data_items": "columns[*].name_cn"}
CONFIG = {"list_path": "data.rows", "fields": FIELDS, "total_path": "data.total",
          "value_maps": {"open_type": {"无条件开发": "无条件开放"}},
          "defaults": {"desensitization_status": "无需脱敏", "open_conditions": "向数据提供单位申请，经同意后获取。"},
          "resource_code_prefix": "307001"}


def _serve(server, rows):
    body = {"success": True, "data": {"total": len(rows), "rows": rows}}
    server.routes["/open/api/catalog"] = Route(json.dumps(body, ensure_ascii=False).encode(), content_type="application/json")
    return server.url + "/open/api/catalog"


def _entry(harbin, title):
    package = next(p for p in entries() if p.title == title)
    return tk.get_action("package_show")({"user": harbin.sysadmin}, {"id": package.id})


def test_a_city_catalog_is_mapped_and_what_is_left_is_reported(harbin, server):
    source = harbin.source("city", _serve(server, ROWS), "harbin_json_api", json.dumps(CONFIG), owner="jtj")
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"created": 5, "error": 3}, summary

    first = _entry(harbin, "公交线路信息")
    assert (first["open_type"], first["data_domain"], first["update_frequency"]) == ("unconditional", "transport", "weekly")
    assert sorted(first["data_formats"]) == ["CSV", "JSON", "XLS", "XML"] and first["publish_date"] == "2023-05-12"
    assert [i["name"] for i in first["data_items"]] == ["线路名称", "站点数"]
    assert first["owner_org"] == harbin.agencies["jtj"]["id"] and first["resource_code"].startswith("307001/")
    second = _entry(harbin, "出租车企业名录")
    assert second["open_type"] == "conditional" and sorted(second["data_formats"]) == ["PDF", "XLS"]
    third = _entry(harbin, "渔港码头分布")
    assert third["data_domain"] == "agriculture" and third["update_frequency"] == "monthly"
    assert [t["name"] for t in third["tags"]] == ["农 林 牧 渔业"]  # one tag, not four characters
    fourth = _entry(harbin, "停车场信息")
    assert (fourth["open_type"], fourth["data_domain"], fourth["update_frequency"]) == (
        "unconditional", "social_livelihood", "quarterly")

    # An optional value the schema refuses is left out with a warning; the record is imported.
    fifth = _entry(harbin, "客运站班次")
    assert "contact_phone" not in fifth or not fifth["contact_phone"]
    [warning] = summary["warnings"]
    assert "contact_phone" in warning["cause"] and warning["records"] == ["客运站班次"]

    # What nobody maps is counted, with the allowed values, in one place.
    assert summary["unmapped"]["data_domain"]["values"] == {"火星探测": 2}
    assert "交通 (transport)" in summary["unmapped"]["data_domain"]["allowed"]
    assert summary["unmapped"]["open_type"]["values"] == {"不予开放": 1}
    domain_error = next(g for g in summary["errors"] if "火星探测" in g["cause"])
    assert domain_error["count"] == 2 and sorted(domain_error["records"]) == ["月球基地", "火星基地"]
    assert "value_maps.data_domain" in domain_error["cause"]


def test_unknown_values_in_the_config_list_the_allowed_ones(harbin, server):
    for config, fragment in [({**CONFIG, "value_maps": {"open_type": {"依申请": "申请后开放"}}}, "有条件开放 (conditional)"),
                             ({**CONFIG, "value_maps": {"license": {"a": "b"}}}, "license"),
                             ({**CONFIG, "defaults": {"data_domain": "火星"}}, "市场监管 (market_regulation)")]:
        with pytest.raises(tk.ValidationError) as error:
            harbin.source("bad", server.url + "/api", "harbin_json_api", json.dumps(config))
        assert fragment in str(error.value.error_dict["config"]), config
