"""Tables of a file, whatever the agency sent: each sheet of a workbook, each member of an archive,
the records of a JSON document, or the one table of a text file, with its layout found."""
from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterable, Iterator, Mapping, Optional

from .archive import archive_members
from .errors import TableError
from .footer import Footer
from .layout import SAMPLE_ROWS, Layout, find_layout
from .records import json_table
from .sniff import JSON, TEXT, WORKBOOKS, ZIP, sniff
from .row_kinds import KeptColumns
from .stacked import ranges, table_starts
from .text import TextFormat, text_format, text_rows
from .workbook import Limits, workbook_sheets

__all__ = ["Table", "open_tables", "tables_as_scanned", "split_stacked", "stacked_name"]

RowSource = Callable[[], Iterator[list[str]]]


@dataclass
class Table:
    """One table. `all_rows()` gives every row from the top (title rows, header, data, footers);
    `rows()` the data below the header, without the footer under it (footer.py; every row when
    there is no header). Rows keep every cell, also
    beyond the header's width."""
    name: str
    kind: str
    source: RowSource
    confirmed_header: Optional[int] = None
    text: Optional[TextFormat] = None  # delimited text: its encoding and delimiter
    path: Optional[str] = None
    known_layout: Optional[Layout] = field(default=None, repr=False)
    sheet: Optional[str] = None  # the sheet (or file part) a stacked table was found in; None: its own
    stacks_unchecked: bool = False  # a text table too large to be searched for stacked tables here
    too_many_stacked: bool = False  # a sheet of more than stacked.MAX_TABLES tables, read as one
    kept: Optional[KeptColumns] = field(default=None, repr=False)  # its rows as the stacked-table search read them

    @cached_property
    def sample(self) -> list[list[str]]:
        return list(itertools.islice(self.source(), SAMPLE_ROWS))

    @cached_property
    def layout(self) -> Layout:
        return self.known_layout or find_layout(self.sample, self.confirmed_header)

    @property
    def confident(self) -> bool:
        return self.layout.confident

    @cached_property
    def header(self) -> list[str]:
        """Column names, as wide as the widest sampled row ("" for a column without a name)."""
        index = self.layout.header_row
        names = [cell.strip() for cell in self.sample[index]] if index is not None and index < len(self.sample) else []
        return (names + [""] * self.layout.width)[:max(self.layout.width, len(names))]

    @property
    def title_rows(self) -> list[list[str]]:
        return self.sample[:self.layout.header_row or 0]

    @property
    def data_start(self) -> int:
        """Index of the first row below the header."""
        return 0 if self.layout.header_row is None else self.layout.header_row + 1

    def all_rows(self) -> Iterator[list[str]]:
        return self.source()

    def rows(self) -> Iterator[list[str]]:
        below = itertools.islice(self.source(), self.data_start, None)
        return below if self.layout.header_row is None else Footer().rows(below)


# Text tables up to this size are read once more to find tables stacked in them; larger ones (machine
# exports) are checked while scanned (privacy/scan/stacking.py).
_STACK_SEARCH_BYTES = 16 << 20


def _slice(source: RowSource, begin: int, end: Optional[int]) -> RowSource:
    return lambda: itertools.islice(source(), begin, end)


def _starts(table: Table, keep_columns: bool) -> Optional[list[int]]:
    """Where the stacked tables of `table` start (see stacked.py); a text table that turns out not to
    be in the encoding its first part suggested is read again as GB18030. With `keep_columns`, a
    sheet found to hold one table keeps the columns the search read (Table.kept: the scan reads them
    instead of the sheet's rows again; text is read by Arrow's reader, faster than kept columns)."""
    first = table.confirmed_header if table.confirmed_header is not None else find_layout(table.sample).header_row
    if first is None or first < 0:
        return [0]
    kept = KeptColumns() if keep_columns and table.text is None else None
    try:
        if kept is None:
            return table_starts(table.all_rows(), first)
        starts = table_starts(table.all_rows(), first, kept=kept)
        if starts == [0] and kept.batches is not None:
            table.kept = kept
        return starts
    except TableError as error:
        if error.params.get("kind") != "encoding" or table.text is None or table.text.encoding == "gb18030":
            raise
        form, path = TextFormat("gb18030", table.text.delimiter), table.path
        table.text, table.source = form, lambda: text_rows(path, form)
        return table_starts(table.all_rows(), first)


def stacked_name(sheet: str, number: int) -> str:
    """The name of the `number`th table stacked in a sheet ("<sheet>·表2"; "表2" in a text file)."""
    return sheet if number == 1 else (f"{sheet}·表{number}" if sheet else f"表{number}")


def _one_table(table: Table) -> Table:
    """A sheet whose stacked tables cannot be told apart (stacked.MAX_TABLES), read as one table: under
    the header row a person confirmed for it (their word stands: every row below is data, judged
    under that header and by content), or, unconfirmed, with every row as data and not confident."""
    confirmed = table.confirmed_header
    layout = find_layout(table.sample, confirmed)
    if confirmed is None:
        layout = Layout(None, layout.width, False)
    return Table(table.name, table.kind, table.source, confirmed, table.text, table.path, known_layout=layout,
                 too_many_stacked=True)


