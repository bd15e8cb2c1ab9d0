"""Copies of cells an XLSX keeps outside its sheets, read as columns of their own:
- the caches of its pivot tables: every cell of the range a pivot table was built from, kept when
  that range's sheet is deleted. A field's distinct values are its shared items
  (pivotCacheDefinition<n>.xml), the others are inline in each record (pivotCacheRecords<n>.xml);
- the caches of its links to other workbooks (externalLink<n>.xml): the values of the cells the
  formulas point to, by sheet and column."""
from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator

from .sniff import XLSX
from .workbook import Limits, check_packed
from .xml_parts import local_name, unreadable, xml_events

__all__ = ["PIVOT_CACHE", "EXTERNAL_LINK", "CachedColumn", "cached_columns"]

PIVOT_CACHE, EXTERNAL_LINK = "pivot_cache", "external_link"
_PIVOT = re.compile(r"xl/pivotCache/pivotCache(Definition|Records)([0-9]*)\.xml$", re.IGNORECASE)
_EXTERNAL = re.compile(r"xl/externalLinks/externalLink([0-9]*)\.xml$", re.IGNORECASE)
_VALUES = {"s", "n"}  # a text, a number (dates, booleans and errors hold nothing personal)
_ITEMS = _VALUES | {"x", "d", "b", "e", "m"}  # one per field in a record (x: a shared item's index)
_LETTERS = re.compile(r"[A-Za-z]+")
_BATCH = 10_000

Batch = tuple["CachedColumn", list[str]]


@dataclass(frozen=True)
class CachedColumn:
    kind: str  # PIVOT_CACHE or EXTERNAL_LINK
    table: str  # the part's number (a pivot cache), with the linked sheet's (an external link)
    index: int
    name: str = ""  # the source column's header (a pivot cache's field)


class _Batches:
    """Values gathered by column, handed out every _BATCH values."""

    def __init__(self) -> None:
        self.values: dict[CachedColumn, list[str]] = defaultdict(list)
        self.count = 0

    def add(self, column: CachedColumn, value: str) -> Iterator[Batch]:
        self.values[column].append(value)
        self.count += 1
        if self.count >= _BATCH:
            yield from self.rest()

    def rest(self) -> Iterator[Batch]:
        yield from self.values.items()
        self.values, self.count = defaultdict(list), 0


def _definition(archive: zipfile.ZipFile, name: str, cache: str, fields: list[CachedColumn]) -> Iterator[Batch]:
    batches = _Batches()
    for event, element in xml_events(archive, name):
        tag = local_name(element)
        if event == "start" and tag == "cacheField":
            fields.append(CachedColumn(PIVOT_CACHE, cache, len(fields), element.get("name", "")))
        elif event == "end" and tag in _VALUES and fields and element.get("v", "").strip():
            yield from batches.add(fields[-1], element.get("v"))
    yield from batches.rest()


def _records(archive: zipfile.ZipFile, name: str, cache: str, fields: list[CachedColumn]) -> Iterator[Batch]:
    batches, position = _Batches(), 0
    for event, element in xml_events(archive, name):
        tag = local_name(element)
        if event == "start" and tag == "r":
            position = 0
        elif event == "end" and tag in _ITEMS:
            if tag in _VALUES and element.get("v", "").strip():
                field = fields[position] if position < len(fields) else CachedColumn(PIVOT_CACHE, cache, position)
                yield from batches.add(field, element.get("v"))
            position += 1
    yield from batches.rest()


def _column_index(reference: str) -> int:
    index = 0
    for letter in (match.group() if (match := _LETTERS.match(reference)) else "").upper():
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _external_link(archive: zipfile.ZipFile, name: str, link: str) -> Iterator[Batch]:
    batches, sheet, cell = _Batches(), "", ""
    for event, element in xml_events(archive, name):
        tag = local_name(element)
        if event == "start" and tag == "sheetData":
            sheet = element.get("sheetId", "")
        elif event == "start" and tag == "cell":
            cell = element.get("r", "")
        elif event == "end" and tag == "v" and element.text and element.text.strip():
            column = CachedColumn(EXTERNAL_LINK, f"{link}·{sheet}", max(_column_index(cell), 0))
            yield from batches.add(column, element.text)
    yield from batches.rest()


def cached_columns(path: str, limits: Limits) -> Iterator[Batch]:
    """(column, a batch of its values) for every pivot cache and external link of an XLSX. Raises
    TableError when a part cannot be read safely."""
    with unreadable(XLSX):
        names = [member.filename for member in check_packed(path, limits)]
        pivots = sorted((match.group(2), match.group(1).lower(), name) for name in names if (match := _PIVOT.match(name)))
        fields: dict[str, list[CachedColumn]] = defaultdict(list)
        with zipfile.ZipFile(path) as archive:
            for cache, part, name in pivots:  # a cache's definition before its records
                yield from (_definition if part == "definition" else _records)(archive, name, cache, fields[cache])
            for name in names:
                if match := _EXTERNAL.match(name):
                    yield from _external_link(archive, name, match.group(1))
