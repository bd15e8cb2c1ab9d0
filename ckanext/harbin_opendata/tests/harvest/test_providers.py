"""Records whose provider (数据提供方) is not the source's agency: an agency not on the platform is
never published under the source's agency (a draft for review, moved once the agency exists), and
a 统一社会信用代码 that is not the platform's for the agency matched by name is reported."""
from __future__ import annotations

import json

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.factories import Agency

from ..http_server import Route
from .conftest import entries, review_state

CONFIG = {"list_path": "data.list", "total_path": "data.total",
          "fields": {"id": "数据目录编号", "title": "数据目录名称", "notes": "数据目录摘要", "agency": "数据提供方",
                     "credit_code": "统一社会信用代码", "open_type": "开放属性", "update_frequency": "更新频率",
                     "data_domain": "数据领域", "data_formats": "数据格式", "data_items": "数据项[*].中文名称"},
          "defaults": {"desensitization_status": "无需脱敏"}, "resource_code_prefix": "307099"}
ZJJ = ("hrb-zjj", "哈尔滨市住房和城乡建设局", "11230100001257892C")


def _record(number: int, title: str, provider: str, code: str = "") -> dict:
    return {"数据目录编号": f"SH-{number:05d}", "数据目录名称": title, "数据目录摘要": f"<p>{title}。</p>",
            "数据提供方": provider, "统一社会信用代码": code, "开放属性": "无条件开放", "更新频率": "每月",
            "数据领域": "交通", "数据格式": "csv", "数据项": [{"中文名称": "名称"}, {"中文名称": "地址"}]}


def test_unknown_provider_is_a_draft_and_a_code_conflict_is_reported(harbin, server):
    records = [_record(1, "公交线路信息", "哈尔滨市交通运输局"),
               _record(2, "商品房预售许可信息", ZJJ[1]),
               _record(3, "出租车企业名录", "哈尔滨市交通运输局", "91230100MA1B2C3D49")]
    server.routes["/api"] = Route(json.dumps({"data": {"total": 3, "list": records}}, ensure_ascii=False).encode(),
                                  content_type="application/json")
    source = harbin.source("sh", server.url + "/api", "harbin_json_api", json.dumps(CONFIG), owner="jtj")
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"created": 2, "draft": 1}, summary
    [draft] = [p for p in entries_any() if p.title == "商品房预售许可信息"]
    assert (draft.state, draft.private) == ("draft", True)
    causes = " ".join(group["cause"] for group in summary["warnings"])
    assert "“哈尔滨市住房和城乡建设局”" in causes and "91230100MA1B2C3D49" in causes, causes
    assert "91230100MA0NP0DX7X" in causes  # the platform's code of 交通运输局

    Agency(name=ZJJ[0], title=ZJJ[1], credit_code=ZJJ[2])
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"updated": 1, "unchanged": 2}, summary
    model.Session.expire_all()
    moved = model.Package.get(draft.id)
    assert (moved.state, moved.owner_org) == ("active", model.Group.get(ZJJ[0]).id)
    assert review_state(moved.id) == "submitted"


def entries_any() -> list[model.Package]:
    return model.Session.query(model.Package).filter(model.Package.type == "dataset").all()
