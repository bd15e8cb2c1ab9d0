"""The SQL statements sent to the database while a block runs, for the tests that count what a page
or an action costs (issue 20)."""
from __future__ import annotations

import contextlib
from typing import Any, Iterator

import sqlalchemy as sa

import ckan.model as model

__all__ = ["sent_statements"]


@contextlib.contextmanager
def sent_statements(containing: str = "") -> Iterator[list[str]]:
    """The statements (whitespace collapsed) sent in the block, those containing `containing` only."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if containing in statement:
            seen.append(" ".join(statement.split()))

    sa.event.listen(model.meta.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(model.meta.engine, "before_cursor_execute", record)
