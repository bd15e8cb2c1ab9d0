"""A table's rows as batches of string columns (Arrow arrays), for readers that work a column at a
time (the personal-data scan). Delimited text goes through Arrow's CSV reader (C++, streaming);
rows that do not have the common number of cells are handed back by Arrow as text and parsed
here, so no cell is lost. Other tables are transposed from their rows."""
from __future__ import annotations

import csv
import io
import itertools
from collections import Counter
from typing import Iterator, Optional

import pyarrow as pa
import pyarrow.csv as arrow_csv

from .decoding import utf8_stream
from .errors import TableError
from .footer import Footer
from .layout import SAMPLE_ROWS
from .sniff import TEXT
from .tables import Table

__all__ = ["column_batches", "data_batches"]

# Arrow reads up to 32 blocks ahead of the consumer: the block size bounds the reader's memory
# (larger blocks left the peak growing with the file; with the scan's read-ahead thread, 1 MiB
# blocks did too: +22-28 MiB from a 33 to a 101 MiB file, +4-5 MiB with 512 KiB, +5/5/18 with 256 KiB under load). Consecutive
# blocks are joined into batches of about _BATCH_BYTES: every compute call has a fixed cost (a scan makes ~20 per column and batch).
_BLOCK_BYTES = 1 << 18
_BATCH_BYTES = 4 << 20
_ROWS_PER_BATCH = 1 << 16


def _transpose(rows: list[list[str]]) -> list[pa.Array]:
    width = max((len(row) for row in rows), default=0)
    padded = [row if len(row) == width else [*row, *[""] * (width - len(row))] for row in rows]
    return [pa.array(column, type=pa.string()) for column in zip(*padded)]


def _row_batches(rows: Iterator[list[str]]) -> Iterator[list[pa.Array]]:
    while chunk := list(itertools.islice(rows, _ROWS_PER_BATCH)):
        yield _transpose(chunk)


def _common_width(table: Table, start: int) -> int:
    """The number of cells most data rows have (trailing empty cells count: Arrow reads them)."""
    widths = Counter(len(row) for row in table.sample[start:] if row)
    return max(widths.most_common(1)[0][0] if widths else 0, 1)


def _arrow_batches(table: Table, start: int) -> Iterator[list[pa.Array]]:
    assert table.text is not None and table.path is not None
    width = _common_width(table, start)
    names = [f"c{index}" for index in range(width)]
    odd: list[str] = []

    def keep_odd_row(row: arrow_csv.InvalidRow) -> str:
        odd.append(row.text)
        return "skip"

    def odd_rows() -> list[pa.Array]:
        # Arrow's threads parse ahead and may add rows meanwhile: only the rows taken here are removed
        taken = odd[:]
        del odd[:len(taken)]
        return _transpose(list(csv.reader(io.StringIO("\n".join(taken)), delimiter=table.text.delimiter)))

    encoding = "utf8" if table.text.encoding in ("utf-8", "utf-8-sig") else table.text.encoding
    # GBK or UTF-16 decoded by a child process when large (decoding.py), else by Arrow in this one
    decoded = None if encoding == "utf8" else utf8_stream(table.path, encoding, _BLOCK_BYTES)
    try:
        reader = arrow_csv.open_csv(
            table.path if decoded is None else decoded,
            read_options=arrow_csv.ReadOptions(column_names=names, skip_rows=start, block_size=_BLOCK_BYTES,
                                               encoding=encoding if decoded is None else "utf8"),
            parse_options=arrow_csv.ParseOptions(delimiter=table.text.delimiter, newlines_in_values=True,
                                                 invalid_row_handler=keep_odd_row),
            convert_options=arrow_csv.ConvertOptions(column_types={name: pa.string() for name in names},
                                                     strings_can_be_null=False, quoted_strings_can_be_null=False))
        for batch in reader:
            yield list(batch.columns)
            if odd:
                yield odd_rows()
        if odd:  # handed back with no batch after them
            yield odd_rows()
    except UnicodeDecodeError as error:
        raise TableError("unreadable", kind="encoding") from error
    except pa.ArrowInvalid as error:
        raise TableError("unreadable", kind="encoding" if "UTF8" in str(error) else TEXT) from error
    finally:
        if decoded is not None:
            decoded.close()


def _joined(batches: Iterator[list[pa.Array]]) -> Iterator[list[pa.Array]]:
    """Consecutive batches of the same width joined until they hold about _BATCH_BYTES."""
    pending: list[list[pa.Array]] = []
    size = 0

    def join() -> list[pa.Array]:
        return pending[0] if len(pending) == 1 else [pa.concat_arrays(list(column)) for column in zip(*pending)]

    for batch in batches:
        if pending and len(batch) != len(pending[0]):
            yield join()
            pending, size = [], 0
        pending.append(batch)
        size += sum(column.nbytes for column in batch)
        if size >= _BATCH_BYTES:
            yield join()
            pending, size = [], 0
    if pending:
        yield join()


def column_batches(table: Table, start: Optional[int] = None) -> Iterator[list[pa.Array]]:
    """Batches of the table's rows from row `start` (default: below the header) as string columns;
    batches may differ in width (ragged rows)."""
    start = table.data_start if start is None else start
    if table.kind == TEXT and table.text is not None and table.path is not None:
        if len(table.sample) < SAMPLE_ROWS and not any(table.sample[start:]):
            return iter(())  # the whole file sampled, nothing below the header (Arrow refuses such files)
        return _joined(_arrow_batches(table, start))
    if table.kept is not None:  # read by the stacked-table search already
        return table.kept.windows(start, _ROWS_PER_BATCH)
    return _row_batches(itertools.islice(table.all_rows(), start, None))


def data_batches(table: Table, footer: Optional[Footer] = None) -> Iterator[list[pa.Array]]:
    """The batches of the rows below the header, without the footer under them (footer.py), which
    `footer` holds once they are read; every row of a table without a header."""
    if table.layout.header_row is None:
        return column_batches(table, 0)
    return (footer or Footer()).batches(column_batches(table))
