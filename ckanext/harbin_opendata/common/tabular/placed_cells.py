"""Workbook cells read for a copy that writes them back (the masked copy): each cell's text is what
every reader gets, and the text also carries what the text alone loses — the value the cell holds
(a number, a date, a boolean: an amount 1250.5 is summed by a downloader, the text '1250.5' is not)
and, for a cell of a merged range, the range's top-left cell (the copy keeps the range merged
rather than repeating its value in every cell). Only the copy asks for them (open_tables'
`placed`): the scan, the preview and the DataStore read plain text, at plain text's cost."""
from __future__ import annotations

from typing import Any, Optional

__all__ = ["PlacedText", "placed", "cell_value", "merge_origin"]


class PlacedText(str):
    """A cell's text with the cell's own value and its merged range's top-left cell (row, column)."""
    value: Any = None
    origin: Optional[tuple[int, int]] = None


def placed(text: str, value: Any = None, origin: Optional[tuple[int, int]] = None) -> str:
    """The text carrying `value` (None: text only) and `origin` (None: not merged)."""
    if value is None and origin is None:
        return text
    cell = PlacedText(text)
    cell.value, cell.origin = value, origin
    return cell


def cell_value(text: str) -> Any:
    """The value to write for a cell: the one it held when its text came unchanged from the reader,
    else the text."""
    value = getattr(text, "value", None)
    return text if value is None else value


def merge_origin(text: str) -> Optional[tuple[int, int]]:
    return getattr(text, "origin", None)
