"""Chinese search on a loaded table is answered by trigram indexes (data/trigram.py, data/substring.py):
the loader builds one on each text column, and a Chinese term is looked for column by column, so
that PostgreSQL can answer it from those indexes instead of reading the whole table (the speed is
measured by benchmarks/datastore_search.py; here, what PostgreSQL would do)."""
from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from .conftest import HEADER, search, write_engine


def _trigram_columns(resource_id: str) -> set[str]:
    with write_engine().connect() as connection:
        definitions = connection.execute(sa.text("SELECT indexdef FROM pg_indexes WHERE tablename = :table"),
                                         {"table": resource_id}).scalars().all()
        return {name for name in HEADER for definition in definitions
                if "gin_trgm_ops" in definition and f'("{name}" gin_trgm_ops)' in definition}


def test_each_text_column_with_text_outside_ascii_gets_a_trigram_index(loaded):
    # not the numbers and dates, nor 区县代码 (0451…: no Chinese term is looked for in it)
    assert _trigram_columns(loaded) == {"企业名称", "所属区县"}


def test_a_chinese_term_is_not_looked_for_in_a_column_of_ascii_codes(loaded):
    answer, statements = _searches_sql(loaded, q="中央大街")
    assert [record["序号"] for record in answer["records"]] == [3]
    searched = [f'"区县代码" {like} ' in statement for statement, _ in statements for like in ("LIKE", "ILIKE")]
    assert statements and not any(searched)
    assert search("", loaded, q={"区县代码": "中央"})["records"] == []
    assert [record["序号"] for record in search("", loaded, q={"区县代码": "0452"})["records"]] == [2]


def test_chinese_written_later_into_a_column_of_ascii_codes_is_found(loaded, people):
    """A sysadmin adds a company whose district code is not known yet (待补充): the column is
    searched for Chinese from then on, through a trigram index of its own."""
    import ckan.plugins.toolkit as tk

    row = dict(zip(HEADER, ["4", "哈尔滨松北新能源有限公司", "松北区", "300", "2026-03-01", "待补充"]))
    tk.get_action("datastore_upsert")({"user": people.sysadmin}, {
        "resource_id": loaded, "records": [row], "method": "insert", "force": True})
    assert [record["序号"] for record in search("", loaded, q="待补充")["records"]] == [4]
    assert [record["序号"] for record in search("", loaded, q={"区县代码": "待补充"})["records"]] == [4]
    assert _trigram_columns(loaded) == {"企业名称", "所属区县", "区县代码"}


def test_the_load_leaves_the_planner_its_statistics(loaded):
    """Without them PostgreSQL takes every term for a rare one (0.01 % of the rows per column) and
    reads all 84,000 rows a street finds, sorted, for a page of 100 (the benchmark: 186 ms instead of
    about 10, until autovacuum analyses the table, which it may never do)."""
    with write_engine().connect() as connection:
        analysed = connection.execute(sa.text("SELECT attname FROM pg_stats WHERE tablename = :table"),
                                      {"table": loaded}).scalars().all()
    assert {"企业名称", "所属区县", "注册资本（万元）"} <= set(analysed)


def _searches_sql(resource_id: str, **params: Any) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """datastore_search's answer and the statements it sent that search rows (LIKE, ILIKE)."""
    from ckanext.datastore.backend.postgres import get_read_engine

    sent: list[tuple[str, Any]] = []

    def keep(connection: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if " LIKE " in statement or " ILIKE " in statement:
            sent.append((statement, parameters))

    sa.event.listen(get_read_engine(), "before_cursor_execute", keep)
    try:
        answer = search("", resource_id, **params)
    finally:
        sa.event.remove(get_read_engine(), "before_cursor_execute", keep)
    return answer, sent


def _plans(statements: list[tuple[str, Any]]) -> list[str]:
    """PostgreSQL's plan of each statement when it may use any index it has (a three-row table
    is otherwise read whole, index or not)."""
    plans = []
    with write_engine().begin() as connection:
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        for statement, parameters in statements:
            rows = connection.exec_driver_sql("EXPLAIN " + statement, parameters).scalars().all()
            plans.append("\n".join(rows))
    return plans


@pytest.mark.parametrize("q", ["中央大街", {"企业名称": "中央大街"}, "哈尔滨 中央"])
def test_a_chinese_term_is_answered_by_the_trigram_indexes(loaded, q):
    answer, statements = _searches_sql(loaded, q=q)
    assert [record["序号"] for record in answer["records"]] == [3] and answer["total"] == 1
    assert len(statements) == 2  # the rows and the total (counted up to the bound: data/search_total.py)
    # no letter with a case in the terms: LIKE, which finds the same cells without lower-casing each
    assert all(" ILIKE " not in statement for statement, _ in statements)
    counts = [statement for statement in statements if "count(*)" in statement[0]]
    rows, total = _plans([statement for statement in statements if statement not in counts] + counts)
    assert "Bitmap Index Scan" in total and "Seq Scan" not in total, total  # every row found, from the indexes
    # the first rows: from the indexes, or in table order (_id) until the page is full
    assert ("Bitmap Index Scan" in rows or "_pkey" in rows) and "Seq Scan" not in rows, rows


def test_terms_keep_their_meaning_column_by_column(loaded):
    def found(**params: Any) -> list[int]:
        return [record["序号"] for record in search("", loaded, sort="_id", **params)["records"]]

    assert found(q="哈尔滨") == [1, 3]
    assert found(q="道里 100.5") == [1]  # an ASCII term is looked for in the whole row (a number here)
    assert found(q="哈尔滨 2023") == [3]  # …and a date
    assert found(q={"注册资本（万元）": "哈尔滨"}) == []  # a Chinese term is in no number
    assert found(q="滨冰") == [1]  # two characters: no trigram, still found


@pytest.mark.parametrize("params, found", [
    ({"full_text": "中央大街"}, [3]),  # CKAN's search of the full-text column alone
    ({"full_text": "哈尔滨 餐饮"}, [3]),
    ({"full_text": "中央大街", "q": {"所属区县": "道外"}}, [3]),
    ({"full_text": "中央大街", "q": {"所属区县": "道里"}}, []),  # both must hold
    ({"full_text": "哈尔滨", "q": "0451"}, [1]),
    ({"full_text": "0453", "q": "哈尔滨"}, [3]),  # an ASCII full_text with a Chinese q: both kept
    ({"full_text": "0452"}, [2]),  # ASCII alone: CKAN's own full-text search
])
def test_full_text_finds_chinese_as_q_does(loaded, params, found):
    answer = search("", loaded, sort="_id", **params)
    assert [record["序号"] for record in answer["records"]] == found and answer["total"] == len(found)
