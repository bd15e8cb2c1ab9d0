"""What the loader leaves in the DataStore besides the rows (data/load.py, data/indexes.py): each
row written once with its full-text column, the indexes the searches read and no others, and the
full-text trigger back on for rows written later (the load's speed is measured by
benchmarks/datastore_load.py; here, what PostgreSQL holds and would do)."""
from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

import ckan.plugins.toolkit as tk

from ..privacy.publishing import publish
from .conftest import HEADER, run_jobs, search, upload, write_engine


def _rows(statement: str, **parameters: Any) -> list[Any]:
    with write_engine().connect() as connection:
        return connection.execute(sa.text(statement), parameters).all()


def test_each_row_is_written_once_with_its_full_text(loaded):
    """No row version is left behind by a second pass over the table: the rows are the table's
    first tuples, in order (a COPY then an UPDATE of every row left them after the dead ones)."""
    rows = _rows(f'SELECT _id, ctid::text, _full_text::text FROM "{loaded}" ORDER BY _id')
    slots: dict[str, list[int]] = {}  # page -> the row versions on it
    for _id, ctid, _words in rows:
        page, slot = ctid.strip("()").split(",")
        slots.setdefault(page, []).append(int(slot))
    assert all(sorted(used) == list(range(1, len(used) + 1)) for used in slots.values()), rows
    assert [row[0] for row in rows] == [1, 2, 3] and "'0451'" in rows[0][2] and all(row[2] for row in rows)


def test_every_page_of_the_loaded_table_is_marked_all_visible(loaded):
    """The load ends with VACUUM: a deep page (OFFSET) and the scans of a search read the pages
    without checking each row's visibility in the heap, and no first reader writes hint bits."""
    [(pages, visible, vacuumed)] = _rows("SELECT c.relpages, c.relallvisible, s.last_vacuum IS NOT NULL FROM pg_class c "
                                         "JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname = :table",
                                         table=loaded)
    assert vacuumed and pages >= 1 and visible == pages


def test_the_table_has_the_indexes_its_searches_read_and_no_other(loaded):
    definitions = [row[0] for row in _rows("SELECT indexdef FROM pg_indexes WHERE tablename = :t", t=loaded)]
    full_text = [d for d in definitions if "(_full_text)" in d]
    trigram = sorted(name for name in HEADER for d in definitions if f'("{name}" gin_trgm_ops)' in d)
    assert len(full_text) == 1 and "USING gin" in full_text[0], definitions
    # not 区县代码 (0451…: ASCII cells only, where no Chinese term is looked for)
    assert trigram == sorted(["企业名称", "所属区县"])
    assert not [d for d in definitions if "to_tsvector" in d], definitions  # none per column
    assert len(definitions) == 1 + 1 + 2  # _id's unique index, the full text, the trigram ones


def _plan(statement: str, parameters: Any) -> str:
    with write_engine().begin() as connection:
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        return "\n".join(connection.exec_driver_sql("EXPLAIN " + statement, parameters).scalars().all())


