"""Scan a whole file: every table the reader finds in it (sheets, archive members, records), every
cell of every row — title rows and footers too (counted as lines, not data rows), and cells beyond
the header's width as unnamed columns. When a table's header is not certain, every row is scanned as data and names are judged
by content alone; the scan records that a person must confirm the header."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Optional

from ...common.tabular import Limits, Table, TableError, open_tables
from ...common.tabular.stacked import MAX_TABLES
from ...common.tabular.tables import split_stacked
from ...common.tabular.columnar import column_batches, data_batches
from ...common.tabular.footer import Footer
from ...common.tabular.text import TextFormat
from .columns import ColumnFindings, settle_table
from .detectors import OPTIONAL_KINDS
from .documents import document_numbers
from .outside_cells import WORKBOOK_PARTS, label_findings, outside_cells
from .split_columns import split_ids
from .split_phones import split_phones
from .stacking import header_watch
from .threads import column_pool, read_ahead
from .vectorized import classify

__all__ = ["scan_file", "ScanResult", "Progress", "DEFAULT_KINDS", "SHEET_NAME_COLUMN", "WORKBOOK_PARTS"]

# progress(rows so far)
Progress = Callable[[int], None]
DEFAULT_KINDS = frozenset({"resident_id", "mobile", "landline", "bank_card", "email", "person_name"})
# Findings outside the tables' cells are reported as columns of their own, numbered below zero.
SHEET_NAME_COLUMN, SHEET_NAME_HEADER = -1, "工作表名称"
_EXTENSION = re.compile(r"\.(?:xlsx|xlsm|xls|ods|csv|txt|json)$|·表[0-9]+$", re.IGNORECASE)


@dataclass
class ScanResult:
    columns: list[dict[str, Any]] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)
    rows: int = 0

    @property
    def personal(self) -> bool:
        return any(column["kinds"] for column in self.columns)

    @property
    def confident(self) -> bool:
        return all(table["confident"] for table in self.tables)


class _Stacked(Exception):
    """A large text table turned out to hold a header below its data (stacking.py)."""


class _TableScan:
    def __init__(self, table: Table, kinds: frozenset[str], strict: bool) -> None:
        self.table, self.kinds, self.strict = table, kinds, strict
        self.columns: dict[int, ColumnFindings] = {}
        self.rows = 0  # data rows
        self.lines = 0  # title, header and footer lines with text

    def column(self, index: int) -> ColumnFindings:
        if index not in self.columns:
            header = self.table.header[index] if index < len(self.table.header) and self.table.confident else ""
            self.columns[index] = ColumnFindings(self.table.name, index, header, self.strict)
        return self.columns[index]

    def _add_lines(self, rows: list[list[str]]) -> None:
        """Title rows, the header and footer lines: every cell checked, tallied apart from the data's."""
        for row in rows:
            self.lines += any(cell.strip() for cell in row)
            for index, cell in enumerate(row):
                if cell.strip():
                    self.column(index).add_line(cell, self.kinds)

    def run(self, progress: Optional[Progress], done: int) -> None:
        start = self.table.data_start if self.table.confident else 0
        self._add_lines(self.table.sample[:start] if self.table.confident else [])  # title rows and the header
        watch, footer = header_watch(self.table), Footer()
        source = data_batches(self.table, footer) if self.table.confident else column_batches(self.table, start)
        with read_ahead(source) as batches, column_pool() as run_all:
            for batch in batches:
                if watch is not None and watch.seen(batch):
                    raise _Stacked()
                columns = [self.column(index) for index in range(len(batch))]
                run_all(functools.partial(self._check, columns, batch), len(batch))
                for left, ids in split_ids(batch):
                    for column in columns[left:left + 2]:
                        column.add_split_ids(ids)
                for left, width, kind, numbers in split_phones(batch):
                    for column in columns[left:left + width]:
                        column.add_split(kind, numbers)
                self.rows += len(batch[0]) if batch else 0
                if progress:
                    progress(done + self.rows)
        self._add_lines(footer.lines)  # under the data: scanned, not counted as its rows
        settle_table(self.columns.values())

    def _check(self, columns: list[ColumnFindings], batch: list[Any], index: int) -> None:
        column = columns[index]
        column.absorb(classify(batch[index], column.name_header, self.kinds, column.id_header, column.card_header,
                               column.strict), self.kinds)
        if self.strict:  # a masked copy: values masked too lightly count too
            column.check_masked(batch[index])
        if column.document_header:
            column.add_documents(document_numbers(batch[index]))


def _scan_table(table: Table, kinds: frozenset[str], strict: bool, progress: Optional[Progress],
                done: int) -> _TableScan:
    scan = _TableScan(table, kinds, strict)
    try:
        scan.run(progress, done)
    except TableError as error:
        if error.params.get("kind") != "encoding" or table.text is None or table.text.encoding == "gb18030":
            raise
        table.text = TextFormat("gb18030", table.text.delimiter)  # ASCII at first, GBK further down
        scan = _TableScan(table, kinds, strict)
        scan.run(progress, done)
    return scan


def _sheet_names(tables: list[Table], kinds: frozenset[str], strict: bool) -> list[ColumnFindings]:
    """Personal data in the names of sheets and archive members (张伟, 13812345678, 张伟.xlsx)."""
    found = {}
    for table in tables:
        name = table.sheet if table.sheet is not None else table.name
        if name in found or not name:
            continue
        found[name] = ColumnFindings(name, SHEET_NAME_COLUMN, SHEET_NAME_HEADER, strict)
        for part in name.split("/"):
            label_findings(found[name], _EXTENSION.sub("", part), kinds)
    return list(found.values())


def scan_file(path: str, limits: Limits, strict: bool = False, confirmed: Optional[Mapping[str, int]] = None,
              optional_kinds: Iterable[str] = (), progress: Optional[Progress] = None) -> ScanResult:
    """Findings for every column of every table of the file (streamed: memory does not grow with
    a text table). Raises TableError when the file is not a table that can be read in full."""
    kinds = DEFAULT_KINDS | (frozenset(optional_kinds) & frozenset(OPTIONAL_KINDS))
    result, tables = ScanResult(), []
    for whole in open_tables(path, limits, confirmed, stacked=True, keep_columns=True):
        try:
            scans = [_scan_table(whole, kinds, strict, progress, result.rows)]
        except _Stacked:  # each stacked table under its own header, read row by row
            scans = [_scan_table(table, kinds, strict, progress, result.rows)
                     for table in split_stacked(whole, confirmed or {}, any_size=True)]
        for scan in scans:
            table = scan.table
            tables.append(table)
            result.rows += scan.rows
            result.columns += [column.as_dict() for _, column in sorted(scan.columns.items())]
            result.tables.append({"name": table.name, "kind": table.kind, "header_row": table.layout.header_row,
                                  "confident": table.confident, "rows": scan.rows, "lines": scan.lines, "header": table.header,
                                  "more_stacked_than": MAX_TABLES if table.too_many_stacked else None})
    parts, caches = outside_cells(path, limits, kinds, strict)
    outside = _sheet_names(tables, kinds, strict) + parts
    settle_table(outside)
    result.columns += [findings.as_dict() for findings in outside + caches if findings.decided]
    return result
