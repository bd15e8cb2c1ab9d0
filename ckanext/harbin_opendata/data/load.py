"""Load one resource's table into the DataStore, read by the suite's one tabular reader exactly as
the personal-data scan read it (the same header row, the same encoding), then written as
ckanext-xloader's COPY loader does (its functions where they fit): a table is created with typed
fields (as datastore_create makes it) under another name than the resource's, the rows streamed as
UTF-8 CSV through PostgreSQL's COPY and written once with their full-text column, the indexes built
after the rows (xloader's order: about ten times faster than inserting records), two at a time,
with a trigram index on each text column that holds Chinese (data/indexes.py), its statistics
taken, and only then is it put in place of the resource's table, in one transaction (data/swap.py):
the data API answers from the old table until then, and a load that fails leaves it as it was."""
from __future__ import annotations

import contextlib
import csv
import io
import logging
import tempfile
from typing import IO, Any, Callable, Iterator, Optional

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as arrow_csv
import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.downloads import local_copy
from ..common.tabular import Limits, Table, TableError, tables_as_scanned
from ..common.tabular.columnar import data_batches
from ..common.tabular.text import TextFormat
from . import indexes, row_copy, swap, table_note
from .columns import ColumnTypes, field_names
from .date_cells import rewrite_dates
from .row_copy import SecondHalf, middle_row

__all__ = ["LoadError", "load_table", "replace_rows", "drop_table", "loaded_scan"]

log = logging.getLogger(__name__)
_LOCKS = 21  # pg_advisory_lock's first key: the loads of this module


class LoadError(Exception):
    """The file is no longer the one the scan read (its header differs: code "changed"), has no
    table ("no_table"), or the database refused its rows ("database:<PostgreSQL's message>")."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    def stored(self) -> str:
        return self.code


def _write_engine() -> Any:
    from ckanext.datastore.backend.postgres import get_write_engine

    return get_write_engine()


def _table_seen(path: str, seen: list[dict[str, Any]]) -> Table:
    """The file's first table as the scan read it (its header row; of tables stacked in a sheet,
    the first one only: the rows of the next one are never loaded under this one's header)."""
    limits = Limits(max_unpacked_bytes=tk.config["ckanext.harbin_opendata.data.max_unpacked_bytes"])
    confirmed = {table["name"]: -1 if table["header_row"] is None else table["header_row"] for table in seen}
    for table in tables_as_scanned(path, limits, confirmed, [table["name"] for table in seen]):
        if table.name != seen[0]["name"] or table.header != seen[0]["header"]:
            raise LoadError("changed")
        return table
    raise LoadError("no_table")


def _cells(batch: list[pa.Array], width: int, length: int) -> list[pa.Array]:
    """The batch cut or padded to the table's width, cells trimmed, empty cells null."""
    columns = [pc.utf8_trim_whitespace(column) for column in batch[:width]]
    columns += [pa.nulls(length, pa.string())] * (width - len(columns))
    return [pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column) for column in columns]


