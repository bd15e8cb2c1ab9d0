"""Scan a whole tabular file (CSV or every sheet of an XLSX workbook) column by column."""
from __future__ import annotations

import io
import os
from typing import Any, Callable, Iterator, Optional

from .columns import ColumnFindings, scan_rows
from .reader import Sheet, csv_rows, sniff_kind, xlsx_sheets

__all__ = ["sheets", "scan_file", "Progress"]

# progress(bytes read so far or None, rows so far)
Progress = Callable[[Optional[int], int], None]
_PROGRESS_EVERY = 5000


class _CountingReader(io.RawIOBase):
    """A raw file that counts the bytes read from it (progress of a streamed CSV)."""

    def __init__(self, raw: Any) -> None:
        self.raw, self.count = raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        read = self.raw.readinto(buffer)
        self.count += read or 0
        return read

    def close(self) -> None:
        self.raw.close()
        super().close()


def sheets(path: str, declared: str, counter: Optional[list[_CountingReader]] = None) -> Iterator[Sheet]:
    """The sheets of a file: one unnamed sheet for CSV, each worksheet for XLSX."""
    with open(path, "rb") as probe:
        kind = sniff_kind(probe.read(8), declared)
    if kind == "xlsx":
        yield from xlsx_sheets(path)
        return
    raw = _CountingReader(open(path, "rb", buffering=0))
    if counter is not None:
        counter.append(raw)
    try:
        header, rows = csv_rows(io.BufferedReader(raw, buffer_size=1 << 16))
        yield Sheet("", header, rows)
    finally:
        raw.close()


def _column_dict(sheet: str, index: int, column: ColumnFindings) -> dict[str, Any]:
    return {"sheet": sheet, "column": index, "header": column.header, "cells": column.cells,
            "counts": column.counts, "embedded": column.embedded, "examples": column.examples,
            "kinds": column.kinds()}


def scan_file(path: str, declared: str, progress: Optional[Progress] = None) -> list[dict[str, Any]]:
    """Findings for every column of every sheet (streamed: memory does not grow with the file)."""
    counter: list[_CountingReader] = []
    rows_done = 0

    def counted(rows: Iterator[list[str]]) -> Iterator[list[str]]:
        nonlocal rows_done
        for row in rows:
            rows_done += 1
            if progress and rows_done % _PROGRESS_EVERY == 0:
                progress(counter[0].count if counter else None, rows_done)
            yield row

    results: list[dict[str, Any]] = []
    for sheet in sheets(path, declared, counter):
        columns = scan_rows(sheet.header, counted(sheet.rows))
        results += [_column_dict(sheet.name, index, column) for index, column in enumerate(columns)]
    if progress:
        progress(os.path.getsize(path), rows_done)
    return results
