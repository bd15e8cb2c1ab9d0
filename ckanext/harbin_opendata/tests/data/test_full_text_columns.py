"""The loader's full-text column computed column by column (data/load.py `_full_text`): a column
with no ASCII character in any cell is left out and the regular expression runs only on text
columns with characters outside ASCII, and every row's `_full_text` is still the value of the
whole row's text with every run outside ASCII a space (the definition it had)."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..privacy.publishing import publish
from .conftest import run_jobs, search, upload, write_engine

HEADER = ["序号", "企业名称", "英文名", "注册地址", "分店", "区县代码", "成立日期", "备注"]
ROWS = [["1", "哈尔滨冰城科技有限公司", "ABC科技", "哈尔滨市道里区中央大街108号", "道里店", "0451", "2025-01-05", ""],
        ["2", "黑龙江松花江物流有限公司", "松花江Logistics", "南岗区学府路52号", "第7分店", "0452", "2024-11-30", ""],
        ["3", "哈尔滨中央大街餐饮有限公司", "", "道外区", "道外店", "", "2023/7/1", ""]]
# the definition: every column's text, joined by spaces, then every run outside ASCII a space
_WHOLE_ROW = ("to_tsvector(regexp_replace(" + " || ' ' || ".join(
    f"coalesce(\"{name}\"::text, '')" for name in HEADER) + ", '[^[:ascii:]]+', ' ', 'g'))")


def _load(people: Any, sent: list[str]) -> str:
    """The register loaded; `sent` gets the statements that wrote its rows."""
    from ckanext.datastore.backend.postgres import get_write_engine

    def keep(connection: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if statement.startswith("INSERT INTO") and "to_tsvector" in statement:
            sent.append(statement)

    lines = ["哈尔滨市企业登记表", ",".join(HEADER), *(",".join(row) for row in ROWS)]
    resource = upload(people.entry["id"], people.editor, ("\r\n".join(lines) + "\r\n").encode("gbk"), "企业.csv", "CSV")
    sa.event.listen(get_write_engine(), "before_cursor_execute", keep)
    try:
        publish(people, people.entry["id"])
        run_jobs()
    finally:
        sa.event.remove(get_write_engine(), "before_cursor_execute", keep)
    return resource["id"]


def test_each_row_has_the_full_text_of_its_whole_row(people, storage):
    sent: list[str] = []
    table = _load(people, sent)
    with write_engine().connect() as connection:
        rows = connection.execute(sa.text(f'SELECT _id, _full_text::text, ({_WHOLE_ROW})::text FROM "{table}" '
                                          f"ORDER BY _id")).all()
    assert [row[1] for row in rows] == [row[2] for row in rows] and len(rows) == 3, rows
    assert "'7'" in rows[1][1] and "'logist'" in rows[1][1], rows  # 第7分店: the column is not left out
    assert [r["序号"] for r in search("", table, q="7")["records"]] == [2]
    assert [r["序号"] for r in search("", table, q="abc")["records"]] == [1]


def test_columns_without_ascii_are_left_out_and_only_chinese_text_is_rewritten(people, storage):
    sent: list[str] = []
    _load(people, sent)
    assert len(sent) == 2, sent  # the two connections' halves
    full_text = sent[0][sent[0].index("to_tsvector"):]
    assert '"企业名称"' not in full_text and '"备注"' not in full_text, full_text  # no ASCII in any cell
    rewritten = [name for name in HEADER if f"regexp_replace(\"{name}\"" in full_text]
    assert rewritten == ["英文名", "注册地址", "分店"], full_text  # not 序号, 区县代码 (ASCII), 成立日期
