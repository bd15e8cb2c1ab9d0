"""Rows written straight into a loaded table (datastore_upsert, or datastore_create with records:
the loader and sysadmins only, data/guard.py) can put Chinese into a text column the load found all
ASCII, such as 区县代码 given as 待补充. Such a column had no trigram index and no Chinese term was
looked for in it (data/table_note.py, data/substring.py): the new rows were not found until the
file was loaded again. The column now loses that mark and gets its trigram index."""
from __future__ import annotations

from typing import Any, Callable

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from . import table_note, trigram

__all__ = ["chained_actions", "unmark_ascii_columns"]


def _non_ascii_columns(records: Any) -> set[str]:
    if not isinstance(records, list):
        return set()
    return {name for record in records if isinstance(record, dict)
            for name, value in record.items() if isinstance(value, str) and not value.isascii()}


def unmark_ascii_columns(resource_id: str, records: Any) -> set[str]:
    """The columns noted as ASCII that `records` wrote text outside ASCII into: no longer noted,
    and trigram-indexed. Returns them."""
    from ckanext.datastore.backend.postgres import get_write_engine, identifier, literal_string

    written = _non_ascii_columns(records)
    if not written:
        return set()
    with get_write_engine().connect() as plain, plain.execution_options(no_parameters=True).begin() as transaction:
        connection = transaction.connection  # statements as written: a column may be named "增长率（%）"
        comment = table_note.read(connection, resource_id)
        noted = table_note.ascii_columns_of(comment)
        turned = noted & written
        if not turned:
            return set()
        note = table_note.note(table_note.scan_of(comment), sorted(noted - turned))
        connection.exec_driver_sql(f"COMMENT ON TABLE {identifier(resource_id)} IS {literal_string(note)}")
        for statement in trigram.index_statements(connection, resource_id,
                                                  [{"id": name, "type": "text"} for name in sorted(turned)]):
            connection.exec_driver_sql(statement)
    return turned


def _written_rows(up_func: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    records = data_dict.get("records")  # CKAN's action takes them out of data_dict
    result = up_func(context, data_dict)
    resource_id = (result or {}).get("resource_id") or data_dict.get("resource_id")
    if resource_id and records:
        unmark_ascii_columns(resource_id, records)
    return result


def chained_actions() -> dict[str, Callable[..., Any]]:
    return {name: tk.chained_action(_written_rows) for name in ("datastore_upsert", "datastore_create")}
