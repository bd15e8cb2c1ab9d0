"""Scan a whole file: every table the reader finds in it (sheets, archive members, records), every
cell of every row — title rows and footers too (counted as lines, not data rows), and cells beyond
the header's width as unnamed columns. When a table's header is not certain, every row is scanned as data and names are judged
by content alone; the scan records that a person must confirm the header."""
from __future__ import annotations

import re
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Optional

import pyarrow as pa

from ...common.tabular import Limits, Table, TableError, open_tables
from ...common.tabular.stacked import MAX_TABLES
from ...common.tabular.tables import split_stacked
from ...common.tabular.columnar import column_batches, data_batches
from ...common.tabular.footer import Footer
from ...common.tabular.text import TextFormat
from .batch_checks import check_batch
from .columns import ColumnFindings, settle_table
from .detectors import OPTIONAL_KINDS
from .form_labels import form_name_cells
from .header_names import name_headers
from .name_cells import holds_credit_codes
from .outside_cells import WORKBOOK_PARTS, label_findings, outside_cells
from .stacking import header_watch
from .processes import ScanProcesses, default_count, scan_processes
from .threads import column_pool, read_ahead

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
    def __init__(self, table: Table, kinds: frozenset[str], strict: bool, processes: Optional[ScanProcesses]) -> None:
        self.table, self.kinds, self.strict, self.processes = table, kinds, strict, processes
        self.columns: dict[int, ColumnFindings] = {}
        self.rows = 0  # data rows
        self.lines = 0  # title, header and footer lines with text
        self.credit_codes = table.confident and holds_credit_codes(table.header)

    def column(self, index: int) -> ColumnFindings:
        if index not in self.columns:
            header = self.table.header[index] if index < len(self.table.header) and self.table.confident else ""
            self.columns[index] = ColumnFindings(self.table.name, index, header, self.strict, self.credit_codes)
        return self.columns[index]

    def _add_lines(self, rows: list[list[str]]) -> None:
        """Title rows, the header and footer lines: every cell checked, tallied apart from the data's."""
        for row in rows:
            self.lines += any(cell.strip() for cell in row)
            for index, cell in enumerate(row):
                if cell.strip():
                    self.column(index).add_line(cell, self.kinds)
            for index in form_name_cells(row):  # 姓名： | 王建国 above the header or in a footer
                self.column(index).add_form_names(pa.array([row[index].strip()], pa.string()))

    def _header_names(self) -> None:
        """Header cells that are people's names (a pivot by person, header_names.py); of a table
        whose header is not certain, the first row's (scanned as data, masked as a name's column)."""
        header = self.table.header if self.table.confident else (self.table.sample or [[]])[0]
        if "person_name" not in self.kinds:
            return
        for index in name_headers(header):
            self.column(index).add_name(header[index])
            if self.table.confident:
                self.column(index).line_found["person_name"] += 1
                self.column(index).line_hits["person_name"] += 1  # a header line's, not the data rows'

    def run(self, progress: Optional[Progress], done: int) -> None:
        start = self.table.data_start if self.table.confident else 0
        self._add_lines(self.table.sample[:start] if self.table.confident else [])  # title rows and the header
        self._header_names()
        watch, footer = header_watch(self.table), Footer()
        source = data_batches(self.table, footer) if self.table.confident else column_batches(self.table, start)
        with read_ahead(source) as batches, column_pool() as run_all:
            pending: deque[tuple[list[ColumnFindings], int, Future]] = deque()
            for batch in batches:
                if watch is not None and watch.seen(batch):
                    raise _Stacked()
                columns = [self.column(index) for index in range(len(batch))]
                rows = len(batch[0]) if batch else 0
                if self.processes is None:
                    check_batch(columns, batch, self.kinds, run_all)
                    self._done(rows, progress, done)
                    continue
                pending.append((columns, rows, self.processes.submit(
                    self.table.name, [column.header for column in columns], self.kinds, self.strict, batch)))
                while len(pending) >= self.processes.in_flight:
                    self._merge(pending.popleft(), progress, done)
            while pending:
                self._merge(pending.popleft(), progress, done)
        self._add_lines(footer.lines)  # under the data: scanned, not counted as its rows
        settle_table(self.columns.values())

    def _merge(self, checked: tuple[list[ColumnFindings], int, Future], progress: Optional[Progress], done: int) -> None:
        columns, rows, findings = checked
        for column, later in zip(columns, findings.result()):
            column.merge(later)
        self._done(rows, progress, done)

    def _done(self, rows: int, progress: Optional[Progress], done: int) -> None:
        self.rows += rows
        if progress:
            progress(done + self.rows)


def _scan_table(table: Table, kinds: frozenset[str], strict: bool, progress: Optional[Progress],
                done: int, processes: Optional[ScanProcesses]) -> _TableScan:
    scan = _TableScan(table, kinds, strict, processes)
    try:
        scan.run(progress, done)
    except TableError as error:
        if error.params.get("kind") != "encoding" or table.text is None or table.text.encoding == "gb18030":
            raise
        table.text = TextFormat("gb18030", table.text.delimiter)  # ASCII at first, GBK further down
        scan = _TableScan(table, kinds, strict, processes)
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
              optional_kinds: Iterable[str] = (), progress: Optional[Progress] = None,
              processes: Optional[int] = None) -> ScanResult:
    """Findings for every column of every table of the file (streamed: memory does not grow with
    a text table). Raises TableError when the file is not a table that can be read in full.
    A large file's columns are checked in `processes` processes (default: min(2, cores); 1: in
    this one, processes.py)."""
    kinds = DEFAULT_KINDS | (frozenset(optional_kinds) & frozenset(OPTIONAL_KINDS))
    # A workbook's parts outside its cells are read on the other core meanwhile: the sheets' parse
    # (python-calamine) releases the GIL. The tables' error, if any, is raised first, as before.
    with ThreadPoolExecutor(1, thread_name_prefix="scan-outside") as beside:
        outside_read = beside.submit(outside_cells, path, limits, kinds, strict)
        with scan_processes(default_count() if processes is None else processes, path) as pool:
            result, tables = _scan_tables(path, limits, confirmed, kinds, strict, progress, pool)
        parts, caches = outside_read.result()
    outside = _sheet_names(tables, kinds, strict) + parts
    settle_table(outside)
    result.columns += [findings.as_dict() for findings in outside + caches if findings.decided]
    return result


def _scan_tables(path: str, limits: Limits, confirmed: Optional[Mapping[str, int]], kinds: frozenset[str],
                 strict: bool, progress: Optional[Progress], pool: Optional[ScanProcesses]) -> tuple[ScanResult, list[Table]]:
    result, tables = ScanResult(), []
    for whole in open_tables(path, limits, confirmed, stacked=True, keep_columns=True):
        try:
            scans = [_scan_table(whole, kinds, strict, progress, result.rows, pool)]
        except _Stacked:  # each stacked table under its own header, read row by row
            scans = [_scan_table(table, kinds, strict, progress, result.rows, pool)
                     for table in split_stacked(whole, confirmed or {}, any_size=True)]
        for scan in scans:
            table = scan.table
            tables.append(table)
            result.rows += scan.rows
            result.columns += [column.as_dict() for _, column in sorted(scan.columns.items())]
            result.tables.append({"name": table.name, "kind": table.kind, "header_row": table.layout.header_row,
                                  "confident": table.confident, "rows": scan.rows, "lines": scan.lines, "header": table.header,
                                  "more_stacked_than": MAX_TABLES if table.too_many_stacked else None})
    return result, tables
