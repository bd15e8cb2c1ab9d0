"""Trigram indexes for Chinese search (data/substring.py): PostgreSQL's pg_trgm (a contrib extension
of PostgreSQL itself, created in the DataStore database by scripts/services.sh) indexes every run of
three characters of a text column in a GIN index, which answers `ILIKE '%中央大街%'` without
reading the table. A term of one or two characters (道里) has no trigram: PostgreSQL then reads the
table, as without the index. Without the extension the loader builds no such index and the search
works as a scan (logged once per load)."""
from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa

__all__ = ["available", "index_text_columns"]

log = logging.getLogger(__name__)
# GIN indexes build much faster when their pending entries fit in memory (PostgreSQL's default
# is 64MB); set for the loader's transaction only
_BUILD_MEMORY = "256MB"


def available(connection: Any) -> bool:
    return bool(connection.execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).scalar())


def index_text_columns(engine: Any, resource_id: str, fields: list[dict[str, str]]) -> int:
    """A trigram GIN index on each text column of the resource's table; returns how many."""
    from ckanext.datastore.backend.postgres import identifier

    texts = [field["id"] for field in fields if field["type"] == "text"]
    with engine.begin() as connection:
        if not texts:
            return 0
        if not available(connection):
            log.warning("pg_trgm is not in the DataStore database: Chinese search in %s reads the whole table",
                        resource_id)
            return 0
        connection.execute(sa.text(f"SET LOCAL maintenance_work_mem = '{_BUILD_MEMORY}'"))
        for name in texts:
            connection.execute(sa.text(
                f"CREATE INDEX ON {identifier(resource_id)} USING gin ({identifier(name)} gin_trgm_ops)"))
    return len(texts)
