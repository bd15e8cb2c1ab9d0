"""The rows of a load written into the new table once, each with its full-text column, by two
connections (PostgreSQL computes the full text on one core per connection): each COPYs its half of
the UTF-8 CSV (data/load.py writes it and notes where a row near its middle starts) into a
temporary table (no write-ahead log, gone at commit), then writes it with its `_id` (the row's
number in the file) and full text. xloader COPY'd the rows into the table and then UPDATEd every
row to fill that column, writing the table twice and leaving the first row versions dead; each
connection COPYing the whole file and writing half of it parsed every row twice."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import IO, Any, NamedTuple

import psycopg2
import sqlalchemy as sa

__all__ = ["SecondHalf", "middle_row", "full_text", "copy_rows"]


class SecondHalf(NamedTuple):
    """Where the second connection's rows start in the CSV: the byte offset of a row, the rows before it."""

    offset: int
    rows_before: int


def middle_row(starts: list[SecondHalf]) -> SecondHalf:
    """Of the offsets where rows start (the first after the header line, the last the file's end),
    the one nearest the middle of the rows' bytes."""
    middle = (starts[0].offset + starts[-1].offset) / 2
    return min(starts, key=lambda start: abs(start.offset - middle))


_ASCII_TEXT_TYPES = {"numeric", "timestamp"}  # the loader's typed columns: their text is ASCII


def _ascii_words(field: dict[str, str]) -> str:
    """A column's cell as text with every run of characters outside ASCII a space (only where
    there can be one: the regular expression was most of the full text's cost)."""
    from ckanext.xloader.loader import identifier

    cell = identifier(field["id"])
    if field["type"] in _ASCII_TEXT_TYPES:
        return f"coalesce({cell}::text, '')"
    cell = cell if field["type"] == "text" else f"{cell}::text"
    if field.get("ascii"):
        return f"coalesce({cell}, '')"
    return f"coalesce(regexp_replace({cell}, '[^[:ascii:]]+', ' ', 'g'), '')"


def full_text(fields: list[dict[str, str]]) -> str:
    """The full-text column: the words of xloader's `_populate_fulltext` text (every column's text,
    joined by spaces) once every run of characters outside ASCII is a space. Only an ASCII `q` is
    answered by it (data/substring.py looks for any other as substrings, in the trigram indexes),
    and a run of Chinese was one "word" that no query of ours could match, while it made most of
    the index's entries (1,000,000 rows: its GIN index built in 8.5 s, 15-18 s with them); a
    number or Latin word written against Chinese text (中央大街108号, ABC科技) is a word of its
    own, found by `q=108`. The same value, computed column by column: a column with no ASCII
    character in any cell ("no_ascii", data/columns.py) is left out (its text would be spaces, and
    spaces are no words and no positions), and the regular expression runs only on text columns
    with characters outside ASCII (a run of them never spans two columns: they are joined by an
    ASCII space); 1,000,000 rows of benchmarks/datastore_load.py: 12.1 s -> 7.8 s of one core."""
    words = [_ascii_words(field) for field in fields if not field.get("no_ascii")]
    return "to_tsvector(" + (" || ' ' || ".join(words) or "''") + ")"


class _Part:
    """Bytes `start` to `end` of a file, read as COPY reads a file."""

    def __init__(self, file: IO[bytes], start: int, end: int) -> None:
        file.seek(start)
        self.file, self.left = file, end - start

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(self.left if size < 0 else min(size, self.left))
        self.left -= len(data)
        return data


def _copy_half(engine: Any, table: str, path: str, fields: list[dict[str, str]], part: tuple[int, int, int]) -> int:
    """One connection's share: the bytes `part` (start, end, rows before them) of the CSV COPY'd into
    its temporary table (numbered in file order), then written into the table with their `_id` and
    full text; returns the rows it COPY'd."""
    from ckanext.xloader.loader import LoaderError, identifier

    start, end, rows_before = part
    columns = ", ".join(identifier(field["id"]) for field in fields)
    with engine.connect() as plain, plain.execution_options(no_parameters=True).begin() as transaction:
        connection = transaction.connection  # statements as written: a column may be named "增长率（%）"
        connection.exec_driver_sql(f"CREATE TEMPORARY TABLE harbin_rows ON COMMIT DROP AS "
                                   f"SELECT {columns} FROM {identifier(table)} WITH NO DATA")
        connection.exec_driver_sql("ALTER TABLE harbin_rows ADD COLUMN harbin_n bigserial")
        cursor = connection.connection.cursor()
        try:
            with open(path, "rb") as rows:
                cursor.copy_expert(f"COPY harbin_rows ({columns}) FROM STDIN WITH (FORMAT csv, HEADER {start == 0})",
                                   _Part(rows, start, end))
            count = cursor.rowcount
        except psycopg2.DataError as error:
            raise LoaderError(f"Error during the load into PostgreSQL: {error}") from error
        finally:
            cursor.close()
        connection.exec_driver_sql(f"INSERT INTO {identifier(table)} (_id, {columns}, _full_text) "
                                   f"SELECT harbin_n + {rows_before}, {columns}, {full_text(fields)} FROM harbin_rows")
    return count


def copy_rows(engine: Any, table: str, path: str, fields: list[dict[str, Any]], second: SecondHalf) -> None:
    """The CSV's rows written into `table` by two connections, the second from `second` on."""
    from ckanext.xloader.loader import identifier

    with open(path, "rb") as file:
        end = file.seek(0, 2)
    parts = [(0, second.offset, 0), (second.offset, end, second.rows_before)]
    with ThreadPoolExecutor(2) as pool:
        first, rest = pool.map(lambda part: _copy_half(engine, table, path, fields, part), parts)
    if first != second.rows_before:  # a fault of the loader, not of the file: the job fails, the old table stays
        raise RuntimeError(f"{first} rows before the second half, not {second.rows_before}: its _ids would not follow")
    count = first + rest
    with engine.begin() as connection:  # the next row written gets the next _id
        connection.execute(sa.text("SELECT setval(pg_get_serial_sequence(:table, '_id'), :last, :called)"),
                           {"table": identifier(table), "last": max(count, 1), "called": count > 0})