def test_an_ascii_word_in_one_column_is_found_through_the_full_text_index(loaded):
    """q={column: word} of ASCII text: CKAN narrows the rows by the _full_text index (the column has
    no full-text index of its own), then keeps those whose column holds the word."""
    from ckanext.datastore.backend.postgres import get_read_engine

    sent: list[tuple[str, Any]] = []

    def keep(connection: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if "to_tsvector" in statement:
            sent.append((statement, parameters))

    sa.event.listen(get_read_engine(), "before_cursor_execute", keep)
    try:
        assert [r["序号"] for r in search("", loaded, q={"区县代码": "0452"})["records"]] == [2]
    finally:
        sa.event.remove(get_read_engine(), "before_cursor_execute", keep)
    assert search("", loaded, q={"企业名称": "0452"})["records"] == []  # in the row, not in that column
    assert sent
    for statement, parameters in sent:
        plan = _plan(statement, parameters)
        assert "Bitmap Index Scan" in plan and "Seq Scan" not in plan, plan
        assert "_full_text @@" in plan, plan


def test_rows_written_after_the_load_get_their_full_text(loaded):
    tk.get_action("datastore_upsert")({"ignore_auth": True, "user": ""}, {
        "resource_id": loaded, "force": True, "method": "insert",
        "records": [{"序号": 4, "企业名称": "哈尔滨松北新区餐饮有限公司", "区县代码": "0460"}]})
    assert [r["序号"] for r in search("", loaded, q="0460")["records"]] == [4]


def test_the_full_text_holds_the_words_an_ascii_query_can_find(people, storage):
    """Chinese is found as substrings (trigram indexes), never through _full_text: a run of it is no
    word of the full text, and a number or Latin word written against it is one of its own."""
    lines = ["哈尔滨市企业登记表", "序号,企业名称,注册地址,增长率（%）", "1,哈尔滨ABC国际贸易有限公司,哈尔滨市道里区中央大街108号,3.5",
             "2,黑龙江松花江物流有限公司,哈尔滨市南岗区学府路52号,-1.2"]
    resource = upload(people.entry["id"], people.editor, ("\r\n".join(lines) + "\r\n").encode("gbk"), "企业.csv", "CSV")
    publish(people, people.entry["id"])
    run_jobs()
    words = [row[0] for row in _rows(f'SELECT _full_text::text FROM "{resource["id"]}" ORDER BY _id')]
    assert all(word.isascii() for word in words), words
    assert [r["序号"] for r in search("", resource["id"], q="108")["records"]] == [1]
    assert [r["序号"] for r in search("", resource["id"], q="abc")["records"]] == [1]
    assert [r["序号"] for r in search("", resource["id"], q="中央大街")["records"]] == [1]
    assert [r["序号"] for r in search("", resource["id"], q="52 学府路")["records"]] == [2]
    assert [float(r["增长率（%）"]) for r in search("", resource["id"], sort="_id")["records"]] == [3.5, -1.2]


def test_rows_written_after_the_load_come_after_its_rows(loaded):
    tk.get_action("datastore_upsert")({"ignore_auth": True, "user": ""}, {
        "resource_id": loaded, "force": True, "method": "insert", "records": [{"序号": 4, "企业名称": "哈尔滨新企业"}]})
    assert [(r["_id"], r["序号"]) for r in search("", loaded, sort="_id")["records"]] == [(1, 1), (2, 2), (3, 3), (4, 4)]


@pytest.mark.usefixtures("unmended_refusal")
def test_a_cell_the_database_refuses_fails_the_load_and_leaves_no_table(people, storage):
    """2025-02-03 25:00 (an hour typed wrong) looks like a date to the column types (of old) but PostgreSQL refuses it, in one
    of the two connections' halves: a refusal the loader does not mend (test_agency_cells: it loads such a column as text)
    fails the load with PostgreSQL's reason and no table (nor half of one) stays."""
    from ckanext.datastore.backend.postgres import get_write_engine

    from ckanext.harbin_opendata.data.failures import _row

    lines = ["哈尔滨市企业登记表", "序号,企业名称,成立日期", "1,哈尔滨冰城科技有限公司,2025-01-05",
             "2,黑龙江松花江物流有限公司,2024-11-30", "3,哈尔滨中央大街餐饮有限公司,2025-02-03 25:00"]
    resource = upload(people.entry["id"], people.editor, ("\r\n".join(lines) + "\r\n").encode("gbk"), "企业.csv", "CSV")
    publish(people, people.entry["id"])
    run_jobs()
    failure = _row(resource["id"])
    assert failure is not None and failure.value.startswith("database:") and "2025-02-03 25:00" in failure.value, failure
    with get_write_engine().connect() as connection:
        assert connection.execute(sa.text("SELECT to_regclass(:t)"), {"t": f'"{resource["id"]}"'}).scalar() is None
