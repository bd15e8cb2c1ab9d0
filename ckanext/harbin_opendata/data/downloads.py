"""A loaded table downloaded in the format the reader wants (第十四条 格式转换): CSV (UTF-8 with a
BOM, so that Excel shows Chinese text), TSV, JSON and XML through the DataStore's own dump writers,
XLSX through openpyxl's write-only workbook (rows streamed page by page into a temporary file, typed
cells: numbers as numbers, timestamps as dates). Every page is read with the reader's own
datastore_search, so the tables' auth rules (hidden, withheld, 有条件开放) hold for every format.
Files are named after the entry (Chinese kept, with an ASCII fallback)."""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
import tempfile
from decimal import Decimal, InvalidOperation
from typing import IO, Any, Iterator, Optional
from xml.parsers import expat

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.datastore.writer import XMLWriter, csv_writer, json_writer, tsv_writer, xml_writer

from ..common.cells import xlsx_append
from .keyset import AFTER
from .text_cells import neutral_chunks

__all__ = ["FORMATS", "XLSX_TYPE", "table_fields", "xml_text", "download_name", "ascii_name", "xlsx_file",
           "text_chunks", "file_chunks"]

# format → Content-Type; csv/tsv/json/xml are the DataStore dump's own
FORMATS = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8",
           "tsv": "text/tab-separated-values; charset=utf-8"}
XLSX_TYPE = FORMATS["xlsx"]
_PAGE = 10000
_CHUNK = 256 * 1024
_UNSAFE = '/\\"*?:<>|[]'
# What XML 1.0 (and so XLSX) cannot hold: control characters but tab and line ends, U+FFFE, U+FFFF,
# lone surrogates. openpyxl's ILLEGAL_CHARACTERS_RE misses U+FFFE/U+FFFF (lxml then refuses the cell).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def table_fields(user: str, resource_id: str) -> list[dict[str, Any]]:
    """The table's columns as the user may read them (without the DataStore's own "_id"); raises
    NotAuthorized / ObjectNotFound as datastore_search does."""
    found = tk.get_action("datastore_search")({"user": user}, {
        "resource_id": resource_id, "limit": 0, "include_total": False})
    return [field for field in found["fields"] if not field["id"].startswith("_")]


def xml_text(text: str) -> str:
    """The text without the characters no XML document (XML download, XLSX cell) may hold."""
    return _NOT_XML.sub("", text)


def _clean(text: str) -> str:
    return "".join(c for c in text if c.isprintable() and c not in _UNSAFE).strip(" .")


def download_name(resource: model.Resource, fmt: str) -> str:
    """The entry's title (and the resource's name when the entry has several resources), with the
    format's extension: 哈尔滨市企业登记.xlsx."""
    package = resource.package
    title = _clean(package.title or package.name) if package else ""
    if not title or (package is not None and len(package.resources) > 1):
        stem = _clean(os.path.splitext(resource.name or "")[0])
        if stem and stem != title:
            title = f"{title}-{stem}" if title else stem
    return f"{title or 'data'}.{fmt}"


def ascii_name(resource: model.Resource, fmt: str) -> str:
    """The name for clients that cannot read `filename*` (download_name's ASCII twin): the entry's
    name (its URL slug), with the resource's id when the entry has several: qiye-dengji.csv."""
    package = resource.package
    stem = package.name if package is not None else resource.id
    if package is not None and len(package.resources) > 1:
        stem = f"{stem}-{resource.id}"
    return f"{stem}.{fmt}"


# Excel counts days from 1900-01-01: an earlier day (0001-01-01) would be a negative serial, shown
# as ####, or day 0 (1900-01-00); it is written as the API's text
_FIRST_EXCEL_DAY = dt.datetime(1900, 1, 1)


def _typed(value: Any, kind: str) -> Any:
    """A cell as Excel should hold it: numbers and timestamps typed, text without the control
    characters a worksheet refuses."""
    if value is None:
        return None
    if kind in ("numeric", "int", "int4", "int8", "float8") and not isinstance(value, (int, float, Decimal)):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return str(value)
        return int(number) if number == number.to_integral_value() and abs(number) < 10 ** 15 else float(number)
    if kind in ("timestamp", "date") and isinstance(value, str):
        try:
            day = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        return day if day >= _FIRST_EXCEL_DAY else value
    if isinstance(value, Decimal):
        return float(value)
    return xml_text(value) if isinstance(value, str) else value


def _search(user: str, resource_id: str, after: int, **params: Any) -> dict[str, Any]:
    return tk.get_action("datastore_search")({"user": user}, {
        "resource_id": resource_id, "filters": {AFTER: after}, "sort": "_id", "include_total": False, **params})


