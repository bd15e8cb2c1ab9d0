"""A table's CSV or TSV (the text PostgreSQL's COPY writes for datastore_search's records_format
csv/tsv, after CKAN's header) re-written so that no text cell opens as a formula in Excel or WPS:
the cells of text columns and the header go through common/cells.neutralise (`=1+1` → `'=1+1`,
`-连续下降` → `'-连续下降`); the cells of typed columns (numbers, dates, booleans) are written as
PostgreSQL wrote them (-5 stays -5). Streamed: one chunk of text in memory at a time."""
from __future__ import annotations

import codecs
import csv
import io
import itertools
from typing import Iterable, Iterator

from ..common.cells import neutral_row, neutralise

__all__ = ["TYPED", "neutral_chunks"]

# Column types whose cells are never text: kept exact, whatever their first character.
TYPED = {"int", "int2", "int4", "int8", "integer", "bigint", "smallint", "numeric", "float4", "float8",
         "double precision", "real", "bool", "boolean", "date", "time", "timestamp", "timestamptz", "interval"}
_BOM = "\ufeff"
_CHUNK = 256 * 1024
# csv's default of 128 KiB per cell would stop a download part way through a long text cell.
csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))


def _lines(chunks: Iterable[bytes]) -> Iterator[str]:
    """The UTF-8 text of the chunks line by line, each line with its "\\n" (a quoted cell's own
    line breaks are put back together by csv.reader)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    rest = ""
    for chunk in chunks:
        rest += decoder.decode(chunk)
        *lines, rest = rest.split("\n")
        for line in lines:
            yield line + "\n"
    rest += decoder.decode(b"", final=True)
    if rest:
        yield rest


def _drain(out: io.StringIO) -> bytes:
    text = out.getvalue()
    out.seek(0)
    out.truncate(0)
    return text.encode("utf-8")


def neutral_chunks(chunks: Iterable[bytes], kinds: dict[str, str], tsv: bool = False) -> Iterator[bytes]:
    """The CSV (or TSV) of `chunks` (a header row first, a BOM kept) with its text cells neutralised;
    `kinds` maps a column name to its DataStore type, a column missing there counts as text."""
    dialect = "excel-tab" if tsv else "excel"
    lines = _lines(chunks)
    first = next(lines, None)
    if first is None:
        return
    out = io.StringIO()
    if first.startswith(_BOM):
        out.write(_BOM)
        first = first[1:]
    reader = csv.reader(itertools.chain([first], lines), dialect=dialect)
    writer = csv.writer(out, dialect=dialect)
    header = next(reader, [])
    writer.writerow(neutral_row(header))
    text = [kinds.get(name, "text") not in TYPED for name in header]
    for row in reader:
        writer.writerow([neutralise(value) if n >= len(text) or text[n] else value for n, value in enumerate(row)])
        if out.tell() >= _CHUNK:
            yield _drain(out)
    yield _drain(out)
