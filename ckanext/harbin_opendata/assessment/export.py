"""The agencies' scores of a snapshot as a table: CSV (UTF-8 with BOM, for spreadsheet programs) and XLSX,
every cell neutralised (common/cells.py: titles such as =HYPERLINK(…) stay text)."""
from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from ..common.cells import csv_writer, xlsx_append
from .indicator_model import AssessmentModel
from .labels import label

__all__ = ["table", "problem_table", "to_csv", "to_xlsx", "FIGURES"]

FIGURES = ["entries", "views", "downloads", "api_calls", "requests", "applications", "applications_handled",
           "applications_on_time", "applications_refused", "grants", "tables_checked", "tables_consistent", "late_entries",
           "entries_without_data"]


def table(assessment: AssessmentModel, agencies: list[dict[str, Any]], lang: str, labels: dict[str, str]
          ) -> tuple[list[str], list[list[Any]]]:
    """(header, rows): rank, agency, total, layer scores, indicator scores, figures."""
    header = [labels["rank"], labels["agency"], labels["code"], labels["score"]]
    header += [layer.label_for(lang) for layer in assessment.layers]
    header += [indicator.label_for(lang) for indicator in assessment.indicators]
    header += [label(key) for key in FIGURES]
    rows = []
    for agency in agencies:
        rows.append([agency["rank"], agency["title"], agency["name"], agency["score"]]
                    + [agency["layers"].get(layer.key) for layer in assessment.layers]
                    + [agency["scores"].get(indicator.key) for indicator in assessment.indicators]
                    + [agency["figures"].get(key, 0) for key in FIGURES])
    return header, rows


def problem_table(agencies: list[dict[str, Any]], labels: dict[str, str], site_url: str
                  ) -> tuple[list[str], list[list[Any]]]:
    """(header, rows): one row per agency, problem and entry concerned, for sending to the agencies."""
    header = [labels["agency"], labels["problem"], labels["count"], labels["entry"], labels["address"], labels["due"]]
    rows = []
    for agency in agencies:
        for problem in agency["problems"]:
            for entry in problem["entries"] or [{}]:
                rows.append([agency["title"], label(problem["key"]), problem["count"], entry.get("title"),
                             f"{site_url}/dataset/{entry['name']}" if entry else None, entry.get("due_date")])
    return header, rows


def to_csv(header: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(header: list[str], rows: list[list[Any]], sheet_title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]  # Excel's limit
    xlsx_append(sheet, header)
    for row in rows:
        xlsx_append(sheet, row)
    sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
