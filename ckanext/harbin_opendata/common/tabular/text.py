"""Delimited text tables (CSV, TSV, TXT) as agencies save them: UTF-8 with or without BOM,
GBK/GB18030, UTF-16 ("Unicode text" from Excel); comma, tab, semicolon or bar delimited; quoted
cells with line breaks; ragged rows. Read lazily, row by row."""
from __future__ import annotations

import codecs
import collections
import csv
import io
import itertools
import re
from typing import Iterator

from .errors import TableError

__all__ = ["detect_encoding", "TextFormat", "text_format", "text_rows", "first_rows"]

_SAMPLE_BYTES = 1 << 20
_DELIMITERS = ",\t;|"
_QUOTED = re.compile(r'"[^"]*"')
# Cells of a few MB occur (a JSON blob in a column); anything larger is not a table.
csv.field_size_limit(max(csv.field_size_limit(), 1 << 26))

TextFormat = collections.namedtuple("TextFormat", "encoding delimiter")


def detect_encoding(sample: bytes) -> str:
    """utf-8-sig / utf-16 by their byte-order marks; utf-8 when the sample decodes as UTF-8 (a
    character cut at the end is fine); else gb18030 (a superset of GBK and GB2312)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def _delimiter(text: str) -> str:
    """The delimiter that splits the sample's lines most consistently: the one whose most common
    non-zero count per line is shared by most lines (then the larger count); a comma when none
    splits. Quoted text is left out of the count (a cell "6222\t0212\t3456" holds no delimiter),
    and tabs inside a comma CSV's cells are on fewer lines than its commas (not on the header)."""
    lines = [_QUOTED.sub('""', line) for line in text.splitlines()[:200] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        counts = collections.Counter(line.count(delimiter) for line in lines)
        count, lines_with = max(((c, n) for c, n in counts.items() if c), key=lambda cn: (cn[1], cn[0]), default=(0, 0))
        if count and (lines_with, count) > best_score:
            best, best_score = delimiter, (lines_with, count)
    return best


def _first_non_ascii(path: str, sample: bytes) -> bytes:
    """The sample, or when it is plain ASCII the first stretch of the file that is not: an export
    whose first megabyte is digits can turn to GBK further down."""
    if not sample.isascii():
        return sample
    with open(path, "rb") as stream:
        while chunk := stream.read(_SAMPLE_BYTES):
            if not chunk.isascii():
                start = next(index for index, byte in enumerate(chunk) if byte >= 0x80)
                return chunk[start:] + stream.read(1 << 16)
    return sample


def text_format(path: str) -> TextFormat:
    """The encoding and delimiter of a text table."""
    with open(path, "rb") as stream:
        sample = stream.read(_SAMPLE_BYTES)
    encoding = detect_encoding(sample) if sample.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
        else detect_encoding(_first_non_ascii(path, sample))
    return TextFormat(encoding, _delimiter(sample.decode(encoding, errors="replace")))


def text_rows(path: str, form: TextFormat, errors: str = "strict") -> Iterator[list[str]]:
    """Every row of the file, as the csv module reads it (ragged rows kept as they are)."""
    with open(path, "rb") as raw:
        text = io.TextIOWrapper(raw, encoding=form.encoding, errors=errors, newline="")
        try:
            yield from csv.reader(text, delimiter=form.delimiter)
        except csv.Error as error:
            raise TableError("unreadable", kind="csv") from error
        except UnicodeDecodeError as error:
            raise TableError("unreadable", kind="encoding") from error


def first_rows(path: str, form: TextFormat, count: int) -> list[list[str]]:
    """The first `count` rows (a decoding error becomes a replacement character here: the sample
    only decides the layout)."""
    return list(itertools.islice(text_rows(path, form, errors="replace"), count))


