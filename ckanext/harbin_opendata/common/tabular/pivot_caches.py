"""The caches of an XLSX's pivot tables: a copy of every cell of the range a pivot table was built
from, kept in the file when that range's sheet is deleted (or hidden, or in another workbook). A
cache's fields are read as columns: the distinct values of a field (shared items, in
pivotCacheDefinition<n>.xml) and the values each record holds inline (pivotCacheRecords<n>.xml)."""
from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator

from .sniff import XLSX
from .workbook import Limits, check_packed
from .xml_parts import local_name, unreadable, xml_events

__all__ = ["PivotField", "pivot_cache_values"]

_PART = re.compile(r"xl/pivotCache/pivotCache(Definition|Records)([0-9]*)\.xml$", re.IGNORECASE)
_VALUES = {"s", "n"}  # a text, a number (dates, booleans and errors hold nothing personal)
_ITEMS = _VALUES | {"x", "d", "b", "e", "m"}  # one per field in a record (x: a shared item's index)
_BATCH = 10_000


@dataclass(frozen=True)
class PivotField:
    cache: str  # the cache's number (its parts' names end with it)
    index: int
    name: str  # the source column's header


class _Batches:
    """Values gathered by field, handed out every _BATCH values."""

    def __init__(self) -> None:
        self.values: dict[PivotField, list[str]] = defaultdict(list)
        self.count = 0

    def add(self, field: PivotField, value: str) -> None:
        self.values[field].append(value)
        self.count += 1

    def take(self, at_least: int = _BATCH) -> Iterator[tuple[PivotField, list[str]]]:
        if self.count >= at_least:
            yield from self.values.items()
            self.values, self.count = defaultdict(list), 0


def _definition(archive: zipfile.ZipFile, name: str, cache: str,
                fields: list[PivotField]) -> Iterator[tuple[PivotField, list[str]]]:
    batches = _Batches()
    for event, element in xml_events(archive, name):
        tag = local_name(element)
        if event == "start" and tag == "cacheField":
            fields.append(PivotField(cache, len(fields), element.get("name", "")))
        elif event == "end" and tag in _VALUES and fields and element.get("v", "").strip():
            batches.add(fields[-1], element.get("v"))
            yield from batches.take()
    yield from batches.take(at_least=1)


def _records(archive: zipfile.ZipFile, name: str, cache: str,
             fields: list[PivotField]) -> Iterator[tuple[PivotField, list[str]]]:
    batches, position = _Batches(), 0
    for event, element in xml_events(archive, name):
        tag = local_name(element)
        if event == "start" and tag == "r":
            position = 0
        elif event == "end" and tag in _ITEMS:
            if tag in _VALUES and element.get("v", "").strip():
                field = fields[position] if position < len(fields) else PivotField(cache, position, "")
                batches.add(field, element.get("v"))
                yield from batches.take()
            position += 1
    yield from batches.take(at_least=1)


def pivot_cache_values(path: str, limits: Limits) -> Iterator[tuple[PivotField, list[str]]]:
    """(field, a batch of its values) for every pivot cache of an XLSX. Raises TableError when a
    cache cannot be read safely."""
    with unreadable(XLSX):
        parts = sorted((match.group(2), match.group(1).lower(), member.filename)
                       for member in check_packed(path, limits) if (match := _PART.match(member.filename)))
        fields: dict[str, list[PivotField]] = defaultdict(list)
        with zipfile.ZipFile(path) as archive:
            for cache, kind, name in parts:  # a cache's definition before its records
                read = _definition if kind == "definition" else _records
                yield from read(archive, name, cache, fields[cache])
