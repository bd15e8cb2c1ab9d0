"""The indexes of a loaded table, built once its rows are in: the full-text indexes CKAN's DataStore
makes (its `_full_text` index, and one per column of the types `ckan.datastore.default_fts_index_field_types`
names; the project's ini files name none, see below) and a trigram index per text column
(data/trigram.py). PostgreSQL builds a GIN index on one core: the builds are shared between two
connections, each with more memory for its build than PostgreSQL's default.

Why no full-text index per column: a `q={column: word}` of Chinese text is answered by the trigram
indexes (data/substring.py), and one of ASCII text by CKAN through the `_full_text` index (CKAN adds
`_full_text @@ query` when a column has no index of its own) then the column's own words; an index
per text column cost as much to build as the rest of the load and no query of ours read it."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from . import trigram

__all__ = ["build_indexes", "index_statements", "ckan_index_names"]

# A GIN build gathers its entries in maintenance_work_mem and writes them out each time it fills
# (PostgreSQL's default 64MB); set for the build's own transaction only
BUILD_MEMORY = "512MB"
CONNECTIONS = 2
_CKAN_TEMPLATE = 'CREATE {unique} INDEX "{name}" ON "{res_id}" USING {method}({fields})'


def index_statements(connection: Any, table: str, fields: list[dict[str, str]]) -> list[str]:
    """CKAN's full-text index statements for the table (as datastore_create would build them), then
    the trigram ones."""
    from ckanext.datastore.backend.postgres import _build_fts_indexes

    full_text, _ = _build_fts_indexes({"resource_id": table}, _CKAN_TEMPLATE, fields)
    return full_text + trigram.index_statements(connection, table, fields)


def ckan_index_names(table: str, resource_id: str, fields: list[dict[str, str]]) -> dict[str, str]:
    """The names of CKAN's full-text indexes built on `table` -> their names on the resource's table
    (CKAN derives them from the table's name, and datastore_create finds the indexes it made by them)."""
    from ckanext.datastore.backend.postgres import _build_fts_indexes

    built, _ = _build_fts_indexes({"resource_id": table}, "{name}", fields)
    final, _ = _build_fts_indexes({"resource_id": resource_id}, "{name}", fields)
    return dict(zip(built, final))


def _build(engine: Any, statement: str) -> None:
    with engine.connect() as plain, plain.execution_options(no_parameters=True).begin() as transaction:
        connection = transaction.connection  # the statement as written: a column may be named "增长率（%）"
        connection.exec_driver_sql(f"SET LOCAL maintenance_work_mem = '{BUILD_MEMORY}'")
        connection.exec_driver_sql(statement)


def build_indexes(engine: Any, table: str, fields: list[dict[str, str]]) -> int:
    """Build the table's indexes, CONNECTIONS at a time; returns how many."""
    with engine.connect() as connection:
        statements = index_statements(connection, table, fields)
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        list(pool.map(lambda statement: _build(engine, statement), statements))
    return len(statements)
