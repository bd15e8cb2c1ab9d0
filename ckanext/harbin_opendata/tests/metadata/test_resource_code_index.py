"""The check that a resource code is held by no other entry (run on every entry saved) is one
index lookup (migration harbin_metadata 3c9e1f5a7b20), not a read of all package_extra rows."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

import ckan.model as model

from ckanext.harbin_opendata.metadata.logic.validators import _dataset_holding_code


@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_the_resource_code_check_uses_its_index():
    sent: list[tuple[str, dict]] = []

    def keep(conn, cursor, statement: str, parameters: dict, *args) -> None:
        sent.append((statement, parameters))

    sa.event.listen(model.meta.engine, "before_cursor_execute", keep)
    try:
        assert _dataset_holding_code("301001/000042", "some-entry") is None
    finally:
        sa.event.remove(model.meta.engine, "before_cursor_execute", keep)
    statement, parameters = next((s, p) for s, p in sent if "package_extra" in s)
    with model.meta.engine.connect() as connection:
        connection.execute(sa.text("SET enable_seqscan = off"))  # a small test table: say what could be used
        plan = "\n".join(row[0] for row in connection.exec_driver_sql("EXPLAIN " + statement, parameters))
    assert "harbin_metadata_resource_code_idx" in plan, plan
