"""Reading source values: value maps onto the code lists, lists written as text, data items,
dates, formats (EU file types, IANA media types), HTML abstracts, headers (no database)."""
from __future__ import annotations

import datetime as dt

import pytest

from ckanext.harbin_opendata.common.tabular import Limits as TableLimits
from ckanext.harbin_opendata.harvest import mapping, tables
from ckanext.harbin_opendata.harvest.download import SourceError
from ckanext.harbin_opendata.harvest.htmltext import html_to_text
from ckanext.harbin_opendata.harvest.records import record_guid
from ckanext.harbin_opendata.harvest.values import ValueMaps, split_list

SHIPPED = ValueMaps()


@pytest.mark.parametrize("field, given, code", [
    ("data_domain", "市场监管", "market_regulation"), ("data_domain", "Market regulation", "market_regulation"),
    ("data_domain", "health", "health"), ("update_frequency", " 每季度 ", "quarterly"),
    ("update_frequency", "按需", "irregular"), ("open_type", "有条件", "conditional"),
    ("data_domain", "火星探测", None), ("open_type", "不开放", None),
    # the shipped map: Chinese portals' vocabularies
    ("open_type", "普遍开放", "unconditional"), ("open_type", "依申请开放", "conditional"),
    ("open_type", "安全开放", "conditional"), ("data_domain", "交通运输", "transport"),
    ("data_domain", "公共服务", "social_livelihood"), ("data_domain", "农、林、牧、渔业", "agriculture"),
    ("update_frequency", "每 2 日", "weekly"), ("update_frequency", "每2日", "weekly"),
    ("update_frequency", "每三个月", "quarterly"), ("update_frequency", "每十五天", "monthly"),
    ("update_frequency", "不定期", "irregular"), ("update_frequency", "毎月", "monthly"),
    ("update_frequency", "http://publications.europa.eu/resource/authority/frequency/ANNUAL", "annual"),
    ("update_frequency", "R/P1M", "monthly"),
    # formats: EU file-type URIs, IANA media types (as URIs or bare), names
    ("data_formats", "http://publications.europa.eu/resource/authority/file-type/CSV", "CSV"),
    ("data_formats", "https://publications.europa.eu/resource/authority/file-type/RDF_TURTLE", "RDF"),
    ("data_formats", "http://www.iana.org/assignments/media-types/application/vnd.ms-excel", "XLS"),
    ("data_formats", "https://www.iana.org/assignments/media-types/text/csv", "CSV"),
    ("data_formats", "application/json; charset=utf-8", "JSON"), ("data_formats", "Esri Shapefile", "SHP"),
    ("data_formats", ".xlsx", "XLSX"), ("data_formats", "docx", "DOCX"),
    ("data_item_type", "VARCHAR2(50)", "string"), ("data_item_type", "NUMBER(10,2)", "number"),
    ("data_item_type", "decimal(10,2)", "number"), ("data_item_type", "整型", "integer"),
])
def test_shipped_map_and_rules(field, given, code):
    assert SHIPPED.code(field, given) == code


def test_source_maps_come_first():
    maps = ValueMaps({"open_type": {"无条件开发": "无条件开放"}, "data_domain": {"公共服务": "government_affairs"}})
    assert maps.code("open_type", "无条件开发") == "unconditional"  # a typo in a real source
    assert maps.code("data_domain", "公共服务") == "government_affairs"
    assert SHIPPED.code("open_type", "无条件开发") is None


@pytest.mark.parametrize("given, field, parts", [
    ("[xml,xls,csv,json]", "data_formats", ["xml", "xls", "csv", "json"]),
    ('["CSV", "JSON"]', "data_formats", ["CSV", "JSON"]),
    ("XLS PDF", "data_formats", ["XLS", "PDF"]),
    ("CSV/XLSX", "data_formats", ["CSV", "XLSX"]),
    ("Esri Shapefile", "data_formats", ["Esri Shapefile"]),
    ("text/csv", "data_formats", ["text/csv"]),
    ("csv、Excel、接口", "data_formats", ["csv", "Excel", "接口"]),
    ("农、林、牧、渔业", "data_domain", ["农、林、牧、渔业"]),
    ("农、林、牧、渔业", None, ["农、林、牧、渔业"]),
    ("交通运输、仓储和邮政业", None, ["交通运输、仓储和邮政业"]),
    ("企业名称、统一社会信用代码、注册资本(数值型)", None, ["企业名称", "统一社会信用代码", "注册资本(数值型)"]),
    ("公交;地铁，出租车", None, ["公交", "地铁", "出租车"]),
])
def test_lists(given, field, parts):
    assert split_list(given, SHIPPED, field) == parts


