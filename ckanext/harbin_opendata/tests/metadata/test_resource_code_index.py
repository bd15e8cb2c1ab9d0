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
    with model.meta.engine.connect() as connection, connection.begin() as transaction:
        _catalog_of_portal_size(connection)
        plan = "\n".join(row[0] for row in connection.exec_driver_sql("EXPLAIN " + statement, parameters))
        transaction.rollback()
    assert "harbin_metadata_resource_code_idx" in plan, plan


def _catalog_of_portal_size(connection: sa.engine.Connection) -> None:
    """A few hundred entries with their extras, analysed, inside the test's transaction: on an empty
    table the planner may rightly start from package and read each entry's few extras instead."""
    connection.execute(sa.text(
        "INSERT INTO package (id, name, state, type) "
        "SELECT 'planner-' || n, 'planner-' || n, 'active', 'dataset' FROM generate_series(1, 600) n"))
    connection.execute(sa.text(
        "INSERT INTO package_extra (id, package_id, key, value, state) "
        "SELECT 'planner-' || n || '-' || k, 'planner-' || n, "
        "CASE k WHEN 1 THEN 'resource_code' ELSE 'key_' || k END, "
        "CASE k WHEN 1 THEN '301001/' || lpad(n::text, 6, '0') ELSE 'value' END, 'active' "
        "FROM generate_series(1, 600) n, generate_series(1, 12) k"))
    connection.execute(sa.text("ANALYZE package"))
    connection.execute(sa.text("ANALYZE package_extra"))