def _write_rows(table: Table, names: list[str], out: IO[bytes],
                as_text: frozenset[str]) -> tuple[list[dict[str, Any]], SecondHalf]:
    """The rows below the header, without the footer under them, as UTF-8 CSV (a header line first,
    as COPY … HEADER expects); returns the table's fields, of the types every cell allows
    (data/columns.py), and where the second of the two connections that write them starts
    (data/row_copy.py; in the file as rewritten when its dates are, date_cells.py)."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    csv.writer(text, lineterminator="\n").writerow(names)
    text.detach()
    types = ColumnTypes(names, as_text)
    options = arrow_csv.WriteOptions(include_header=False)
    starts = [SecondHalf(out.tell(), 0)]  # where a batch's rows start, and the rows before
    for batch in data_batches(table):
        length = len(batch[0]) if batch else 0
        if not length:
            continue
        columns = _cells(batch, len(names), length)
        for index, column in enumerate(columns):
            types.see(index, pc.fill_null(column, ""))
        arrow_csv.write_csv(pa.Table.from_arrays(columns, names=names), out, options)
        starts.append(SecondHalf(out.tell(), starts[-1].rows_before + length))
    out.flush()
    fields = types.fields(names)
    written = types.written(names)
    if written:  # the rows' bytes move: their starts are those of the rewritten file
        starts = [SecondHalf(*start) for start in rewrite_dates(out.name, fields, written)]
    return fields, middle_row(starts)


def _write_rows_as_scanned(table: Table, names: list[str], out: IO[bytes],
                           as_text: frozenset[str]) -> tuple[list[dict[str, Any]], SecondHalf]:
    """As the scan reads: text that starts as ASCII and turns to GBK further down is read again as
    GB18030 (privacy/scan/files.py makes the same retry)."""
    out.seek(0)
    out.truncate()
    try:
        return _write_rows(table, names, out, as_text)
    except TableError as error:
        if error.params.get("kind") != "encoding" or table.text is None or table.text.encoding == "gb18030":
            raise
    out.seek(0)
    out.truncate()
    table.text = TextFormat("gb18030", table.text.delimiter)
    return _write_rows(table, names, out, as_text)


def _note_and_vacuum(engine: Any, table: str, scan_id: str, fields: list[dict[str, Any]]) -> None:
    """The table's note (data/table_note.py), then VACUUM (ANALYZE)."""
    from ckanext.xloader.loader import identifier, literal_string

    ascii_columns = [field["id"] for field in fields if field.get("ascii")]
    with engine.connect() as plain, plain.execution_options(no_parameters=True).begin() as transaction:
        connection = transaction.connection  # which version of the file the table holds, its ASCII columns
        note = literal_string(table_note.note(scan_id, ascii_columns))
        connection.exec_driver_sql(f"COMMENT ON TABLE {identifier(table)} IS {note}")
    # VACUUM and the planner's statistics (xloader's calculate_record_count runs ANALYZE in a
    # transaction it never commits, so the columns' statistics were rolled back and a common Chinese
    # term was planned as a rare one, data/substring.py). VACUUM marks every page all-visible: a
    # deep page (OFFSET 900,000) or a scan no longer checks each row's visibility in the heap, and
    # the first readers do not write the rows' hint bits. Outside a transaction, as VACUUM must be.
    with engine.connect() as plain:
        plain.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(f"VACUUM (ANALYZE) {identifier(table)}")


def replace_rows(resource_id: str, path: str, fields: list[dict[str, str]], scan_id: str, second: SecondHalf) -> None:
    """The table built from the UTF-8 CSV at `path` under another name (data/swap.py), its rows
    (the second connection's from `second` on), indexes and statistics, then put in place of the
    resource's table in one transaction."""
    from ckanext.datastore.backend.postgres import _create_fulltext_trigger

    engine = _write_engine()
    staging = swap.staging_name(resource_id)
    try:
        grants = swap.create_staging(engine, resource_id, fields)
        row_copy.copy_rows(engine, staging, path, fields, second)
        indexes.build_indexes(engine, staging, fields)
        with engine.begin() as connection:  # datastore_upsert's later rows get their full text
            _create_fulltext_trigger(connection, staging)
        _note_and_vacuum(engine, staging, scan_id, fields)
        swap.swap(engine, resource_id, grants, indexes.ckan_index_names(staging, resource_id, fields))
    finally:
        swap.drop_staging(engine, resource_id)  # a load that failed before its swap


class _RefusedCell(Exception):
    """PostgreSQL refused a cell as its typed column's type: the column is loaded again as text."""

    def __init__(self, column: str) -> None:
        super().__init__(column)
        self.column = column


def _refused_column(error: BaseException, fields: list[dict[str, str]]) -> Optional[str]:
    """The typed column whose cell COPY refused (its context: 'COPY harbin_rows, line 3, column
    发证日期: "0000-01-01"'), or None."""
    cause = getattr(error, "orig", None) or error.__cause__
    context = getattr(getattr(cause, "diag", None), "context", None) or ""
    typed = [field["id"] for field in fields if field["type"] != "text"]
    return next((name for name in typed if f", column {name}: " in context), None)


