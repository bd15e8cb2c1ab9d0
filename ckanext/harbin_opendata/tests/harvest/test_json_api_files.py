"""The JSON API harvester's files of a record (`resources_path`, formerly `resources`, with
`resource_fields`), as a district portal's catalog API lists them under 附件."""
from __future__ import annotations

import json

import pytest

import ckan.lib.search as search
import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.harvest.model import HarvestSource

from . import samples
from ..http_server import Route
from .conftest import entries

# The district portal's API (the reviewer's 上海-style catalog): Chinese keys, files under 附件.
CONFIG = {"list_path": "data.list", "total_path": "data.total",
          "fields": {"id": "数据目录编号", "title": "数据目录名称", "notes": "数据目录摘要", "agency": "数据提供方",
                     "open_type": "开放属性", "update_frequency": "更新频率", "data_domain": "数据领域",
                     "data_formats": "数据格式", "data_items": "数据项[*].中文名称"},
          "resources": "附件", "resource_fields": {"name": "文件名称", "url": "下载链接", "format": "文件格式"},
          "defaults": {"desensitization_status": "无需脱敏"}, "resource_code_prefix": "307099"}


def _page(server) -> str:
    rows = [{"数据目录编号": f"SH-0000{n}", "数据目录名称": title, "数据目录摘要": f"<p>{title}的公共信息。</p>",
             "数据提供方": "哈尔滨市交通运输局", "开放属性": "无条件开放", "更新频率": "每月", "数据领域": "交通",
             "数据格式": "csv", "数据项": [{"中文名称": "线路名称"}, {"中文名称": "站点名称"}],
             "附件": [{"文件名称": f"目录{n}.csv", "下载链接": f"{server.url}/files/f{n}.csv", "文件格式": "csv"}]}
            for n, title in ((1, "公交线路站点信息"), (2, "出租车服务站点信息"))]
    for n in (1, 2):
        server.add(f"/files/f{n}.csv", "线路名称,站点名称\n1路,哈尔滨站\n".encode())
    server.routes["/sh/api/catalog"] = Route(json.dumps({"code": 200, "data": {"total": 2, "list": rows}},
                                                        ensure_ascii=False).encode(), content_type="application/json")
    return server.url + "/sh/api/catalog"


def test_documented_resources_key_works(harbin, server):
    source = harbin.source("sh-min", _page(server), "harbin_json_api", json.dumps(CONFIG), owner="jtj")
    shown = tk.get_action("harvest_source_show")({"user": harbin.sysadmin}, {"id": source["id"]})
    assert json.loads(shown["config"])["resources_path"] == "附件" and "resources" not in json.loads(shown["config"])
    assert tk.get_action("package_show")({"user": harbin.sysadmin}, {"id": source["id"]})["resources"] == []
    assert harbin.run(source["id"])["counts"] == {"created": 2}
    first = next(p for p in entries() if p.title == "公交线路站点信息")
    entry = tk.get_action("package_show")({"user": harbin.sysadmin}, {"id": first.id})
    assert [(r["name"], r["url"]) for r in entry["resources"]] == [("目录1.csv", server.url + "/files/f1.csv")]


@pytest.mark.parametrize("change, fragment", [
    ({"resource_fields": {"name": "文件名称"}}, "url"),
    ({"resources": None, "resource_fields": {"url": "下载链接"}}, "resources_path"),
    ({"resources_path": "附件"}, "resources_path"),
], ids=["no-url", "fields-without-path", "both-names"])
def test_bad_file_config_creates_nothing(harbin, server, change, fragment):
    config = {key: value for key, value in {**CONFIG, **change}.items() if value is not None}
    with pytest.raises(tk.ValidationError) as error:
        harbin.source("sh-bad", _page(server), "harbin_json_api", json.dumps(config))
    assert fragment in str(error.value.error_dict["config"])
    assert model.Session.query(model.Package).filter_by(type="harvest").count() == 0


def test_source_saved_with_old_key_is_readable_and_harvests(harbin, server):
    """A source saved before the rename: its config holds `resources`, its search document a
    `resources` text instead of a list (package_show failed on it: 'str' object has no attribute 'get')."""
    config = {key: value for key, value in CONFIG.items() if key not in ("resources", "resource_fields")}
    source = harbin.source("sh-old", _page(server), "harbin_json_api", json.dumps(config), owner="jtj")
    package = model.Package.get(source["id"])
    package.extras["config"] = model.Session.get(HarvestSource, source["id"]).config = json.dumps(CONFIG, ensure_ascii=False)
    model.Session.commit()
    _store_broken_document(source["id"])
    shown = tk.get_action("harvest_source_show")({"user": harbin.sysadmin}, {"id": "sh-old"})
    assert shown["resources"] == [] and json.loads(shown["config"])["resources_path"] == "附件"
    # its search document is made again: package_show (the source's dataset page) reads it
    assert tk.get_action("package_show")({"user": harbin.sysadmin}, {"id": source["id"]})["resources"] == []
    assert harbin.run(source["id"])["counts"] == {"created": 2}
    assert len(tk.get_action("package_show")({"user": harbin.sysadmin}, {"id": entries()[1].id})["resources"]) == 1


def _store_broken_document(package_id: str) -> None:
    """The source's search document as the index held it before: validated dict with `resources` a text."""
    document = {key: value for key, value in search.show(package_id).items() if key not in ("_version_", "score")}
    validated = json.loads(document["validated_data_dict"])
    validated["resources"] = "附件"
    document["validated_data_dict"] = json.dumps(validated, ensure_ascii=False)
    document["metadata_modified"] = model.Package.get(package_id).metadata_modified.isoformat() + "Z"
    connection = search.common.make_connection()
    connection.add([document], commit=True)
