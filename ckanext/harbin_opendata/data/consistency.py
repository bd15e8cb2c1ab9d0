"""Catalog against data (目录与数据一致): the entry's declared 数据项 against the columns of each of
its loaded tables, so that the reviewer sees a drift before publishing rather than the public after.
Compared by name as the loader names columns (columns.field_names); a mismatch is a declared item
with no column ("missing"), a column no item declares ("extra"), a column whose cells are not of the
declared type ("type": declared numeric, date or time, the loaded column text or of another type),
or a column without a single filled cell ("empty"). A declared number or date whose column loaded as
text may name the first cell that made it text ("cell": 暂无, 0000-01-01, 12.5万; `with_cells`): the
loader keeps every cell as written, so the agency mends the file or the declaration. Only the review
page asks for it (the agency and the reviewers): a correction request lists column names only,
never cells, and the stored findings hold none."""
from __future__ import annotations

from typing import Any, Optional

import pyarrow as pa
import sqlalchemy as sa

import ckan.plugins.toolkit as tk

from .columns import NUMERIC, TEXT, TIMESTAMP, field_names, first_misfit

__all__ = ["table_mismatches", "entry_mismatches", "describe", "COMPATIBLE"]

# declared item type → the loaded column types its cells may have (a text column holds any item;
# a numeric or timestamp column means every filled cell is one)
COMPATIBLE: dict[str, frozenset[str]] = {
    "string": frozenset({TEXT, NUMERIC, TIMESTAMP}),
    "integer": frozenset({NUMERIC}),
    "number": frozenset({NUMERIC}),
    "date": frozenset({TIMESTAMP}),
    "datetime": frozenset({TIMESTAMP}),
}


def _filled_columns(resource_id: str, names: list[str]) -> set[str]:
    """The columns of the table with at least one filled cell (one query for all of them)."""
    from ckanext.datastore.backend.postgres import get_read_engine, identifier

    if not names:
        return set()
    counts = ", ".join(f"count({identifier(name)})" for name in names)
    with get_read_engine().connect() as connection:
        row = connection.execute(sa.text(f"SELECT {counts} FROM {identifier(resource_id)}")).one()
    return {name for name, count in zip(names, row) if count}


_TYPED = {"integer": NUMERIC, "number": NUMERIC, "date": TIMESTAMP, "datetime": TIMESTAMP}
_CELLS_AT_ONCE = 10_000


def _misfit_cell(resource_id: str, name: str, declared: str) -> Optional[str]:
    """The first cell, in the file's order, of a text column that is no `declared` item (read in
    pages until one is found)."""
    from ckanext.datastore.backend.postgres import get_read_engine, identifier

    kind = _TYPED.get(declared)
    if kind is None:
        return None
    with get_read_engine().connect() as connection:
        rows = connection.execution_options(stream_results=True).execute(sa.text(
            f"SELECT {identifier(name)} FROM {identifier(resource_id)} WHERE {identifier(name)} IS NOT NULL ORDER BY _id"))
        while page := rows.fetchmany(_CELLS_AT_ONCE):
            cell = first_misfit(pa.array([row[0] for row in page], pa.string()), kind, name)
            if cell is not None:
                return cell
    return None


def table_mismatches(items: list[dict[str, Any]], resource_id: str, with_empty: bool = True,
                     with_cells: bool = False) -> list[dict[str, str]]:
    """The mismatches of one loaded table with the declared items, each {"kind", "name", and for
    "type": "declared", "loaded"}, in the order of the items then of the columns. Without
    `with_empty`, columns are not read (a count over the whole table) and none is "empty"."""
    info = tk.get_action("datastore_info")({"ignore_auth": True, "user": ""}, {"id": resource_id})
    columns = {field["id"]: field["type"] for field in info["fields"] if not field["id"].startswith("_")}
    declared = {field_names([item["name"]])[0]: item for item in items if item.get("name")}
    filled = _filled_columns(resource_id, list(columns)) if with_empty else set(columns)
    found: list[dict[str, str]] = []
    for name, item in declared.items():
        loaded = columns.get(name)
        if loaded is None:
            found.append({"kind": "missing", "name": item["name"]})
        elif name not in filled:
            found.append({"kind": "empty", "name": item["name"]})
        elif loaded not in COMPATIBLE.get(item.get("type") or "", frozenset({loaded})):
            cell = _misfit_cell(resource_id, name, item["type"]) if with_cells and loaded == TEXT else None
            found.append({"kind": "type", "name": item["name"], "declared": item["type"], "loaded": loaded,
                          **({"cell": cell[:40]} if cell is not None else {})})
    for name in columns:
        if name not in declared:
            found.append({"kind": "extra" if name in filled else "empty", "name": name})
    return found


def entry_mismatches(package: dict[str, Any], with_empty: bool = True, with_cells: bool = False) -> list[dict[str, Any]]:
    """Each loaded table of the entry that does not match its data items: {"resource": the
    resource dict, "mismatches": table_mismatches}. An entry without items declares nothing to hold
    its tables to."""
    items = package.get("data_items") or []
    if not items:
        return []
    tables = []
    for resource in package.get("resources") or []:
        if not resource.get("datastore_active"):
            continue
        try:
            found = table_mismatches(items, resource["id"], with_empty, with_cells)
        except tk.ObjectNotFound:
            continue  # dropped since the entry was read
        if found:
            tables.append({"resource": resource, "mismatches": found})
    return tables


def _loaded_label(kind: str) -> str:
    return {TEXT: tk._("text"), NUMERIC: tk._("numbers"), TIMESTAMP: tk._("dates and times")}.get(kind, kind)


def describe(mismatch: dict[str, str]) -> str:
    """One mismatch in the reader's language."""
    name, kind = mismatch["name"], mismatch["kind"]
    if kind == "missing":
        return tk._("Data item “{name}” has no column in the table.").format(name=name)
    if kind == "extra":
        return tk._("Column “{name}” is not declared as a data item.").format(name=name)
    if kind == "empty":
        return tk._("Column “{name}” has no values.").format(name=name)
    declared = tk.h.harbin_vocabulary_label("item_type", mismatch["declared"])
    if mismatch.get("cell") is not None:
        return tk._("Data item “{name}” is declared as {declared}, but its column holds text such as “{cell}”.").format(
            name=name, declared=declared, cell=mismatch["cell"])
    return tk._("Data item “{name}” is declared as {declared}, but its column holds {loaded}.").format(
        name=name, declared=declared, loaded=_loaded_label(mismatch["loaded"]))
