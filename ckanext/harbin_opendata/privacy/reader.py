"""Stream the rows of a CSV file in UTF-8 (with or without BOM) or GBK/GB18030, a chunk at a time."""
from __future__ import annotations

import codecs
import csv
import io
from typing import BinaryIO, Iterator

__all__ = ["detect_encoding", "csv_rows"]

_SAMPLE = 1 << 16


def detect_encoding(sample: bytes) -> str:
    """utf-8-sig when the sample decodes as UTF-8 (a multi-byte character cut at the end is fine),
    else gb18030 (a superset of GBK and GB2312)."""
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(sample, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "gb18030"


def csv_rows(stream: BinaryIO) -> tuple[list[str], Iterator[list[str]]]:
    """(header, rows) of a CSV byte stream; rows are read lazily, so memory stays flat."""
    buffered = io.BufferedReader(stream, buffer_size=_SAMPLE) if not isinstance(stream, io.BufferedReader) else stream
    encoding = detect_encoding(buffered.peek(_SAMPLE)[:_SAMPLE])
    text = io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")
    reader = csv.reader(text)
    header = next(reader, [])
    return [name.strip() for name in header], reader
