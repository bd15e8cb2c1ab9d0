"""A statistics table that ends with rows of sums (合计, 其中：城镇; in the workbook 合  计 merged over
序号 and 区县) and signers, the whole way: upload, scan, masked copy, publication, DataStore, preview,
consistency check. The sums are scanned (lines, not data rows) and kept in the masked copy; they are
no DataStore or preview row and type no column (序号 stays numeric, 发放日期 a timestamp). The 小计
between the city districts and the counties stays a row: it is data the agency wrote there."""
from __future__ import annotations

import csv
import io

import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.data.consistency import entry_mismatches
from ckanext.harbin_opendata.preview.table import first_rows

from .conftest import search
from .statistics_tables import (ALLOWANCE_HEADER, ALLOWANCE_ITEMS, ALLOWANCE_ROWS, CLOSING_LINES, SUBTOTAL,
                                allowance_csv, allowance_xlsx)
from .test_agency_footers import _masked_file, _published_copy


def _assert_rows_are_the_districts(people, original: str, masked: str, above: int) -> None:
    """`above`: the lines over the data (title rows, the header)."""
    found = search("", masked, sort="_id", limit=100)
    types = {field["id"]: field["type"] for field in found["fields"] if field["id"] != "_id"}
    assert types["序号"] == "numeric" and types["发放日期"] == "timestamp" and types["发放金额（元）"] == "numeric", types
    assert found["total"] == len(ALLOWANCE_ROWS)
    assert [record["区县"] for record in found["records"]] == [row[1] for row in ALLOWANCE_ROWS]
    assert SUBTOTAL[1] in [record["区县"] for record in found["records"]]
    assert not [record for record in found["records"] if "合" in str(record) or "其中" in str(record)]
    package = tk.get_action("package_show")({"user": people.reviewer}, {"id": people.entry["id"]})
    assert entry_mismatches(package) == []

    preview = first_rows(masked)
    assert preview["header"] == ALLOWANCE_HEADER and len(preview["rows"]) == len(ALLOWANCE_ROWS)
    assert preview["rows"][-1][1] == "巴彦县" and not preview["more"]

    status = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": people.entry["id"]})
    [scan] = [res["scan"] for res in status["resources"] if res["id"] == original]
    assert scan["rows_done"] == len(ALLOWANCE_ROWS)  # the sums are read as lines
    assert scan["tables"][0]["rows"] == len(ALLOWANCE_ROWS) and scan["tables"][0]["lines"] == above + CLOSING_LINES


@pytest.mark.usefixtures("storage")
def test_a_gbk_table_with_sums_loads_its_districts_only(people):
    original, masked = _published_copy(people, allowance_csv(), "低保发放.csv", "CSV", ALLOWANCE_ITEMS)
    _assert_rows_are_the_districts(people, original, masked, above=3)  # title, subtitle, header
    rows = [row for row in csv.reader(io.StringIO(_masked_file(masked))) if any(row)]
    assert rows[-4][:3] == ["合计", "", "13767"] and rows[-3][1] == "其中：城镇"  # kept in the copy
    assert rows[-2][0] == "制表人：王**"


@pytest.mark.usefixtures("storage")
def test_a_workbook_with_a_merged_total_loads_its_districts_only(people):
    original, masked = _published_copy(people, allowance_xlsx(), "低保发放.xlsx", "XLSX", ALLOWANCE_ITEMS)
    _assert_rows_are_the_districts(people, original, masked, above=2)  # the merged title, the header
