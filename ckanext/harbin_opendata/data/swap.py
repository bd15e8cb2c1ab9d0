"""A resource's table replaced in one transaction: the loader builds the new table under another
name (its rows, indexes and statistics, nobody but the write role allowed to read it), then
`swap` puts it in the old one's place. Readers see the whole old table or the whole new one: a
query of the old table running at the swap finishes first, one arriving during it waits and reads
the new table (PostgreSQL looks its name up again after the lock); a load that fails before the
swap leaves the old table as it was. Dropping the old table first, as CKAN's `datastore_delete`
then `datastore_create` do, made the data API answer "not found" for the whole load (about 20 s
at 1,000,000 rows), and half a table was visible when a load failed midway.

What the old table had besides its rows goes to the new one in the same transaction: the grants
(the read-only role's SELECT, or none), each column's comment (CKAN's data dictionary: the
descriptions an agency wrote, `_info`, kept for the columns of the same name), the views on it
(CKAN's aliases: a view of all of the old table's columns becomes one of all of the new table's),
and the names of its sequence and indexes (CKAN's `datastore_create` finds its indexes by name)."""
from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa

__all__ = ["staging_name", "create_staging", "drop_staging", "swap"]

_STAGING_SUFFIX = "-loading"
LOCK_WAIT, LOCK_TRIES, LOCK_PAUSE = "2s", 30, 2.0  # readers wait at most 2 s for a swap
_LOCK_NOT_AVAILABLE = "55P03"
_PROBE = "harbin_all_columns"


def staging_name(resource_id: str) -> str:
    """The name the new table is built under (at most 63 bytes for a resource id of 36)."""
    return resource_id + _STAGING_SUFFIX


def _quoted(name: str) -> str:
    from ckanext.datastore.backend.postgres import identifier

    return identifier(name)


def _grants(connection: Any, table: str) -> list[tuple[str, str, bool]]:
    """(privilege, grantee or PUBLIC, grantable) of the table's explicit grants to others than its owner."""
    return [tuple(row) for row in connection.execute(sa.text(
        "SELECT acl.privilege_type, CASE WHEN acl.grantee = 0 THEN 'PUBLIC' "
        "ELSE quote_ident(pg_get_userbyid(acl.grantee)) END, acl.is_grantable "
        "FROM pg_class c, aclexplode(c.relacl) acl WHERE c.oid = to_regclass(:t) AND acl.grantee <> c.relowner"),
        {"t": _quoted(table)}).all()]


def _revoke_others(connection: Any, table: str) -> None:
    for grantee in {grantee for _privilege, grantee, _grantable in _grants(connection, table)}:
        connection.exec_driver_sql(f"REVOKE ALL ON {_quoted(table)} FROM {grantee}")


def _grant(connection: Any, table: str, grants: list[tuple[str, str, bool]]) -> None:
    _revoke_others(connection, table)
    for privilege, grantee, grantable in grants:
        option = " WITH GRANT OPTION" if grantable else ""
        connection.exec_driver_sql(f"GRANT {privilege} ON {_quoted(table)} TO {grantee}{option}")


def create_staging(engine: Any, resource_id: str, fields: list[dict[str, str]]) -> list[tuple[str, str, bool]]:
    """The table the load fills, as CKAN's datastore_create makes it (`_id`, `_full_text`, the typed
    fields), readable by the write role only; a table of an earlier load that never reached its
    swap (the worker killed) is dropped first. Returns the grants a new table gets by default (the
    read-only role's SELECT: what a first load's table is given at its swap)."""
    from ckanext.datastore.backend.postgres import create_table

    staging = staging_name(resource_id)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {_quoted(staging)}")
        create_table({"connection": connection}, {"resource_id": staging, "fields": fields}, {})
        grants = _grants(connection, staging)
        _revoke_others(connection, staging)
    return grants


def drop_staging(engine: Any, resource_id: str) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {_quoted(staging_name(resource_id))}")


def _column_comments(connection: Any, table: str) -> dict[str, str]:
    return dict(connection.execute(sa.text(
        "SELECT a.attname, d.description FROM pg_attribute a JOIN pg_description d "
        "ON d.objoid = a.attrelid AND d.objsubid = a.attnum WHERE a.attrelid = to_regclass(:t) AND a.attnum > 0"),
        {"t": _quoted(table)}).all())


def _views_on(connection: Any, relation: str) -> list[tuple[str, str]]:
    """(name, definition) of the views reading `relation` (a table or a view)."""
    return [tuple(row) for row in connection.execute(sa.text(
        "SELECT DISTINCT v.relname, pg_get_viewdef(v.oid) FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid "
        "JOIN pg_class v ON v.oid = r.ev_class WHERE d.refobjid = to_regclass(:t) AND v.oid <> d.refobjid "
        "AND v.relkind = 'v' ORDER BY 1"), {"t": _quoted(relation)}).all()]


