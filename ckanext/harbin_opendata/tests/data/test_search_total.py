"""A Chinese search's total (data/search_total.py): exact up to the bound, above it an estimate
flagged `total_was_estimated: true`; the rows themselves never change (the same rows in the same
order as a search that counts everything), and a term with a letter that has a case (full-width
Ａ, Roman numeral Ⅱ) is still found in either case (data/substring.py matches only caseless terms
with LIKE). The speed is measured by benchmarks/datastore_search.py."""
from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from ckanext.harbin_opendata.data import search_total

from ..privacy.publishing import publish
from .conftest import run_jobs, search, upload

HEADER = ["序号", "企业名称", "所属区县", "楼宇", "注册资本（万元）"]
_BUILDINGS = {10: "科技大厦Ａ座", 11: "科技大厦ａ座", 12: "群力新区Ⅱ期", 13: "群力新区ⅱ期"}
_RARE = {7, 1500, 1999}  # 珠祥 in the name


def _rows() -> list[list[str]]:
    """2,000 companies, three in four of them in 道里区, the agency's export with its title rows."""
    rows = []
    for n in range(1, 2001):
        name = f"哈尔滨{'珠祥' if n in _RARE else '恒泰'}商贸有限公司{n}"
        rows.append([str(n), name, "道里区" if n % 4 else "南岗区", _BUILDINGS.get(n, "红旗大厦"), f"{n % 97}.5"])
    return rows


def _csv() -> bytes:
    lines = ["哈尔滨市道里区市场主体名录", "数据截止日期：2025年12月31日", ",".join(HEADER)]
    lines += [",".join(row) for row in _rows()]
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


def _having(term: str) -> list[int]:
    """序号 of the rows where a text column holds `term` in any case, in table order (the reference)."""
    return [int(row[0]) for row in _rows() if any(term.lower() in cell.lower() for cell in row[1:4])]


@pytest.fixture
def table(people, storage) -> str:
    resource = upload(people.entry["id"], people.editor, _csv(), "市场主体名录.csv", "CSV")
    publish(people, people.entry["id"])
    run_jobs()
    return resource["id"]


def _numbers(answer: dict[str, Any]) -> list[int]:
    return [int(record["序号"]) for record in answer["records"]]


@pytest.mark.ckan_config("ckanext.harbin_opendata.data.search.exact_total_up_to", "50")
def test_a_total_above_the_bound_is_an_estimate_and_says_so(table, monkeypatch):
    monkeypatch.setattr(search_total, "SAMPLE_ROWS", 500)  # the 2,000-row table counts as large
    answer = search("", table, q="道里", limit=20)
    assert answer["total_was_estimated"] is True and answer["include_total"] is True
    assert 50 < answer["total"] <= 2000
    assert _numbers(answer) == _having("道里")[:20]
    again = search("", table, q="道里", limit=20)
    assert again["total"] == answer["total"]  # the same sample for the same request


@pytest.mark.ckan_config("ckanext.harbin_opendata.data.search.exact_total_up_to", "50")
def test_a_total_up_to_the_bound_is_exact(table, monkeypatch):
    monkeypatch.setattr(search_total, "SAMPLE_ROWS", 500)
    answer = search("", table, q="珠祥")
    assert (answer["total"], answer["total_was_estimated"]) == (3, False) and _numbers(answer) == sorted(_RARE)
    # the request's own threshold: an exact count of any size
    answer = search("", table, q="道里", limit=5, total_estimation_threshold=search_total.EXACT)
    assert (answer["total"], answer["total_was_estimated"]) == (len(_having("道里")), False)
    assert _numbers(answer) == _having("道里")[:5]
    # nothing found, a page past the last row found: no rows, the total still right
    assert (search("", table, q="珠祥不在")["total"], search("", table, q="珠祥不在")["records"]) == (0, [])
    answer = search("", table, q="珠祥", offset=3)
    assert (answer["total"], answer["records"]) == (3, [])
    assert _numbers(search("", table, q="珠祥", offset=2)) == [1999]
    # without the total, nothing is counted or claimed
    answer = search("", table, q="道里", limit=5, include_total=False)
    assert "total" not in answer and _numbers(answer) == _having("道里")[:5]


def test_by_default_totals_of_this_size_are_exact(table):
    for q in ("道里", "珠祥商贸", "道里 恒泰", {"所属区县": "南岗"}):
        answer = search("", table, q=q, limit=3)
        terms = q.split() if isinstance(q, str) else []
        expected = ([n for n in _having(terms[0]) if all(n in _having(term) for term in terms)] if terms
                    else [int(row[0]) for row in _rows() if "南岗" in row[2]])
        assert (answer["total"], answer["total_was_estimated"]) == (len(expected), False), q
        assert _numbers(answer) == expected[:3], q


@pytest.mark.parametrize("q", ["ａ座", "Ａ座", "ⅱ期", "Ⅱ期"])
def test_a_term_with_a_cased_letter_finds_either_case(table, q):
    answer = search("", table, q=q)
    assert _numbers(answer) == _having(q) and len(_having(q)) == 2 and answer["total"] == 2


def test_a_deep_page_of_the_table_starts_at_the_id_found_in_the_index(loaded, monkeypatch):
    """keyset.deep_page: a page at a large OFFSET of the whole table in _id order reads from the _id
    the index finds at that offset; the rows and the total are those of OFFSET."""
    from ckanext.datastore.backend.postgres import get_read_engine

    from ckanext.harbin_opendata.data import keyset

    monkeypatch.setattr(keyset, "DEEP_OFFSET", 1)
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001 - SQLAlchemy's signature
        statements.append(statement)

    sa.event.listen(get_read_engine(), "before_cursor_execute", record)
    try:
        pages = {params: search("", loaded, **dict(params)) for params in (
            (("offset", 1),), (("offset", 1), ("sort", "_id")), (("offset", 1), ("sort", "_id desc")),
            (("offset", 2), ("limit", 5)), (("offset", 9),))}
    finally:
        sa.event.remove(get_read_engine(), "before_cursor_execute", record)
    ids = {params: [row["_id"] for row in page["records"]] for params, page in pages.items()}
    assert list(ids.values()) == [[2, 3], [2, 3], [2, 1], [3], []]
    assert {page["total"] for page in pages.values()} == {3}
    assert not any(page.get("total_was_estimated") for page in pages.values())
    assert sum("harbin_skip" in statement for statement in statements) == len(pages)
    # a filter, a search or another sort: CKAN's OFFSET as before
    assert [row["_id"] for row in search("", loaded, offset=1, sort="企业名称")["records"]] != []
    assert [row["_id"] for row in search("", loaded, offset=1, filters={"所属区县": "南岗区"})["records"]] == []
