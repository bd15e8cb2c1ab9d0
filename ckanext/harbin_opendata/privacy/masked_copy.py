"""The masked copy of a file, written row by row: every table of the original with its title rows,
its header, every column (unless the rule drops it) and its footers; cells masked by their
column's rule, and none can become a formula (common/cells). One text table stays a UTF-8 CSV;
workbooks, archives and JSON become an XLSX workbook with a sheet per table, its name masked (a
sheet named after a person becomes 表1). Only cell values are written: comments, page headers and
footers, shapes and charts of the original are not copied. A workbook's cells left as they were keep
their type (numbers, dates, booleans: a downloader's sums work) and its merged ranges stay merged
(the value once, in the range's top-left cell, masked as that cell's column says). A JSON file's
nested object keeps its keys, its values masked by the column's rule."""
from __future__ import annotations

import itertools
import json
import re
from typing import Any, Iterable, Iterator, Optional, Union

from ..common.cells import csv_writer, xlsx_append
from ..common.tabular import Limits, Table, sniff, tables_as_scanned
from ..common.tabular.footer import Footer, footer_label
from ..common.tabular.records import value_text
from ..common.tabular.placed_cells import cell_value, merge_origin, placed
from ..common.tabular.totals import total_label
from ..common.tabular.sniff import TEXT
from .masking import column_key, mask_cell, mask_found, mask_value
from .scan.detectors import find_all
from .scan.form_labels import form_name_cells
from .scan.header_names import PERSON_COLUMN, name_headers
from .scan.names import a_persons_name, names_a_person

__all__ = ["write_masked", "masked_rows"]

_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def masked_rows(table: Table, rules: dict[str, str], kinds: dict[int, list[str]]) -> Iterator[list[str]]:
    """Every row of the table with the rules applied: rows above the header and the header itself
    have personal data found in them masked (header cells that are people's names renamed); below it each cell follows its column's rule (a column
    without a rule gets "mask_found"), a footer line's label kept (审核人：李** where the column
    is masked: the label is no one's data)."""
    rows = table.all_rows()
    start = table.data_start if table.confident else 0
    for number, row in enumerate(itertools.islice(rows, start)):
        if number == table.layout.header_row:
            row = _person_columns_renamed(table, rules, row)
        names = form_name_cells(row)  # 姓名： | 王建国 above the header
        yield [_in_place(row[index], mask_cell(row[index]) if index in names else mask_found(row[index]))
               for index in _kept(table, rules, row)]
    footer = Footer()
    guessed = None if table.confident else table.layout.header_row  # read as data until confirmed
    body = footer.rows(rows) if table.confident and table.layout.header_row is not None else rows
    for number, row in enumerate(body, start=start):
        masked = _guessed_header_cell if number == guessed else _masked
        yield [_in_place(row[index], masked(row[index], _rule(table, rules, index), kinds.get(index, [])))
               for index in _kept(table, rules, row)]
    for row in footer.held:
        names = form_name_cells(row)
        yield [_in_place(row[index], mask_cell(row[index]) if index in names
                         else _masked_line(row[index], _rule(table, rules, index), kinds.get(index, [])))
               for index in _kept(table, rules, row)]


def _in_place(cell: str, masked: str) -> str:
    """The masked text, still in the cell's merged range (a masked text no longer carries the value
    the cell held: it is written as text)."""
    origin = merge_origin(cell)
    return masked if masked is cell or origin is None else placed(masked, origin=origin)


def _person_columns_renamed(table: Table, rules: dict[str, str], header: list[str]) -> list[str]:
    """The header with the cells that are people's names (a pivot by person, header_names.py) named
    人员1, 人员2, … (a column kept as it is by a reviewer's rule keeps its header)."""
    renamed = list(header)
    for number, index in enumerate(name_headers(table.header), start=1):
        if index < len(renamed) and _rule(table, rules, index) != "keep":
            renamed[index] = PERSON_COLUMN.format(number=number)
    return renamed


def _rule(table: Table, rules: dict[str, str], index: int) -> str:
    return rules.get(column_key(table.name, index), "mask_found")


def _kept(table: Table, rules: dict[str, str], row: list[str]) -> list[int]:
    return [index for index in range(len(row)) if _rule(table, rules, index) != "drop"]


def _masked(cell: str, rule: str, kinds: list[str]) -> str:
    if not cell.strip() or rule == "keep":
        return cell
    nested = _json_value(cell)
    if nested is not None:  # a JSON document's nested value: its keys stay, its values are masked
        return json.dumps(_masked_json(nested, rule, kinds), ensure_ascii=False)
    return _masked_text(cell, rule, kinds)


def _masked_text(cell: str, rule: str, kinds: list[str]) -> str:
    if rule == "mask":
        return mask_cell(cell)
    if "person_name" in kinds and a_persons_name(cell):  # a person beside firms in a party's column
        return mask_value("person_name", cell)
    return mask_found(cell, flagged=bool(kinds))


def _json_value(cell: str) -> Optional[Union[dict, list]]:
    """The object or array a cell holds as JSON text (a JSON file's nested value), else None."""
    text = cell.strip()
    if not (text.startswith("{") and text.endswith("}") or text.startswith("[") and text.endswith("]")):
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, (dict, list)) else None


