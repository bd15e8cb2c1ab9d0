"""Stream the rows of tabular files, a chunk at a time: CSV in UTF-8 (with or without BOM) or
GBK/GB18030, and XLSX workbooks (every sheet, read-only)."""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from typing import Any, BinaryIO, Iterator, NamedTuple

__all__ = ["detect_encoding", "csv_rows", "xlsx_sheets", "Sheet", "sniff_kind", "UnreadableTable", "cell_text"]

_SAMPLE = 1 << 16
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"
_HEADER_SEARCH_ROWS = 20


class UnreadableTable(ValueError):
    """The file is not a table this module can read; the message says why, for the user."""


class Sheet(NamedTuple):
    name: str
    header: list[str]
    rows: Iterator[list[str]]


def detect_encoding(sample: bytes) -> str:
    """utf-8-sig when the sample decodes as UTF-8 (a multi-byte character cut at the end is fine),
    else gb18030 (a superset of GBK and GB2312)."""
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(sample, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "gb18030"


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample.split("\n", 20)[0], delimiters=",\t;|").delimiter
    except csv.Error:
        return ","


def csv_rows(stream: BinaryIO) -> tuple[list[str], Iterator[list[str]]]:
    """(header, rows) of a CSV byte stream; rows are read lazily, so memory stays flat."""
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream, buffer_size=_SAMPLE)
    sample = buffered.peek(_SAMPLE)[:_SAMPLE]
    encoding = detect_encoding(sample)
    delimiter = _delimiter(sample.decode(encoding, errors="replace"))
    text = io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")
    reader = csv.reader(text, delimiter=delimiter)
    header = next(reader, [])
    return [name.strip() for name in header], reader


def cell_text(value: Any) -> str:
    """A spreadsheet cell as text: whole numbers without a decimal point, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value)


def _sheet_rows(worksheet: Any) -> tuple[list[str], Iterator[list[str]]]:
    """The header and the rows below it. Title and note rows above a table are common: the
    header is the first row with two or more filled cells among the first rows (else the first
    filled row)."""
    import itertools

    rows = (list(map(cell_text, row)) for row in worksheet.iter_rows(values_only=True))
    head = list(itertools.islice(rows, _HEADER_SEARCH_ROWS))
    filled = [sum(1 for cell in row if cell.strip()) for row in head]
    start = next((i for i, count in enumerate(filled) if count >= 2),
                 next((i for i, count in enumerate(filled) if count), None))
    if start is None:
        return [], iter(())
    return [cell.strip() for cell in head[start]], itertools.chain(head[start + 1:], rows)


def xlsx_sheets(path: str) -> Iterator[Sheet]:
    """Every sheet of an XLSX workbook, read row by row (openpyxl read-only mode)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    stream = open(path, "rb")  # a file object: stored uploads have no .xlsx extension
    try:
        try:
            workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as error:
            raise UnreadableTable("xlsx") from error
        try:
            for worksheet in workbook.worksheets:
                header, rows = _sheet_rows(worksheet)
                yield Sheet(worksheet.title, header, rows)
        finally:
            workbook.close()
    finally:
        stream.close()


def sniff_kind(head: bytes, declared: str) -> str:
    """"xlsx" or "csv", from the file's first bytes (they win over the declared format)."""
    if head.startswith(_XLSX_MAGIC):
        return "xlsx"
    if head.startswith(_XLS_MAGIC):
        raise UnreadableTable("xls")
    if declared == "xlsx":
        raise UnreadableTable("xlsx")
    if b"\x00" in head[:4096]:
        raise UnreadableTable("binary")
    return "csv"
