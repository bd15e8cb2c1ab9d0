"""Dates written as Chinese agencies write them make a timestamp column, each written for PostgreSQL
as the date it is; a column that mixes in anything else stays text, as written; 20190513 is a date
only in a column whose name says so."""
from __future__ import annotations

import pyarrow as pa
import pytest

from ckanext.harbin_opendata.data.columns import NUMERIC, TEXT, TIMESTAMP, ColumnTypes
from ckanext.harbin_opendata.data.date_cells import iso_dates


@pytest.mark.parametrize("written, iso", [
    ("2019年5月13日", "2019-5-13"), ("2019年05月13日", "2019-05-13"), ("2019.5.13", "2019-5-13"),
    ("2019/5/13", "2019-5-13"), ("2019-05-13", "2019-05-13"), ("20190513", "2019-05-13"),
    ("20190513083015", "2019-05-13 08:30:15"), ("2019年5月2日3时", "2019-5-2 3:00"),
    ("2019年5月13日 8时30分", "2019-5-13 8:30"), ("2019年5月13日8时30分15秒", "2019-5-13 8:30:15"),
    ("2019-05-13T08:30:15", "2019-05-13 08:30:15"), (" 2019年12月31日 ", "2019-12-31")])
def test_written_dates_as_postgresql_reads_them(written, iso):
    assert iso_dates(pa.array([written])).to_pylist() == [iso]


def _types(name: str, cells: list[str]) -> list[str]:
    types = ColumnTypes([name])
    types.see(0, pa.array(cells))
    return types.types()


@pytest.mark.parametrize("name, cells, kind", [
    ("发证日期", ["2019年5月13日", "2020年12月1日", ""], TIMESTAMP),
    ("发证日期", ["2019.5.13", "2019/5/13", "2019-05-13 08:30"], TIMESTAMP),
    ("发证日期", ["2019年5月13日", "不详"], TEXT),  # a cell that is no date: the column as written
    ("发证日期", ["2019年13月1日"], TEXT),
    ("发证日期", ["20190513", "20201201"], TIMESTAMP),
    ("编号", ["20190513", "20201201"], NUMERIC),  # a number where the name says nothing of dates
    ("日期", ["20190013"], NUMERIC),
])
def test_column_types(name, cells, kind):
    assert _types(name, cells) == [kind]


def test_only_columns_not_written_as_postgresql_reads_them_are_rewritten():
    types = ColumnTypes(["成立日期", "发证日期", "名称"])
    for index, cells in enumerate([["2025-01-05", "2023/7/1"], ["2019年5月13日", "2019-05-14"], ["甲", "乙"]]):
        types.see(index, pa.array(cells))
    assert types.types() == [TIMESTAMP, TIMESTAMP, TEXT]
    assert types.written(["成立日期", "发证日期", "名称"]) == {"发证日期"}