def _replace_or_explain(resource_id: str, path: str, fields: list[dict[str, str]], scan_id: str,
                        second: SecondHalf) -> None:
    """replace_rows; a cell PostgreSQL would not take as its column's type (a check of
    data/columns.py missed it) as _RefusedCell, any other refusal as LoadError."""
    from ckanext.xloader.loader import LoaderError

    try:
        replace_rows(resource_id, path, fields, scan_id, second)
    except (sa.exc.DBAPIError, LoaderError) as error:
        column = _refused_column(error, fields)
        if column is not None:
            raise _RefusedCell(column) from error
        detail = str(getattr(error, "orig", None) or error).replace("Error during the load into PostgreSQL: ", "")
        raise LoadError("database:" + (detail.strip().splitlines() or [""])[0][:300]) from error


@contextlib.contextmanager
def _one_load_at_a_time(resource_id: str) -> Iterator[None]:
    """Two workers loading or dropping the same resource's table take turns (each load builds
    under the same other name)."""
    with _write_engine().connect() as plain:
        connection = plain.execution_options(isolation_level="AUTOCOMMIT")  # not idle in a transaction
        connection.execute(sa.text("SELECT pg_advisory_lock(:space, hashtext(:id))"), {"space": _LOCKS, "id": resource_id})
        try:
            yield
        finally:
            connection.execute(sa.text("SELECT pg_advisory_unlock(:space, hashtext(:id))"),
                               {"space": _LOCKS, "id": resource_id})


def _mark_active(resource: model.Resource) -> None:
    """The resource says it has a table (a first load; CKAN's datastore_create said so)."""
    from ckanext.datastore.logic.action import set_datastore_active_flag

    if not resource.extras.get("datastore_active"):
        set_datastore_active_flag({"model": model}, {"resource_id": resource.id}, True)


def load_table(resource: model.Resource, scan: dict[str, Any], still_planned: Callable[[], bool]) -> Optional[int]:
    """Replace the resource's DataStore table by its file's first table, as the scan `scan` read
    it; returns the rows loaded, or None when `still_planned()`, asked once no other load or drop
    of the table runs, says the load is no longer wanted (the resource was hidden, or scanned
    again, after the load was planned: a drop done meanwhile must not be undone). Raises
    LoadError, TableError or FileError: the table the resource had is then left as it was (or
    none, as none was)."""
    limit = tk.config["ckanext.harbin_opendata.data.max_bytes"]
    with local_copy(resource, limit, 60, as_scanned=True, scanned=scan) as path, tempfile.NamedTemporaryFile(suffix=".csv") as out:
        table = _table_seen(path, scan["tables"])
        names = field_names(table.header)
        as_text: frozenset[str] = frozenset()
        while True:  # at most once more per typed column: no cell fails a load, none is changed
            fields, second = _write_rows_as_scanned(table, names, out, as_text)
            with _one_load_at_a_time(resource.id):
                if not still_planned():
                    return None
                try:
                    _replace_or_explain(resource.id, out.name, fields, scan["id"], second)
                except _RefusedCell as refused:
                    # the column only: PostgreSQL's message quotes the cell, which may be personal data
                    log.warning("DataStore load of %s: a cell of column %s refused as its type, the column loaded as text",
                                resource.id, refused.column)
                    as_text |= {refused.column}
                    continue
                _mark_active(resource)
                return _count(resource.id)


def _count(resource_id: str) -> int:
    from ckanext.xloader.loader import identifier

    with _write_engine().connect() as connection:
        return connection.execute(sa.text(f"SELECT count(*) FROM {identifier(resource_id)}")).scalar()


def loaded_scan(resource_id: str) -> str:
    """The id of the scan whose file the resource's table holds ("" when none)."""
    with _write_engine().connect() as connection:
        return table_note.scan_of(table_note.read(connection, resource_id))


def drop_table(resource_id: str) -> None:
    """Remove the resource's DataStore table, if it has one; a load of it running now finishes
    first (its swap would otherwise put a table back after the drop: a resource hidden meanwhile
    had a table again, marked active)."""
    with _one_load_at_a_time(resource_id):
        try:
            tk.get_action("datastore_delete")({"ignore_auth": True, "user": ""},
                                              {"resource_id": resource_id, "force": True})
        except tk.ObjectNotFound:
            pass
