"""The total of a Chinese search (data/substring.py): counted exactly up to a bound, estimated above
it, and said so. CKAN counts every row found (`count(*)`), which costs what reading them all costs:
180-440 ms for the 55,000-84,000 rows a district or a street finds in a 1,000,000-row table, and a
second scan of the whole table for a term of two characters (no trigram). CKAN's own
`total_estimation_threshold` does not help: it estimates only searches without any condition (from
the table's size).

Here the rows are counted up to `data.search.exact_total_up_to` (default 5,000; the request's
`total_estimation_threshold`, when given, instead): up to it the total is exact
(`total_was_estimated: false`, CKAN's own field); above it, the share of matching rows in a
sample of about 20,000 rows spread over the table (TABLESAMPLE SYSTEM, the same sample for the
same request) times the table's rows as PostgreSQL counted them at the load's ANALYZE, never
less than the bound + 1, with `total_was_estimated: true`. A table too small for a sample, or not
analysed yet, is counted exactly. An exact count of any size: `total_estimation_threshold` above
the table's rows. The table view asks for exact totals (its pages are numbered from them). The
count runs before the rows: when it finds no row for the page (nothing found, or a page past the
last), the rows are not searched again (a term of two characters that is nowhere in the table was
two scans of it)."""
from __future__ import annotations

from typing import Any, Callable

import sqlalchemy as sa

import ckan.plugins.toolkit as tk
from ckan.types import Context

__all__ = ["EXACT", "count", "count_table", "chained", "SAMPLE_ROWS"]

EXACT = 2 ** 31 - 1  # a total_estimation_threshold no table reaches: always an exact count
SAMPLE_ROWS = 20000  # rows read for an estimate: a share of 0.5 % in it is ~100 rows, ±10 %
_SEED = 21  # TABLESAMPLE REPEATABLE: the same estimate for the same request on the same table
_TAKEN = "harbin_total_counted"  # marks a result whose include_total this module turned off


def _bound(data_dict: dict[str, Any]) -> int:
    asked = data_dict.get("total_estimation_threshold")
    if asked is None:
        return tk.config["ckanext.harbin_opendata.data.search.exact_total_up_to"]
    return max(0, asked)


def _scalar_row(connection: Any, statement: str, values: dict[str, Any]) -> Any:
    return connection.execute(sa.text(statement), values).one()


def _estimate(connection: Any, table: str, sources: str, condition: str, values: dict[str, Any]) -> Any:
    """(rows found in the sample, rows in the sample, rows in the table), or None without an estimate."""
    rows = connection.execute(sa.text("SELECT reltuples FROM pg_class WHERE oid = to_regclass(:name)"),
                              {"name": table}).scalar()
    if not rows or rows <= SAMPLE_ROWS:  # not analysed (-1), or small enough to count
        return None
    share = 100.0 * SAMPLE_ROWS / rows
    found, sampled = _scalar_row(connection, (
        f"SELECT count(*) FILTER (WHERE {condition}), count(*) FROM {table} "
        f"TABLESAMPLE SYSTEM ({share:.6f}) REPEATABLE ({_SEED}){sources}"), values)
    return (found, sampled, rows) if sampled else None


def count(context: Context, data_dict: dict[str, Any], query_dict: dict[str, Any]) -> None:
    """IDatastore.datastore_search, after the substring conditions: the total of a substring search
    put in `data_dict` (the answer), CKAN's count turned off."""
    from ckanext.datastore.backend.postgres import _where, identifier

    if not data_dict.get("include_total", True) or query_dict.get("distinct"):
        return
    where, chunks = _where(query_dict["where"])
    values: dict[str, Any] = {}
    for chunk in chunks:
        values.update(chunk)
    table, sources = identifier(data_dict["resource_id"]), query_dict.get("ts_query") or ""
    bound = _bound(data_dict)
    connection = context["connection"]
    found = connection.execute(sa.text(
        f"SELECT count(*) FROM (SELECT 1 FROM {table}{sources} {where} LIMIT {bound + 1}) AS found"), values).scalar()
    estimated = False
    if found > bound:
        sample = _estimate(connection, table, sources, where.removeprefix("WHERE ") or "true", values)
        if sample:
            found, estimated = max(bound + 1, round(sample[0] * sample[2] / sample[1])), True
        else:
            found = connection.execute(sa.text(f"SELECT count(*) FROM {table}{sources} {where}"), values).scalar()
    if not estimated and found <= (data_dict.get("offset") or 0):
        # no row to show (nothing found, or a page past the last): the rows are not searched again
        query_dict["where"].append(("false",))
    data_dict.update({"total": found, "total_was_estimated": estimated, "include_total": False, _TAKEN: True})


def count_table(context: Context, data_dict: dict[str, Any], table: str) -> None:
    """The answer's total: every row of the table, counted now (keyset.deep_page narrows the
    query's conditions afterwards), CKAN's count turned off."""
    if data_dict.get("include_total", True):
        found = context["connection"].execute(sa.text(f"SELECT count(*) FROM {table}")).scalar()
        data_dict.update({"total": found, "total_was_estimated": False, "include_total": False, _TAKEN: True})


def _restored(result: Any) -> Any:
    if isinstance(result, dict) and result.pop(_TAKEN, False):
        result["include_total"] = True
    return result


def chained(inner: Callable[..., Any]) -> Callable[..., Any]:
    """datastore_search chained through `inner` (a chained action), the answer's include_total as
    asked (count() turned it off so that CKAN would not count again)."""
    @tk.chained_action
    def datastore_search(up_func: Callable[..., Any], context: Context, data_dict: dict[str, Any]) -> Any:
        return _restored(inner(up_func, context, data_dict))
    return datastore_search
