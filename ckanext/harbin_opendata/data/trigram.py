"""Trigram indexes for Chinese search (data/substring.py): PostgreSQL's pg_trgm (a contrib extension
of PostgreSQL itself, created in the DataStore database by scripts/services.sh) indexes every run of
three characters of a text column in a GIN index, which answers `ILIKE '%中央大街%'` without
reading the table. A term of one or two characters (道里) has no trigram: PostgreSQL then reads the
table, as without the index. Without the extension the loader builds no such index and the search
works as a scan (logged once per load). The loader builds them with the table's other indexes
(data/indexes.py)."""
from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa

__all__ = ["available", "index_statements"]

log = logging.getLogger(__name__)


def available(connection: Any) -> bool:
    return bool(connection.execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).scalar())


def index_statements(connection: Any, resource_id: str, fields: list[dict[str, str]]) -> list[str]:
    """The statements that build a trigram GIN index on each text column of the resource's table
    but those of ASCII cells only (`"ascii"`): a Chinese term is never looked for in them
    (data/substring.py), and an ASCII one is found through the full-text index or the whole row."""
    from ckanext.datastore.backend.postgres import identifier

    texts = [field["id"] for field in fields if field["type"] == "text" and not field.get("ascii")]
    if not texts:
        return []
    if not available(connection):
        log.warning("pg_trgm is not in the DataStore database: Chinese search in %s reads the whole table",
                    resource_id)
        return []
    return [f"CREATE INDEX ON {identifier(resource_id)} USING gin ({identifier(name)} gin_trgm_ops)"
            for name in texts]
