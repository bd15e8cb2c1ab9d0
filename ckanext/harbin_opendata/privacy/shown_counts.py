"""What the owner's page shows of a column's findings: the cells of the data rows apart from those of
the title rows, the header and the footer lines (制表人：王某某). Both are scanned; a name in a footer
is not a name in the column's data, and a cell holding a kind counts once."""
from __future__ import annotations

from typing import Any

__all__ = ["data_cells", "data_found"]


def data_cells(column: dict[str, Any]) -> int:
    """The column's cells with a value in the data rows (a scan before line_cells counted its lines in)."""
    return column["cells"] - column.get("line_cells", 0)


def data_found(column: dict[str, Any]) -> dict[str, int]:
    """Per kind: the data rows' cells holding it, never more than the cells with a value."""
    cells, lines = data_cells(column), column.get("line_found") or {}
    return {kind: max(0, min(cells, column["counts"].get(kind, 0) + column["embedded"].get(kind, 0) - lines.get(kind, 0)))
            for kind in column["kinds"]}