def _pages(user: str, resource_id: str, names: list[str], records_format: str) -> Iterator[Any]:
    """The table's rows page by page in `_id` order, read as the user; each page starts after the
    previous page's last `_id` (keyset: as quick deep in the table as at its start). Rows as lists
    or objects carry their `_id` (last, dropped from lists); csv/tsv pages are text without it,
    which one more index lookup finds."""
    keyed = records_format in ("lists", "objects")
    after = 0
    while True:
        page = _search(user, resource_id, after, fields=names + ["_id"] if keyed else names, limit=_PAGE,
                       records_format=records_format)
        records = page["records"]
        if not records:
            return
        if records_format == "lists":
            after = records[-1][-1]
            yield [row[:-1] for row in records]
        elif keyed:
            after = records[-1]["_id"]  # the XML writer writes only the table's own columns
            yield records
        else:
            yield records
            last = _search(user, resource_id, after, fields=["_id"], limit=1, offset=page["limit"] - 1,
                           records_format="lists")["records"]
            after = last[0][0] if last else None
        if after is None or (keyed and len(records) < page["limit"]):
            return


def xlsx_file(user: str, resource_id: str, fields: list[dict[str, Any]], sheet: str) -> IO[bytes]:
    """The whole table as an XLSX workbook in a temporary file (rewound), one page of rows in
    memory at a time."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(_clean(sheet)[:31] or "data")
    names = [field["id"] for field in fields]
    kinds = [field["type"] for field in fields]
    xlsx_append(worksheet, [xml_text(name) for name in names])
    for records in _pages(user, resource_id, names, "lists"):
        for row in records:  # text that looks like a formula stays a text cell
            xlsx_append(worksheet, [_typed(value, kind) for value, kind in zip(row, kinds)])
    out = tempfile.TemporaryFile()
    workbook.save(out)
    out.seek(0)
    return out


@functools.lru_cache(maxsize=1024)
def _xml_name(name: str) -> bool:
    try:
        expat.ParserCreate().Parse(f"<{name}/>", True)
    except expat.ExpatError:
        return False
    return True


class _XMLWriter(XMLWriter):
    """The DataStore's XML rows as a parser opens them: text without the characters XML cannot
    hold (a \\x0b in a cell), and a column whose name is no XML element name ("2025年产值") as
    <field name="2025年产值">."""

    def _insert_node(self, root: Any, k: str, v: Any, key_attr: Optional[Any] = None) -> None:
        v = xml_text(v) if isinstance(v, str) else v
        key_attr = xml_text(key_attr) if isinstance(key_attr, str) else key_attr
        k = xml_text(k)
        if root.tag != "row" or _xml_name(k):
            return super()._insert_node(root, k, v, key_attr)
        super()._insert_node(root, "field", v, key_attr)
        root[-1].attrib["name"] = k


@contextlib.contextmanager
def _xml_writer(fields: list[dict[str, Any]], bom: bool = False) -> Iterator[_XMLWriter]:
    """CKAN's xml_writer (its document start, its BOM) writing through _XMLWriter."""
    with xml_writer(fields, bom=bom) as plain:
        yield _XMLWriter(plain.output, [field["id"] for field in fields])


def _written(user: str, resource_id: str, fields: list[dict[str, Any]], fmt: str) -> Iterator[bytes]:
    writer_factory, records_format = {"csv": (csv_writer, "csv"), "tsv": (tsv_writer, "tsv"),
                                      "json": (json_writer, "lists"), "xml": (_xml_writer, "objects")}[fmt]
    with writer_factory(fields, bom=fmt in ("csv", "tsv")) as writer:
        for records in _pages(user, resource_id, [field["id"] for field in fields], records_format):
            yield writer.write_records(records)
        yield writer.end_file()


def text_chunks(user: str, resource_id: str, fields: list[dict[str, Any]], fmt: str) -> Iterator[bytes]:
    """The table as CSV/TSV (with a BOM, for Excel: text cells neutralised, text_cells.py), JSON or
    XML (exact), written by the DataStore's dump writers."""
    chunks = _written(user, resource_id, fields, fmt)
    if fmt not in ("csv", "tsv"):
        return chunks
    return neutral_chunks(chunks, {field["id"]: field["type"] for field in fields}, tsv=fmt == "tsv")


def file_chunks(file: IO[bytes]) -> Iterator[bytes]:
    """The file's bytes, then the file closed (deleted)."""
    with file:
        while chunk := file.read(_CHUNK):
            yield chunk
