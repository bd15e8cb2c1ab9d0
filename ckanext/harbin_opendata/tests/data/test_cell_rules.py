"""One rule for cells (common/cell_types.py): the data items drafted from a file and the DataStore
columns it loads into get the same type from the same odd agency cells, cell by cell and file by
file (title rows, a 合计 footer), so a drafted item never disagrees with its loaded column."""
from __future__ import annotations

import tempfile

import pyarrow as pa
import pytest

from ckanext.harbin_opendata.common.data_items import column_type, items_from_file
from ckanext.harbin_opendata.common.tabular import Limits, tables_as_scanned
from ckanext.harbin_opendata.data import load
from ckanext.harbin_opendata.data.columns import NUMERIC, TEXT, TIMESTAMP, ColumnTypes, field_names

_LOADED_AS = {"integer": NUMERIC, "number": NUMERIC, "date": TIMESTAMP, "datetime": TIMESTAMP,
              "string": TEXT, "boolean": TEXT, "time": TEXT}

_ODD_COLUMNS = [  # (header, cells, the type both must give)
    ("成立日期", ["2019-05-13", "0000-01-01"], TEXT),
    ("办结时间", ["2025-01-02 08:30", "2025-01-02 25:00"], TEXT),
    ("办结时间", ["2025-01-02 24:00"], TEXT),
    ("指标", ["1e400", "12"], TEXT),
    ("指标", ["1e5", "-2.5E-10"], NUMERIC),
    ("账号", ["622202100112345678", "622202100112345679"], TEXT),
    ("金额", ["1234567890.123456789"], TEXT),
    ("金额", ["123456789012345", "12."], NUMERIC),  # a trailing point: PostgreSQL reads 12
    ("身份证号", ["2.30108E+17", "2.30103E+17"], NUMERIC),  # what the cell says; the privacy scan reads the ID
    ("发放金额", ["1250.00", "-"], TEXT),
    ("发放金额", ["1250.00", "合计"], TEXT),
    ("发放日期", ["2025年1月2日", "2025年12月31日"], TIMESTAMP),
    ("发放日期", ["2025年1月2日 8时30分", "2025.1.3"], TIMESTAMP),
    ("发放日期", ["1899年12月31日"], TEXT),
    ("出生日期", ["19850813", "19900101"], TIMESTAMP),  # a date where the header says so
    ("编号", ["19850813", "19900101"], NUMERIC),
    ("注销日期", ["0001-01-01"], TIMESTAMP),
    ("录入时间", ["2019-05-13 08:30:15.1234567"], TEXT),
    ("是否办结", ["是", "否"], TEXT),
    ("开放时间", ["08:30", "17:00"], TEXT),
]


def _loaded(name: str, cells: list[str]) -> str:
    types = ColumnTypes([name])
    types.see(0, pa.array(cells))
    return types.types()[0]


@pytest.mark.parametrize("name, cells, kind", _ODD_COLUMNS)
def test_a_drafted_item_and_its_loaded_column_get_the_same_type(name, cells, kind):
    assert _loaded(name, cells) == kind
    assert _LOADED_AS[column_type(cells, name)] == kind


def _loaded_fields(path: str) -> list[dict]:
    table = next(iter(tables_as_scanned(path, Limits(max_unpacked_bytes=10_000_000))))
    with tempfile.NamedTemporaryFile(suffix=".csv") as out:
        fields, _ = load._write_rows(table, field_names(table.header), out, frozenset())
    return fields


def test_a_file_drafts_the_items_its_loaded_table_has(tmp_path):
    """A GBK table under a title, its odd columns side by side, a 合计 row and a signer below: the
    footer types neither; each drafted item is of its loaded column's type."""
    header = [name for name, _, _ in _ODD_COLUMNS]
    header = [f"{name}{index}" if name in header[:index] else name for index, name in enumerate(header)]
    length = max(len(cells) for _, cells, _ in _ODD_COLUMNS)
    rows = [[cells[row] if row < len(cells) else "" for _, cells, _ in _ODD_COLUMNS] for row in range(length)]
    total = ["合计", *[""] * (len(header) - 1)]
    lines = ["哈尔滨市政务服务事项办理情况统计表", ",".join(header), *(",".join(row) for row in rows),
             ",".join(total), "制表人：王某某"]
    path = tmp_path / "办理情况.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    loaded = [field["type"] for field in _loaded_fields(str(path))]
    drafted = [_LOADED_AS[item["type"]] for item in items_from_file(str(path), 10_000_000)]
    assert drafted == loaded == [kind for _, _, kind in _ODD_COLUMNS]


def _statistics_csv(tmp_path, rows: list[list[str]]):
    lines = ["哈尔滨市2024年12月城乡居民最低生活保障金发放情况统计表", "序号,区县,保障户数,发放金额（元）",
             *(",".join(row) for row in rows), "制表人：王某某"]
    path = tmp_path / "低保发放.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path


_DISTRICTS = [["1", "道里区", "837", "548235.00"], ["2", "南岗区", "874", "572470.00"], ["3", "五常市", "911", "596705.00"]]


def test_a_total_with_its_units_types_no_column(tmp_path):
    """A 合计 row under the data whose sums carry their units (1211户, 9017.39万元) is read with the
    footer, as a 合计 of bare numbers: 保障户数 and 发放金额 load as numbers."""
    path = _statistics_csv(tmp_path, [*_DISTRICTS, ["合计", "", "2622户", "171.74万元"]])
    assert [field["type"] for field in _loaded_fields(str(path))] == [NUMERIC, TEXT, NUMERIC, NUMERIC]
    assert [item["type"] for item in items_from_file(str(path), 10_000_000)] == ["integer", "string", "integer", "number"]


def test_a_subtotal_labelled_in_a_number_column_keeps_its_label(tmp_path):
    """A 小计 between groups whose label sits under 序号 stays a row, as written: 序号 loads as text
    (common/tabular/totals.py says why the loader cannot type it by its other cells)."""
    path = _statistics_csv(tmp_path, [*_DISTRICTS[:2], ["小计", "", "1711", "1120705.00"], _DISTRICTS[2]])
    assert [field["type"] for field in _loaded_fields(str(path))] == [TEXT, TEXT, NUMERIC, NUMERIC]
    table = next(iter(tables_as_scanned(str(path), Limits(max_unpacked_bytes=10_000_000))))
    assert [row[0] for row in table.rows()] == ["1", "2", "小计", "3"]
