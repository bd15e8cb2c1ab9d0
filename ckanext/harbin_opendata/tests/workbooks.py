"""Workbooks as agencies make them, for the tests that read them (data, harvest)."""
from __future__ import annotations

import io
from typing import Any, Sequence

__all__ = ["titled_sheet", "workbook_bytes"]


def titled_sheet(sheet_name: str, title: str, header: Sequence[str]) -> tuple[Any, Any]:
    """A new workbook (openpyxl) and its sheet: a title row merged across the header's columns, then
    the header."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_name
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(list(header))
    return workbook, sheet


def workbook_bytes(workbook: Any) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
