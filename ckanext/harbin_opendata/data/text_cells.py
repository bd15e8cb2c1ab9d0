"""A table's CSV or TSV (the text PostgreSQL's COPY writes for datastore_search's records_format
csv/tsv, after CKAN's header) re-written so that no text cell opens as a formula in Excel or WPS:
the cells of text columns and the header go through common/cells.neutralise (`=1+1` → `'=1+1`,
`-连续下降` → `'-连续下降`); the cells of typed columns (numbers, dates, booleans) are written as
PostgreSQL wrote them (-5 stays -5). Streamed: one chunk of text in memory at a time.

Most of a table has no cell that starts like a formula: the text is cut into blocks of whole
records, and a block in which no cell can start with such a character (a byte search) is passed on
as it came; only the other blocks are parsed and written again (re-writing every row had doubled a
download's time: 200,000 rows 1.62 → 3.71 s).

Every record ends with \n, as COPY ends its lines: CKAN writes the header with \r\n (Python's csv)
and re-written blocks came out \r\n too, so a file mixed both and some readers (and diff tools)
saw one line of another kind every few thousand."""
from __future__ import annotations

import csv
import io
import re
from typing import Iterable, Iterator

from ..common.cells import neutral_row, neutralise

__all__ = ["TYPED", "neutral_chunks"]

# Column types whose cells are never text: kept exact, whatever their first character.
TYPED = {"int", "int2", "int4", "int8", "integer", "bigint", "smallint", "numeric", "float4", "float8",
         "double precision", "real", "bool", "boolean", "date", "time", "timestamp", "timestamptz", "interval"}
_BOM = "\ufeff"
# A cell's start (the text's start, a BOM, a line's start or a delimiter, an opening quote) followed
# by one of common/cells' formula characters (= + - @ tab CR, or ＝ ＋ － ＠ in UTF-8). It also
# matches inside a quoted cell after a line break or a delimiter: such a block is only written again.
_STARTERS = rb'"?(?:[=+\-@\t\r]|\xef\xbc[\x8b\x8d\x9d\xa0])'
_MAY_START_FORMULA = {False: re.compile(rb"(?:\A|\xef\xbb\xbf|[,\n])" + _STARTERS),
                      True: re.compile(rb"(?:\A|\xef\xbb\xbf|[\t\n])" + _STARTERS)}
# csv's default of 128 KiB per cell would stop a download part way through a long text cell.
csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))


def _record_end(text: bytes, start: int = 0) -> int:
    """The index of the first line break in `text` outside quotes, or -1."""
    end = text.find(b"\n", start)
    while end >= 0 and text.count(b'"', 0, end) % 2:
        end = text.find(b"\n", end + 1)
    return end


def _record_blocks(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The bytes of `chunks` in blocks of whole records: each block ends at a line break outside
    quotes (an even number of quotes before it), the last one at the end of the text."""
    rest = b""
    for chunk in chunks:
        rest += chunk
        end = rest.rfind(b"\n") + 1
        if end and rest.count(b'"', 0, end) % 2 == 0:
            yield rest[:end]
            rest = rest[end:]
    if rest:
        yield rest


def _rewritten(block: bytes, text: list[bool], dialect: str, header: bool) -> bytes:
    """The records of `block` with their text cells (and, when `header`, the header row) neutralised."""
    source = block.decode("utf-8")
    out = io.StringIO()
    if source.startswith(_BOM):
        out.write(_BOM)
        source = source[1:]
    writer = csv.writer(out, dialect=dialect)  # lines end \r\n: csv quotes a cell holding \r only then
    for number, row in enumerate(csv.reader(io.StringIO(source, newline=""), dialect=dialect)):
        if header and number == 0:
            writer.writerow(neutral_row(row))
        else:
            writer.writerow([neutralise(value) if n >= len(text) or text[n] else value
                             for n, value in enumerate(row)])
        out.seek(out.tell() - 2)  # the record's \r\n becomes COPY's \n
        out.truncate()
        out.write("\n")
    return out.getvalue().encode("utf-8")


def _header_line_end_as_copy(block: bytes) -> bytes:
    """`block` with its first record's \r\n (CKAN's header line) as \n."""
    end = _record_end(block)
    if end > 0 and block[end - 1:end + 1] == b"\r\n":
        return block[:end - 1] + block[end:]
    return block


def _header(block: bytes, dialect: str) -> list[str]:
    return next(csv.reader(io.StringIO(block.decode("utf-8").lstrip(_BOM), newline=""), dialect=dialect), [])


def neutral_chunks(chunks: Iterable[bytes], kinds: dict[str, str], tsv: bool = False) -> Iterator[bytes]:
    """The CSV (or TSV) of `chunks` (a header row first, a BOM kept) with its text cells neutralised;
    `kinds` maps a column name to its DataStore type, a column missing there counts as text."""
    dialect = "excel-tab" if tsv else "excel"
    may_start_formula = _MAY_START_FORMULA[tsv]
    blocks = _record_blocks(chunks)
    first = next(blocks, None)
    if first is None:
        return
    text = [kinds.get(name, "text") not in TYPED for name in _header(first, dialect)]
    yield _rewritten(first, text, dialect, True) if may_start_formula.search(first) else _header_line_end_as_copy(first)
    for block in blocks:
        yield _rewritten(block, text, dialect, False) if may_start_formula.search(block) else block