def _masked_json(value: Any, rule: str, kinds: list[str]) -> Any:
    """The nested value with every scalar masked by the column's rule; a key kept unless it names a
    person or holds personal data ({"王建国": …} as a sheet's name would be)."""
    if isinstance(value, dict):
        return {_masked_key(str(key)): _masked_json(item, rule, kinds) for key, item in value.items()}
    if isinstance(value, list):
        return [_masked_json(item, rule, kinds) for item in value]
    if value is None or isinstance(value, bool):
        return value
    text = value_text(value)
    masked = _masked_text(text, rule, kinds) if text.strip() else text
    return value if masked == text else masked


def _masked_key(key: str) -> str:
    return mask_cell(key) if a_persons_name(key) or names_a_person(key) else mask_found(key)


def _guessed_header_cell(cell: str, rule: str, kinds: list[str]) -> str:
    """A cell of the row the reader took for the header without being sure (摊位号 | 摊主 | 经营品种
    above names): a column's name is kept (摊主, not 摊*), but what is shaped as a person's name is
    masked whole, and any personal data found in it — the row may be data after all."""
    if not cell.strip() or rule == "keep":
        return cell
    if a_persons_name(cell) or names_a_person(cell):
        return mask_cell(cell)
    return mask_found(cell, flagged=bool(kinds))


def _masked_line(cell: str, rule: str, kinds: list[str]) -> str:
    """A footer line's cell: under "mask", what follows its label masked (the label kept as written:
    审核人：, 合计, 其中：)."""
    label = (footer_label(cell) or total_label(cell)) if rule == "mask" else None
    if label is None:
        return _masked(cell, rule, kinds)
    return label + _masked(cell[len(label):], rule, kinds)


def _column_kinds(columns: list[dict], table: str) -> dict[int, list[str]]:
    """The kinds found in each column ("mask_found" also hides unrecognised long numbers where there are any)."""
    return {column["column"]: column.get("whole_kinds") or column["kinds"] for column in columns
            if column["sheet"] == table}


def _write_csv(target: str, tables: Iterable[Table], rules: dict[str, str], columns: list[dict]) -> None:
    with open(target, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv_writer(out, lineterminator="\r\n")  # no cell becomes a formula
        for table in tables:
            writer.writerows(masked_rows(table, rules, _column_kinds(columns, table.name)))


def _masked_name(name: str, number: int) -> str:
    """A sheet's name with the personal data in it masked; a name that is a person's becomes 表<n>."""
    if names_a_person(name):
        return f"表{number}"
    found = list(find_all(name))
    if len(found) == 1 and found[0].value == name.strip():  # a whole card number too
        return mask_value(found[0].kind, name)
    return mask_found(name)


def _sheet_title(name: str, used: set[str]) -> str:
    title = _SHEET_NAME.sub("_", _masked_name(name, len(used) + 1))[:31] or "Sheet"
    candidate, number = title, 1
    while candidate in used:
        number += 1
        candidate = f"{title[:28]}_{number}"
    used.add(candidate)
    return candidate


class _Sheet:
    """A sheet of the copy: its rows written in order, the merged ranges of the original gathered
    where their cells land (a dropped column or row narrows a range)."""

    def __init__(self, sheet: Any) -> None:
        self.sheet, self.written = sheet, 0
        self.ranges: dict[tuple[int, int], list[int]] = {}  # origin → [top, left, bottom, right] in the copy

    def append(self, row: list[str]) -> None:
        self.written += 1
        values = [self._value(text, self.written, column) for column, text in enumerate(row, start=1)]
        xlsx_append(self.sheet, values)  # formula-like text stays text

    def _value(self, text: str, row: int, column: int) -> Any:
        origin = merge_origin(text)
        if origin is None:
            return cell_value(text)
        if origin not in self.ranges:  # the range's first cell in the copy holds its value
            self.ranges[origin] = [row, column, row, column]
            return cell_value(text)
        bounds = self.ranges[origin]
        bounds[2], bounds[3] = max(bounds[2], row), max(bounds[3], column)
        return None

    def merge(self) -> None:
        from openpyxl.worksheet.cell_range import CellRange

        for top, left, bottom, right in self.ranges.values():
            if (bottom, right) != (top, left):
                self.sheet.merged_cells.add(CellRange(min_col=left, min_row=top, max_col=right, max_row=bottom))


def _write_xlsx(target: str, tables: Iterable[Table], rules: dict[str, str], columns: list[dict]) -> None:
    import openpyxl

    workbook, used, sheets = openpyxl.Workbook(write_only=True), set(), {}
    for table in tables:
        part = table.sheet if table.sheet is not None else table.name  # stacked tables share their sheet
        if part not in sheets:
            sheets[part] = _Sheet(workbook.create_sheet(_sheet_title(part, used)))
        for row in masked_rows(table, rules, _column_kinds(columns, table.name)):
            sheets[part].append(row)
    for sheet in sheets.values():
        sheet.merge()
    workbook.save(target)


def write_masked(source: str, limits: Limits, target: str, rules: dict[str, str], columns: list[dict],
                 confirmed: dict[str, int]) -> str:
    """Write the masked copy of `source` to `target`; returns its format ("CSV" or "XLSX")."""
    scanned = {column["sheet"] for column in columns}
    tables = tables_as_scanned(source, limits, confirmed, scanned, placed_cells=True)  # read while written, split as the scan did
    if sniff(source) == TEXT:
        _write_csv(target, tables, rules, columns)
        return "CSV"
    _write_xlsx(target, tables, rules, columns)
    return "XLSX"
