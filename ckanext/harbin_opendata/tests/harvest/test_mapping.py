"""Reading source values: labels to codes, data items, dates, formats, headers (no database)."""
from __future__ import annotations

import datetime as dt
import io

import pytest

from ckanext.harbin_opendata.harvest import mapping, tables
from ckanext.harbin_opendata.harvest.download import SourceError
from ckanext.harbin_opendata.common.vocabulary import DOMAINS, FREQUENCIES, OPEN_TYPES


@pytest.mark.parametrize("terms, given, code", [
    (DOMAINS, "市场监管", "market_regulation"), (DOMAINS, "Market regulation", "market_regulation"),
    (DOMAINS, "health", "health"), (FREQUENCIES, " 每季度 ", "quarterly"), (FREQUENCIES, "按需", "irregular"),
    (OPEN_TYPES, "有条件", "conditional"), (DOMAINS, "火星探测", None), (OPEN_TYPES, "不开放", None),
])
def test_controlled_values_from_codes_and_labels(terms, given, code):
    assert mapping.term_value(terms, given) == code


def test_data_items_from_text():
    problems: list[str] = []
    items = [mapping._data_item(text, problems) for text in
             ["企业名称", "注册资本(数值型)", "成立日期：日期型", "床位数（整数型）", {"name": "经度", "type": "number"}]]
    assert [(i["name"], i["type"]) for i in items] == [
        ("企业名称", "string"), ("注册资本", "number"), ("成立日期", "date"), ("床位数", "integer"), ("经度", "number")]
    assert mapping._data_item("边界(多边形)", problems) is None and "多边形" in problems[0]


@pytest.mark.parametrize("given, date", [
    ("2025年3月1日", "2025-03-01"), ("2025/03/01", "2025-03-01"), ("2025.3.1", "2025-03-01"),
    (dt.datetime(2025, 3, 1, 8, 30), "2025-03-01"), ("2025-03-01T08:00:00", "2025-03-01"),
])
def test_dates(given, date):
    assert mapping._date(given, "last_updated", []) == date


def test_formats_and_bad_date():
    problems: list[str] = []
    assert mapping._formats("csv、Excel、接口、XLSX", problems) == ["CSV", "XLSX", "API"]
    assert mapping._date("下个月", "last_updated", problems) is None
    assert len(problems) == 1


def test_guid_prefers_id_then_code_then_title_and_agency():
    assert mapping.record_guid({"id": "7", "resource_code": "301001/000001"}) == "7"
    assert mapping.record_guid({"resource_code": "301001/000001"}) == "301001/000001"
    one = mapping.record_guid({"title": "公交站点", "agency": "交通局"})
    assert one == mapping.record_guid({"title": " 公交站点 ", "agency": "交通局"}) != \
        mapping.record_guid({"title": "公交站点", "agency": "教育局"})


def test_headers_are_found_below_title_rows():
    rows = [["某某局数据开放目录"] * 3, [None, None, None], ["序号", "资源名称*", "更新频率（必填）"],
            [1, "公交站点", "每月"], [None, "", None], [2, "公交线路", "每日"]]
    assert list(tables.records(iter(rows), None)) == [
        {"title": "公交站点", "update_frequency": "每月"}, {"title": "公交线路", "update_frequency": "每日"}]


def test_configured_headers_win_and_a_table_without_titles_fails():
    assert tables.header_map(["名称", "资源名称"], {"title": "名称"}) == {0: "title"}
    with pytest.raises(SourceError):
        list(tables.records(iter([["a", "b"]] * 12), None))


def test_csv_encodings_are_detected():
    text = "资源名称,更新周期\r\n公交站点,每月\r\n"
    for encoding in ("utf-8", "utf-8-sig", "gbk", "gb18030"):
        rows = list(tables.csv_rows(io.BytesIO(text.encode(encoding)), None))
        assert rows == [["资源名称", "更新周期"], ["公交站点", "每月"]], encoding
