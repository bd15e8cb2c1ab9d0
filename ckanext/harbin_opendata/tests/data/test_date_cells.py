"""Dates written as Chinese agencies write them make a timestamp column, each written for PostgreSQL
as the date it is; a column that mixes in anything else stays text, as written; 20190513 is a date
only in a column whose name says so."""
from __future__ import annotations

import pyarrow as pa
import pytest

from ckanext.harbin_opendata.data.columns import NUMERIC, TEXT, TIMESTAMP, ColumnTypes
from ckanext.harbin_opendata.common.cell_types import iso_dates


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
    # no such day: PostgreSQL would refuse the whole load
    ("发证日期", ["2019年5月13日", "2019年2月30日"], TEXT),
    ("成立日期", ["2019-05-13", "2019-02-29"], TEXT),
    ("成立日期", ["2019/04/31"], TEXT),
    ("成立日期", ["2019-13-01"], TEXT),
    ("发证日期", ["20190230"], NUMERIC),
    ("发证日期", ["1900年2月29日"], TEXT),
    ("发证日期", ["2020年2月29日", "2000-02-29", "2024/12/31 23:59"], TIMESTAMP),
    # PostgreSQL refuses year 0000, 25:00 and 08:61, reads 24:00 as the next day, rounds a 7th digit
    ("成立日期", ["2019-05-13", "0000-01-01"], TEXT),
    ("注销日期", ["0001-01-01"], TIMESTAMP),
    ("办结时间", ["2019-05-13 24:00"], TEXT),
    ("办结时间", ["2019-05-13 25:00"], TEXT),
    ("办结时间", ["2019-05-13 08:61"], TEXT),
    ("录入时间", ["2019-05-13 08:30:15.1234567"], TEXT),
    ("录入时间", ["2019年5月13日 08:30:15.1234567"], TEXT),
    ("录入时间", ["2019-05-13 08:30:15.123456", "2019年5月13日 23:59:59.5"], TIMESTAMP),
    # numbers PostgreSQL or a float would write otherwise
    ("指标", ["1e400"], TEXT),
    ("指标", ["1e5", "-2.5E-10"], NUMERIC),
    ("金额", ["1234567890.123456789"], TEXT),
    ("金额", ["123456789012345", "0.000000000012345"], NUMERIC),
])
def test_column_types(name, cells, kind):
    assert _types(name, cells) == [kind]


def test_only_columns_not_written_as_postgresql_reads_them_are_rewritten():
    types = ColumnTypes(["成立日期", "发证日期", "名称"])
    for index, cells in enumerate([["2025-01-05", "2023/7/1"], ["2019年5月13日", "2019-05-14"], ["甲", "乙"]]):
        types.see(index, pa.array(cells))
    assert types.types() == [TIMESTAMP, TIMESTAMP, TEXT]
    assert types.written(["成立日期", "发证日期", "名称"]) == {"发证日期"}


def test_rewritten_dates_say_where_their_rows_start(tmp_path):
    """The loader's second connection starts at a row of the file as rewritten (data/row_copy.py):
    each start rewrite_dates gives is the start of the row after `rows_before` rows, the last the
    file's end; several of Arrow's blocks, a cell over two lines."""
    import csv

    from ckanext.harbin_opendata.data.date_cells import rewrite_dates

    path, rows = tmp_path / "rows.csv", 60_000
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["序号", "发证日期", "备注"])
        for n in range(1, rows + 1):
            writer.writerow([n, f"2019年5月{n % 28 + 1}日", "第一行\n第二行" if n % 9999 == 0 else "道里区"])
    fields = [{"id": "序号", "type": "numeric"}, {"id": "发证日期", "type": "timestamp"}, {"id": "备注", "type": "text"}]
    starts = rewrite_dates(str(path), fields, {"发证日期"})
    body = path.read_bytes()
    assert len(starts) > 2 and starts[-1] == (len(body), rows), starts[-3:]
    for offset, before in starts[:-1]:
        assert body[offset:].split(b",", 1)[0].strip(b'"') == str(before + 1).encode(), (offset, before)
    assert "年".encode() not in body  # the dates as PostgreSQL reads them


def test_empty_cells_stay_empty_when_dates_are_rewritten(tmp_path):
    """COPY reads an unquoted empty cell as NULL and a quoted one as an empty text, which a
    timestamp or numeric column refuses (the whole load failed); NA stays text."""
    from ckanext.harbin_opendata.data.date_cells import rewrite_dates

    path = tmp_path / "rows.csv"
    path.write_bytes("序号,发证日期,备注\n1,2019年5月13日,NA\n2,,\n,2019年5月14日,\"\"\n".encode())
    fields = [{"id": "序号", "type": "numeric"}, {"id": "发证日期", "type": "timestamp"}, {"id": "备注", "type": "text"}]
    rewrite_dates(str(path), fields, {"发证日期"})
    assert path.read_bytes().decode().splitlines()[1:] == ['"1","2019-5-13","NA"', '"2",,', ',"2019-5-14",""']
