"""Load one resource's table into the DataStore, read by the suite's one tabular reader exactly as
the personal-data scan read it (the same header row, the same encoding), then written as
ckanext-xloader's COPY loader does (its functions where they fit): the table is created with typed
fields (datastore_create), the rows streamed as UTF-8 CSV through PostgreSQL's COPY and written once
with their full-text column, the indexes built after the rows (xloader's order: about ten times
faster than inserting records), two at a time, with a trigram index on each text column for Chinese
search (data/indexes.py)."""
from __future__ import annotations

import csv
import io
import logging
import tempfile
from concurrent.futures import ThreadPoolExecutor
from typing import IO, Any

import psycopg2
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as arrow_csv
import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.downloads import local_copy
from ..common.tabular import Limits, Table, TableError, tables_as_scanned
from ..common.tabular.columnar import column_batches
from ..common.tabular.text import TextFormat
from . import indexes
from .columns import ColumnTypes, field_names

__all__ = ["LoadError", "load_table", "drop_table", "loaded_scan"]

log = logging.getLogger(__name__)
_VERSION_MARK = "harbin_scan:"


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


def _write_rows(table: Table, names: list[str], out: IO[bytes]) -> list[str]:
    """The rows below the header as UTF-8 CSV (a header line first, as COPY … HEADER expects);
    returns the column types every cell allows."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    csv.writer(text, lineterminator="\n").writerow(names)
    text.detach()
    types = ColumnTypes(len(names))
    options = arrow_csv.WriteOptions(include_header=False)
    for batch in column_batches(table):
        length = len(batch[0]) if batch else 0
        if not length:
            continue
        columns = _cells(batch, len(names), length)
        for index, column in enumerate(columns):
            types.see(index, pc.fill_null(column, ""))
        arrow_csv.write_csv(pa.Table.from_arrays(columns, names=names), out, options)
    out.flush()
    return types.types()


def _write_rows_as_scanned(table: Table, names: list[str], out: IO[bytes]) -> list[str]:
    """As the scan reads: text that starts as ASCII and turns to GBK further down is read again as
    GB18030 (privacy/scan/files.py makes the same retry)."""
    try:
        return _write_rows(table, names, out)
    except TableError as error:
        if error.params.get("kind") != "encoding" or table.text is None or table.text.encoding == "gb18030":
            raise
    out.seek(0)
    out.truncate()
    table.text = TextFormat("gb18030", table.text.delimiter)
    return _write_rows(table, names, out)


def _create(resource_id: str, fields: list[dict[str, str]]) -> None:
    drop_table(resource_id)
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    tk.get_action("datastore_create")({"ignore_auth": True, "user": site_user},
                                      {"resource_id": resource_id, "fields": fields, "force": True})


def _full_text(fields: list[dict[str, str]]) -> str:
    """The full-text column: the words of xloader's `_populate_fulltext` text (every column's text,
    joined by spaces) once every run of characters outside ASCII is a space. Only an ASCII `q` is
    answered by it (data/substring.py looks for any other as substrings, in the trigram indexes),
    and a run of Chinese was one "word" that no query of ours could match, while it made most of
    the index's entries (1,000,000 rows: its GIN index built in 8.5 s, 15-18 s with them); a
    number or Latin word written against Chinese text (中央大街108号, ABC科技) is a word of its
    own, found by `q=108`."""
    from ckanext.xloader.loader import identifier

    text = " || ' ' || ".join(f"coalesce({identifier(field['id'])}{'' if field['type'] == 'text' else '::text'}, '')"
                              for field in fields)
    return f"to_tsvector(regexp_replace({text}, '[^[:ascii:]]+', ' ', 'g'))"


def _copy_half(engine: Any, resource_id: str, path: str, fields: list[dict[str, str]], half: int) -> int:
    """One connection's share: every row COPY'd into its temporary table (numbered as in the file),
    then its half of them written into the resource's table with their `_id` and full text; returns
    the rows in the file."""
    from ckanext.xloader.loader import LoaderError, identifier

    columns = ", ".join(identifier(field["id"]) for field in fields)
    with engine.connect() as plain, plain.execution_options(no_parameters=True).begin() as transaction:
        connection = transaction.connection  # statements as written: a column may be named "增长率（%）"
        connection.exec_driver_sql(f"CREATE TEMPORARY TABLE harbin_rows ON COMMIT DROP AS "
                                   f"SELECT {columns} FROM {identifier(resource_id)} WITH NO DATA")
        connection.exec_driver_sql("ALTER TABLE harbin_rows ADD COLUMN harbin_n bigserial")
        cursor = connection.connection.cursor()
        try:
            with open(path, "rb") as rows:
                cursor.copy_expert(f"COPY harbin_rows ({columns}) FROM STDIN WITH (FORMAT csv, HEADER true)", rows)
            count = cursor.rowcount
        except psycopg2.DataError as error:
            raise LoaderError(f"Error during the load into PostgreSQL: {error}") from error
        finally:
            cursor.close()
        first, last = (1, count // 2) if half == 0 else (count // 2 + 1, count)
        connection.exec_driver_sql(f"INSERT INTO {identifier(resource_id)} (_id, {columns}, _full_text) "
                                   f"SELECT harbin_n, {columns}, {_full_text(fields)} FROM harbin_rows "
                                   f"WHERE harbin_n BETWEEN {first} AND {last}")
    return count


def _copy_rows(engine: Any, resource_id: str, path: str, fields: list[dict[str, str]]) -> None:
    """The rows written into the resource's table once, each with its full-text column (xloader
    COPY'd them into the table and then UPDATEd every row to fill that column, writing the table
    twice, the second time as new row versions, leaving the first ones dead). The full text is most
    of the work and PostgreSQL computes it on one core per connection: two connections each COPY
    the file into a temporary table (no write-ahead log, gone at commit) and write half of it, the
    row numbers of the file as `_id`."""
    from ckanext.xloader.loader import identifier

    with ThreadPoolExecutor(2) as pool:
        count = max(pool.map(lambda half: _copy_half(engine, resource_id, path, fields, half), (0, 1)))
    with engine.begin() as connection:  # the next row written gets the next _id
        connection.execute(sa.text("SELECT setval(pg_get_serial_sequence(:table, '_id'), :last, :called)"),
                           {"table": identifier(resource_id), "last": max(count, 1), "called": count > 0})


def _copy(resource_id: str, path: str, fields: list[dict[str, str]], scan_id: str) -> None:
    from ckanext.xloader import loader

    engine = _write_engine()
    with engine.begin() as connection:
        # the full-text column is written with the rows (the trigger would compute it again per row)
        loader._disable_fulltext_trigger(connection, resource_id)
        # xloader's own order: the non-unique indexes datastore_create made (CKAN's full-text GIN
        # among them) go before the rows and are built once after them
        loader._drop_indexes({"connection": connection}, {"resource_id": resource_id}, False)
    _copy_rows(engine, resource_id, path, fields)
    indexes.build_indexes(engine, resource_id, fields)
    with engine.begin() as connection:  # datastore_upsert's later rows get their full text again
        loader._enable_fulltext_trigger(connection, resource_id)
    with engine.begin() as connection:  # which version of the file the table holds
        connection.execute(sa.text(f"COMMENT ON TABLE {loader.identifier(resource_id)} IS "
                                   f"{loader.literal_string(_VERSION_MARK + scan_id)}"))
        # the planner's statistics, committed: xloader's calculate_record_count runs ANALYZE in a
        # transaction it never commits, so the columns' statistics were rolled back (only the row
        # count stayed) and a common Chinese term was planned as a rare one (data/substring.py)
        connection.execute(sa.text(f"ANALYZE {loader.identifier(resource_id)}"))


def _copy_or_explain(resource_id: str, path: str, fields: list[dict[str, str]], scan_id: str) -> None:
    """_copy, a refusal of PostgreSQL (a cell it would not take as its column's type) as LoadError."""
    from ckanext.xloader.loader import LoaderError

    try:
        _copy(resource_id, path, fields, scan_id)
    except (sa.exc.DBAPIError, LoaderError) as error:
        detail = str(getattr(error, "orig", None) or error).replace("Error during the load into PostgreSQL: ", "")
        raise LoadError("database:" + (detail.strip().splitlines() or [""])[0][:300]) from error


def load_table(resource: model.Resource, scan: dict[str, Any]) -> int:
    """Replace the resource's DataStore table by its file's first table, as the scan `scan` read
    it; returns the rows loaded. Raises LoadError, TableError or FileError (nothing left loaded)."""
    limit = tk.config["ckanext.harbin_opendata.data.max_bytes"]
    try:
        with local_copy(resource, limit, 60) as path, tempfile.NamedTemporaryFile(suffix=".csv") as out:
            table = _table_seen(path, scan["tables"])
            names = field_names(table.header)
            types = _write_rows_as_scanned(table, names, out)
            fields = [{"id": name, "type": kind} for name, kind in zip(names, types)]
            _create(resource.id, fields)
            _copy_or_explain(resource.id, out.name, fields, scan["id"])
    except Exception:
        drop_table(resource.id)
        raise
    return _count(resource.id)


def _count(resource_id: str) -> int:
    from ckanext.xloader.loader import identifier

    with _write_engine().connect() as connection:
        return connection.execute(sa.text(f"SELECT count(*) FROM {identifier(resource_id)}")).scalar()


def loaded_scan(resource_id: str) -> str:
    """The id of the scan whose file the resource's table holds ("" when none)."""
    with _write_engine().connect() as connection:
        comment = connection.execute(sa.text("SELECT obj_description(to_regclass(:name), 'pg_class')"),
                                     {"name": '"{}"'.format(resource_id.replace('"', ""))}).scalar()
    return comment[len(_VERSION_MARK):] if comment and comment.startswith(_VERSION_MARK) else ""


def drop_table(resource_id: str) -> None:
    """Remove the resource's DataStore table, if it has one."""
    try:
        tk.get_action("datastore_delete")({"ignore_auth": True, "user": ""}, {"resource_id": resource_id, "force": True})
    except tk.ObjectNotFound:
        pass