def _views(connection: Any, table: str) -> list[tuple[str, str, list[tuple[str, str, bool]]]]:
    """(name, definition, grants) of the views on the table and of the views on those (an
    operator's view of an alias), each after every view it reads: the order to create them in,
    the reverse to drop them in. The definition of a view of all the table's columns (a CKAN alias)
    is `SELECT * FROM` the table (the new table's columns, when they differ)."""
    connection.exec_driver_sql(f"CREATE TEMPORARY VIEW {_PROBE} AS SELECT * FROM {_quoted(table)}")
    every_column = connection.execute(sa.text(f"SELECT pg_get_viewdef('{_PROBE}'::regclass)")).scalar()
    connection.exec_driver_sql(f"DROP VIEW {_PROBE}")
    found = [(name, f"SELECT * FROM {_quoted(table)}" if definition == every_column else definition)
             for name, definition in _views_on(connection, table)]
    ordered: list[tuple[str, str]] = []
    while found:
        view = found.pop(0)
        ordered = [known for known in ordered if known[0] != view[0]] + [view]  # after all it reads
        found += _views_on(connection, view[0])
    return [(name, definition, _grants(connection, name)) for name, definition in ordered]


def _rename_objects(connection: Any, staging: str, resource_id: str, index_names: dict[str, str]) -> None:
    """The sequence and indexes named after the staging table renamed after the resource (a
    name CKAN derives from the table name, such as its full-text index's, as `index_names` says)."""
    sequence = connection.execute(sa.text("SELECT pg_get_serial_sequence(:t, '_id')"), {"t": _quoted(resource_id)}).scalar()
    if sequence:
        connection.exec_driver_sql(f"ALTER SEQUENCE {sequence} RENAME TO {_quoted(resource_id + '__id_seq')}")
    names = connection.execute(sa.text("SELECT indexrelid::regclass::text, c.relname FROM pg_index i "
                                       "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass(:t)"),
                               {"t": _quoted(resource_id)}).all()
    for qualified, name in names:
        final = index_names.get(name) or (resource_id + name[len(staging):] if name.startswith(staging) else None)
        if final and final != name:
            connection.exec_driver_sql(f"ALTER INDEX {qualified} RENAME TO {_quoted(final)}")


def swap(engine: Any, resource_id: str, default_grants: list[tuple[str, str, bool]],
         index_names: dict[str, str]) -> None:
    """The staging table becomes the resource's table, in one transaction (see the module). The
    old table's lock waits for the queries reading it; queries arriving meanwhile wait behind it, so
    it is waited for LOCK_WAIT at a time (a long download of the table), then tried again, up to
    LOCK_TRIES times (the last refusal raised: the load fails, the old table stays)."""
    for attempt in range(1, LOCK_TRIES + 1):
        try:
            return _swap(engine, resource_id, default_grants, index_names)
        except sa.exc.OperationalError as error:
            if getattr(error.orig, "pgcode", None) != _LOCK_NOT_AVAILABLE or attempt == LOCK_TRIES:
                raise
            time.sleep(LOCK_PAUSE)


def _swap(engine: Any, resource_id: str, default_grants: list[tuple[str, str, bool]],
          index_names: dict[str, str]) -> None:
    from ckanext.datastore.backend.postgres import literal_string

    staging = staging_name(resource_id)
    with engine.connect() as plain, plain.execution_options(no_parameters=True).begin() as transaction:
        connection = transaction.connection
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{LOCK_WAIT}'")
        grants, comments, views = default_grants, {}, []
        if connection.execute(sa.text("SELECT to_regclass(:t)"), {"t": _quoted(resource_id)}).scalar():
            connection.exec_driver_sql(f"LOCK TABLE {_quoted(resource_id)} IN ACCESS EXCLUSIVE MODE")
            grants, comments = _grants(connection, resource_id), _column_comments(connection, resource_id)
            views = _views(connection, resource_id)
            for name, _definition, _view_grants in reversed(views):
                connection.exec_driver_sql(f"DROP VIEW {_quoted(name)}")
            connection.exec_driver_sql(f"DROP TABLE {_quoted(resource_id)}")
        connection.exec_driver_sql(f"ALTER TABLE {_quoted(staging)} RENAME TO {_quoted(resource_id)}")
        _rename_objects(connection, staging, resource_id, index_names)
        columns = set(_column_names(connection, resource_id))
        for column, comment in comments.items():
            if column in columns:
                connection.exec_driver_sql(f"COMMENT ON COLUMN {_quoted(resource_id)}.{_quoted(column)} "
                                           f"IS {literal_string(comment)}")
        _grant(connection, resource_id, grants)
        for name, definition, view_grants in views:
            connection.exec_driver_sql(f"CREATE VIEW {_quoted(name)} AS {definition}")
            _grant(connection, name, view_grants)


def _column_names(connection: Any, table: str) -> list[str]:
    return connection.execute(sa.text("SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(:t) "
                                      "AND attnum > 0 AND NOT attisdropped"), {"t": _quoted(table)}).scalars().all()