def test_formats_unknown_ones_are_dropped_with_a_warning_unless_none_is_known():
    problems, warnings = [], []
    assert mapping._formats("csv、Excel、接口、XLSX、HTML", SHIPPED, problems, warnings) == ["CSV", "XLSX", "API"]
    assert problems == [] and "HTML" in warnings[0].message and warnings[0].value == "HTML"
    assert mapping._formats("HTML", SHIPPED, problems, []) == [] and "CSV (CSV)" not in problems[0].message
    assert "CSV" in problems[0].message and "value_maps.data_formats" in problems[0].message


def test_data_items_from_text():
    problems: list = []
    items = [mapping.data_item(text, SHIPPED, problems) for text in
             ["企业名称", "注册资本(数值型)", "成立日期：日期型", "床位数（整数型）", {"name": "经度", "type": "number"},
              "编号(VARCHAR2(20))"]]
    assert [(i["name"], i["type"]) for i in items] == [
        ("企业名称", "string"), ("注册资本", "number"), ("成立日期", "date"), ("床位数", "integer"), ("经度", "number"),
        ("编号", "string")]
    assert mapping.data_item("边界(多边形)", SHIPPED, problems) is None and problems[0].value == "多边形"


@pytest.mark.parametrize("given, date", [
    ("2025年3月1日", "2025-03-01"), ("2025/03/01", "2025-03-01"), ("2025.3.1", "2025-03-01"),
    (dt.datetime(2025, 3, 1, 8, 30), "2025-03-01"), ("2025-03-01T08:00:00", "2025-03-01"),
    ("2025-03-01T08:00:00+01:00", "2025-03-01"), ("2025-3-1 08:00", "2025-03-01"), ("下个月", None),
])
def test_dates(given, date):
    assert mapping.parse_date(given) == date


def test_tags_keep_chinese_terms_whole():
    assert mapping.tag_name("农、林、牧、渔业") == "农 林 牧 渔业"
    assert mapping.tag_name("开放数据") == "开放数据" and mapping.tag_name("、") is None


def test_html_abstracts_become_text():
    html = ("<div style='font-family:Arial'><p>Bus stops of the city.</p><p>Updated <b>daily</b>&nbsp;by "
            "the transit office.<br>Contact: 0451-1234</p><script>alert(1)</script></div>")
    assert html_to_text(html) == "Bus stops of the city.\nUpdated daily by the transit office.\nContact: 0451-1234"


def test_guid_prefers_id_then_code_then_title_and_agency():
    assert record_guid({"id": "7", "resource_code": "301001/000001"}) == "7"
    assert record_guid({"resource_code": "301001/000001"}) == "301001/000001"
    one = record_guid({"title": "公交站点", "agency": "交通局"})
    assert one == record_guid({"title": " 公交站点 ", "agency": "交通局"}) != \
        record_guid({"title": "公交站点", "agency": "教育局"})


def test_headers_are_found_below_title_rows():
    rows = [["某某局数据开放目录"] * 3, [None, None, None], ["序号", "资源名称*", "更新频率（必填）"],
            [1, "公交站点", "每月"], [None, "", None], [2, "公交线路", "每日"]]
    assert list(tables.records(iter(rows), None)) == [
        {"title": "公交站点", "update_frequency": "每月"}, {"title": "公交线路", "update_frequency": "每日"}]


def test_configured_headers_win_and_a_table_without_titles_fails():
    assert tables.header_map(["名称", "资源名称"], {"title": "名称"}) == {0: "title"}
    with pytest.raises(SourceError):
        list(tables.records(iter([["a", "b"]] * 12), None))


def test_csv_encodings_are_detected(tmp_path):
    text = "资源名称,更新周期\r\n公交站点,每月\r\n"
    path = tmp_path / "catalog.csv"
    for encoding in ("utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"):
        path.write_bytes(text.encode(encoding))
        rows = list(tables.catalog_rows(str(path), TableLimits(1 << 20)))
        assert rows == [["资源名称", "更新周期"], ["公交站点", "每月"]], encoding


def test_notes_under_a_catalog_are_skipped_unless_a_record_follows():
    header = ["序号", "资源名称", "更新周期"]
    note, merged = ["注：本表由南岗区大数据中心汇总", None, None], ["填表说明：1.按实际填写。"] * 3
    rows = [header, [1, "公交站点", "每月"], note, [2, "公交线路", "每日"], [None] * 3, note, merged]
    assert [r.get("title") for r in tables.records(iter(rows), None)] == ["公交站点", None, "公交线路"]
    titled = [header, [1, "公交站点", "每月"], [None, "哈尔滨市：出租车企业", None]]  # only its title: a record
    assert [r.get("title") for r in tables.records(iter(titled), None)] == ["公交站点", "哈尔滨市：出租车企业"]
