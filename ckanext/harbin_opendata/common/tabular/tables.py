"""Tables of a file, whatever the agency sent: each sheet of a workbook, each member of an archive,
the records of a JSON document, or the one table of a text file, with its layout found."""
from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterator, Mapping, Optional

from .archive import archive_members
from .errors import TableError
from .layout import SAMPLE_ROWS, Layout, find_layout
from .records import json_table
from .sniff import JSON, TEXT, WORKBOOKS, ZIP, sniff
from .text import TextFormat, text_format, text_rows
from .workbook import Limits, workbook_sheets

__all__ = ["Table", "open_tables"]

RowSource = Callable[[], Iterator[list[str]]]


@dataclass
class Table:
    """One table. `all_rows()` gives every row from the top (title rows, header, data, footers);
    `rows()` the rows below the header (every row when there is none). Rows keep every cell, also
    beyond the header's width."""
    name: str
    kind: str
    source: RowSource
    confirmed_header: Optional[int] = None
    text: Optional[TextFormat] = None  # delimited text: its encoding and delimiter
    path: Optional[str] = None
    known_layout: Optional[Layout] = field(default=None, repr=False)

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
        return itertools.islice(self.source(), self.data_start, None)


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


def _archive_tables(path: str, limits: Limits, confirmed: Mapping[str, int]) -> Iterator[Table]:
    with archive_members(path, limits) as members:
        for member, member_path in members:
            if sniff(member_path) == ZIP:
                raise TableError("nested_archive")
            inner = {name.partition("/")[2]: row for name, row in confirmed.items() if name.split("/")[0] == member}
            for table in open_tables(member_path, limits, inner):
                table.name = f"{member}/{table.name}" if table.name else member
                yield table


def open_tables(path: str, limits: Limits, confirmed: Optional[Mapping[str, int]] = None) -> Iterator[Table]:
    """Every table of the file at `path`. `confirmed` maps a table's name to the header row a
    person confirmed (-1: no header). Raises TableError when the file is not (safely) tabular."""
    confirmed = confirmed or {}
    kind = sniff(path)
    if kind == TEXT:
        yield from _text_tables(path, confirmed)
    elif kind == JSON:
        yield from _json_tables(path, limits, confirmed)
    elif kind == ZIP:
        yield from _archive_tables(path, limits, confirmed)
    elif kind in WORKBOOKS:
        for name, rows in workbook_sheets(path, kind, limits):
            yield Table(name, kind, rows, confirmed.get(name))
