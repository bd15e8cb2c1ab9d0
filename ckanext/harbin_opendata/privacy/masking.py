"""Masking (脱敏): a copy of a table with the personal data of chosen columns masked
(230102********1234, 138****5678, 张*), dropped, or kept, written row by row."""
from __future__ import annotations

import csv
from typing import Any, Iterator

from .columns import NAME_HEADERS, PERSON_NAME, mask
from .detectors import find_all
from .tables import sheets

__all__ = ["RULES", "mask_cell", "masked_rows", "write_masked", "column_key", "default_rules"]

RULES = ("mask", "drop", "keep")


def column_key(sheet: str, index: int) -> str:
    """How a column is named in masking rules: "<sheet>:<index>" ("" sheet for CSV)."""
    return f"{sheet}:{index}"


def default_rules(columns: list[dict[str, Any]]) -> dict[str, str]:
    """Mask every column with personal data; others are copied unchanged."""
    return {column_key(column["sheet"], column["column"]): "mask" for column in columns if column["kinds"]}


def mask_cell(cell: str, name_column: bool) -> str:
    """The cell with each piece of personal data in it masked."""
    if name_column and PERSON_NAME.match(cell.strip()):
        return mask("person_name", cell)
    pieces, position = [], 0
    for finding in find_all(cell):
        pieces += [cell[position:finding.start], mask(finding.kind, finding.value)]
        position = finding.end
    return "".join(pieces) + cell[position:] if pieces else cell


def masked_rows(sheet: str, header: list[str], rows: Iterator[list[str]],
                rules: dict[str, str]) -> Iterator[list[str]]:
    """The header and rows with the rules applied (dropped columns left out)."""
    rule = [rules.get(column_key(sheet, index), "keep") for index in range(len(header))]
    names = [bool(NAME_HEADERS.search(name or "")) for name in header]
    kept = [index for index, action in enumerate(rule) if action != "drop"]
    yield [header[index] for index in kept]
    for row in rows:
        row = row + [""] * (len(header) - len(row))
        yield [mask_cell(row[index], names[index]) if rule[index] == "mask" and row[index] else row[index]
               for index in kept]


def _write_csv(path: str, source: str, declared: str, rules: dict[str, str]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        for sheet in sheets(source, declared):
            writer.writerows(masked_rows(sheet.name, sheet.header, sheet.rows, rules))


def _write_xlsx(path: str, source: str, declared: str, rules: dict[str, str]) -> None:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    for sheet in sheets(source, declared):
        worksheet = workbook.create_sheet(sheet.name)
        for row in masked_rows(sheet.name, sheet.header, sheet.rows, rules):
            worksheet.append(row)
    workbook.save(path)


def write_masked(source: str, declared: str, target: str, rules: dict[str, str]) -> str:
    """Write the masked copy of `source` to `target`; returns its format ("CSV" or "XLSX"):
    a workbook stays a workbook (all sheets), anything else becomes UTF-8 CSV."""
    with open(source, "rb") as probe:
        workbook = probe.read(4) == b"PK\x03\x04"
    (_write_xlsx if workbook else _write_csv)(target, source, declared, rules)
    return "XLSX" if workbook else "CSV"