def split_stacked(table: Table, confirmed: Mapping[str, int], any_size: bool = False,
                  keep_columns: bool = False) -> Iterator[Table]:
    """The tables stacked in `table`, each with its own header (named by stacked_name). A text
    table over _STACK_SEARCH_BYTES is searched only with `any_size`; else it is marked
    stacks_unchecked and given whole. `keep_columns`: see _starts."""
    if table.known_layout is not None:
        yield table
        return
    if not any_size and table.path is not None and os.path.getsize(table.path) > _STACK_SEARCH_BYTES:
        table.stacks_unchecked = True
        yield table
        return
    table.stacks_unchecked = False  # searched now: what the search finds is the answer
    starts = _starts(table, keep_columns)
    if starts is None:  # too many to tell apart: one table, under the header a person confirmed, else
        yield _one_table(table)  # every row is data and a person must look
        return
    if len(starts) == 1:
        yield table
        return
    for number, (begin, end) in enumerate(ranges(starts), 1):
        name = stacked_name(table.name, number)
        yield Table(name, table.kind, _slice(table.source, begin, end), confirmed.get(name), sheet=table.name)


def _json_tables(path: str, limits: Limits, confirmed: Mapping[str, int]) -> Iterator[Table]:
    if os.path.getsize(path) > limits.max_unpacked_bytes:
        raise TableError("unpacked_too_large", limit=limits.max_unpacked_bytes)
    try:
        header, rows = json_table(path)
    except TableError:  # JSON Lines and other text: read as lines of text
        yield from _text_tables(path, confirmed)
        return
    if header is None:
        yield Table("", JSON, lambda: iter(rows), confirmed.get(""))
        return
    every = [header, *rows]
    yield Table("", JSON, lambda: iter(every), known_layout=Layout(0, len(header), True))


def _text_tables(path: str, confirmed: Mapping[str, int]) -> Iterator[Table]:
    form = text_format(path)
    yield Table("", TEXT, lambda: text_rows(path, form), confirmed.get(""), form, path)


def _archive_tables(path: str, limits: Limits, confirmed: Mapping[str, int], placed_cells: bool) -> Iterator[Table]:
    with archive_members(path, limits) as members:
        for member, member_path in members:
            if sniff(member_path) == ZIP:
                raise TableError("nested_archive")
            inner = {name.partition("/")[2]: row for name, row in confirmed.items() if name.split("/")[0] == member}
            for table in open_tables(member_path, limits, inner, placed_cells=placed_cells):
                table.name = f"{member}/{table.name}" if table.name else member
                yield table


def open_tables(path: str, limits: Limits, confirmed: Optional[Mapping[str, int]] = None,
                stacked: bool = False, keep_columns: bool = False, placed_cells: bool = False) -> Iterator[Table]:
    """Every table of the file at `path`. `confirmed` maps a table's name to the header row a
    person confirmed (-1: no header). With `stacked`, tables stacked in one sheet are tables of their
    own (split_stacked; `keep_columns`: see _starts). `placed_cells`: workbook cells also carry their
    values and merged ranges (placed_cells.py). Raises TableError when the file is not (safely) tabular."""
    confirmed = confirmed or {}
    if stacked:
        for table in open_tables(path, limits, confirmed, placed_cells=placed_cells):
            yield from split_stacked(table, confirmed, keep_columns=keep_columns)
        return
    kind = sniff(path)
    if kind == TEXT:
        yield from _text_tables(path, confirmed)
    elif kind == JSON:
        yield from _json_tables(path, limits, confirmed)
    elif kind == ZIP:
        yield from _archive_tables(path, limits, confirmed, placed_cells)
    elif kind in WORKBOOKS:
        for name, rows in workbook_sheets(path, kind, limits, placed_cells):
            yield Table(name, kind, rows, confirmed.get(name))


def tables_as_scanned(path: str, limits: Limits, confirmed: Optional[Mapping[str, int]] = None,
                      scanned: Optional[Iterable[str]] = None, placed_cells: bool = False) -> Iterator[Table]:
    """The tables of the file as the personal-data scan reads them, for every reader that shows or
    loads what the scan judged (masked copy, preview, DataStore, drafted data items): tables stacked
    in one sheet each under its own header, a sheet of too many under the header a person confirmed.
    `scanned`: the names of the tables a finished scan recorded — a large text table that scan split
    while reading it (privacy/scan/stacking.py) is split the same way. `placed_cells`: see open_tables."""
    names = set(scanned or ())
    for table in open_tables(path, limits, confirmed, stacked=True, placed_cells=placed_cells):
        if table.stacks_unchecked and stacked_name(table.name, 2) in names:
            yield from split_stacked(table, confirmed or {}, any_size=True)
        else:
            yield table
