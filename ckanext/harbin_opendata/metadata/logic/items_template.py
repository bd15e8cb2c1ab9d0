"""The data items (数据项) as an Excel template: download it (columns 数据项名称, 类型, 单位, 说明, 示例;
类型 offered as a list of the catalog's item types), fill it in Excel, import it into the entry form
(harbin_metadata_import_items, read by the suite's tabular reader: XLSX, XLS, ODS or CSV, title rows
above the header allowed). A row with a bad type or no name is refused with its row number; nothing
is imported then. Imported items are merged with the form's as drafted ones are (nothing overwritten)."""
from __future__ import annotations

import io
import itertools
from typing import Any, Optional

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ...common.actions import validated
from ...common.cells import xlsx_append
from ...common.file_messages import file_message
from ...common.tabular import Limits, TableError, open_tables
from ...common.vocabulary import ITEM_TYPES
from . import item_schema
from .drafting import merged_items, upload_path

__all__ = ["template_workbook", "harbin_metadata_import_items", "HEADERS"]

HEADERS = ("数据项名称", "类型", "单位", "说明", "示例")
_FIELDS = ("name", "type", "unit", "description", "example")
_ENGLISH = ("name", "type", "unit", "description", "example")
_HEADER_SEARCH_ROWS = 20
_MAX_BYTES = 5 * 1024 * 1024


def template_workbook() -> bytes:
    """The XLSX template: the header, a drop-down of the types (Chinese labels), a sheet of the types."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "数据项"
    xlsx_append(sheet, HEADERS)
    for column, width in zip("ABCDE", (24, 14, 10, 40, 24)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    choice = DataValidation(type="list", formula1=f"='类型'!$A$2:$A${len(ITEM_TYPES) + 1}", allow_blank=True,
                            showErrorMessage=True, errorTitle="类型", error="请从列表中选择类型。")
    sheet.add_data_validation(choice)
    choice.add(f"B2:B{item_schema.MAX_ITEMS + 1}")
    types = book.create_sheet("类型")
    xlsx_append(types, ["类型", "代码", "English"])
    for term in ITEM_TYPES:
        xlsx_append(types, [term.zh, term.value, term.en])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _type(value: str) -> Optional[str]:
    text = value.strip().casefold()
    return next((term.value for term in ITEM_TYPES if text in (term.value, term.zh.casefold(), term.en.casefold())), None)


def _header(cells: list[str]) -> Optional[dict[str, int]]:
    """Column of each field when the row is the template's header (Chinese or English words)."""
    words = [cell.strip().lstrip("*＊").strip().casefold() for cell in cells]
    found = {field: words.index(word.casefold()) for field, names in zip(_FIELDS, zip(HEADERS, _ENGLISH))
             for word in names if word.casefold() in words}
    return found if "name" in found and "type" in found else None


def _rows(path: str) -> tuple[list[tuple[int, list[str]]], dict[str, int]]:
    """(the rows under the template's header with their spreadsheet row numbers, the header's columns)."""
    for table in open_tables(path, Limits(max_unpacked_bytes=_MAX_BYTES * 20)):
        rows = list(enumerate(table.all_rows(), start=1))
        for number, cells in rows[:_HEADER_SEARCH_ROWS]:
            columns = _header(cells)
            if columns:
                return [(n, c) for n, c in rows if n > number], columns
    raise tk.ValidationError({"upload": [tk._(
        "The file has no header row with the template's columns 数据项名称 and 类型: download the template and "
        "fill it in.")]})


def _items(rows: list[tuple[int, list[str]]], columns: dict[str, int]) -> list[dict[str, str]]:
    items, errors = [], []
    names = ", ".join(term.zh for term in ITEM_TYPES)
    for number, cells in itertools.islice(rows, item_schema.MAX_ITEMS + 1):
        item = {field: (cells[index] if index < len(cells) else "").strip() for field, index in columns.items()}
        if not any(item.values()):
            continue
        if not item.get("name"):
            errors.append(tk._("Row {row}: the data item has no name.").format(row=number))
        given = item.get("type", "")
        item["type"] = _type(given) or ""
        if not item["type"]:
            errors.append(tk._("Row {row}: “{type}” is not a type; choose one of: {types}.").format(
                row=number, type=given, types=names) if given else
                tk._("Row {row}: the type is missing; choose one of: {types}.").format(row=number, types=names))
        items.append({field: item.get(field, "") for field in _FIELDS})
    if len(items) > item_schema.MAX_ITEMS:
        errors.append(tk._("The template lists more than {count} data items.").format(count=item_schema.MAX_ITEMS))
    if errors:
        raise tk.ValidationError({"upload": errors})
    if not items:
        raise tk.ValidationError({"upload": [tk._("The template lists no data items.")]})
    return items


def harbin_metadata_import_items(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Data items from a filled template, merged with the items the form lists (nothing is saved).

    :param upload: the filled template (XLSX, XLS, ODS or CSV)
    :param id: id or name of the entry (optional: an entry not created yet)
    :param items: the items the form lists now
    :returns: {"items", "added", "completed", "source", "without_example": []}
    """
    tk.check_access("harbin_metadata_import_items", context, data_dict)
    current = item_schema.checked_items(data_dict.get("items"))
    data = validated(context, {key: value for key, value in data_dict.items() if key != "items"},
                     item_schema.import_schema)
    with upload_path(data["upload"], _MAX_BYTES) as path:
        try:
            imported = _items(*_rows(path))
        except TableError as error:
            raise tk.ValidationError({"upload": [file_message(error.stored())]}) from error
    items, added, completed = merged_items(current, imported)
    return {"items": items, "added": added, "completed": completed, "source": data["upload"].filename,
            "without_example": []}
