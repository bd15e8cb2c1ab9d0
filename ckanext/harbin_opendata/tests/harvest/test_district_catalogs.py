"""District catalog lists (南岗区, 道里区 政务数据资源目录) as the reviewer found them: district codes
such as 230103-0001 that are no resource codes, and note rows under the table."""
from __future__ import annotations

import json

import pytest

import ckan.plugins.toolkit as tk

from . import samples
from ..http_server import Route
from .conftest import entries

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CODE = samples.HEADER.index("资源代码")


def _district_rows() -> list[list]:
    rows = [list(row) for row in samples.ROWS]
    rows[0][CODE], rows[1][CODE], rows[3][CODE] = "230103-0001", "230103-0002", ""
    return rows  # rows[2] keeps its resource code 301002/000001


def _source(harbin, server, config: dict, rows=None) -> dict:
    server.routes["/nangang.xlsx"] = Route(samples.xlsx(rows or _district_rows(), merge_agency=False),
                                           content_type=XLSX)
    return harbin.source("nangang", server.url + "/nangang.xlsx", "harbin_spreadsheet", json.dumps(config))


def _codes() -> dict[str, str]:
    return {p.title: p.extras.get("resource_code") for p in entries()}


def test_bad_codes_are_numbered_with_a_warning(harbin, server):
    source = _source(harbin, server, {"resource_code_prefix": "230103", "source_codes": "renumber_invalid"})
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"created": 4}, summary
    codes = _codes()
    assert codes["哈尔滨市医疗机构名录"] == "301002/000001"  # a resource code: kept
    assert sorted(codes.values()) == ["230103/000001", "230103/000002", "230103/000003", "301002/000001"]
    [warning] = [g for g in summary["warnings"] if "230103-0001" in g["cause"] or "230103-0002" in g["cause"]][:1]
    assert "资源代码" in warning["cause"]
    assert harbin.run(source["id"])["counts"] == {"unchanged": 4}  # the numbers are kept


def test_all_codes_renumbered_or_a_column_left_unread(harbin, server):
    source = _source(harbin, server, {"resource_code_prefix": "230103", "source_codes": "renumber_all"})
    assert harbin.run(source["id"])["counts"] == {"created": 4}
    assert all(code.startswith("230103/") for code in _codes().values())


def test_mapping_codes_to_a_missing_column_reads_none(harbin, server):
    source = _source(harbin, server, {"resource_code_prefix": "230103", "columns": {"resource_code": "（不使用）"}})
    assert harbin.run(source["id"])["counts"] == {"created": 4}
    assert all(code.startswith("230103/") for code in _codes().values())


def test_bad_codes_refused_by_default_and_option_checked(harbin, server):
    rows = _district_rows()
    rows[2][samples.HEADER.index("资源摘要")] = ""
    source = _source(harbin, server, {"resource_code_prefix": "230103"}, rows)
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"created": 1, "error": 3}, summary
    causes = " ".join(group["cause"] for group in summary["errors"])
    assert "source_codes" in causes and "notes (数据摘要)" in causes and "defaults" in causes, causes
    for config, fragment in [({"source_codes": "renumber_all"}, "resource_code_prefix"),
                             ({"source_codes": "yes", "resource_code_prefix": "230103"}, "renumber_invalid")]:
        with pytest.raises(tk.ValidationError) as error:
            harbin.source("bad", server.url + "/nangang.xlsx", "harbin_spreadsheet", json.dumps(config))
        assert fragment in str(error.value.error_dict["config"])


def test_a_front_code_of_no_class_is_explained(harbin, server):
    with pytest.raises(tk.ValidationError) as error:
        _source(harbin, server, {"resource_code_prefix": "999001"})
    message = str(error.value.error_dict["config"])
    assert "999001" in message and "1 (基础), 2 (主题)" in message and "3 (部门)" in message, message


def test_notes_under_the_table_are_skipped_and_records_named_by_row(harbin, server):
    rows = _district_rows()
    rows[1][samples.HEADER.index("资源名称")] = ""  # a record without its title: reported by its row
    rows += [[None] * len(samples.HEADER), ["注：本表由南岗区大数据中心汇总"] + [None] * (len(samples.HEADER) - 1),
             ["填表说明：1.数据领域按《政务信息资源目录编制指南》填写；2.更新周期按实际填写。"] * len(samples.HEADER)]
    source = _source(harbin, server, {"resource_code_prefix": "230103", "source_codes": "renumber_invalid"}, rows)
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"created": 3, "error": 1}, summary
    [error] = summary["errors"]
    assert error["records"] == ["工作表“开放目录”第 5 行"], summary["errors"]
