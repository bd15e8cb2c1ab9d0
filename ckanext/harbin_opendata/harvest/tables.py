"""Reading catalog lists (目录清单) as agencies keep them: XLSX, XLS, ODS or CSV/TSV in any encoding,
with title rows, merged cells and blank rows. The file is read by the suite's tabular reader
(common/tabular); what is harvest's own is the catalog header: the row that names a title column
(资源名称 or a column the source config maps), and the columns it maps to record fields."""
from __future__ import annotations

import codecs
import re
from typing import Any, Iterator, Optional

import ckan.plugins.toolkit as tk

from ..common.file_messages import file_message
from ..common.tabular import Limits, Table, TableError, open_tables
from ..common.tabular.text import text_rows
from .download import SourceError

__all__ = ["DEFAULT_COLUMNS", "header_map", "catalog_rows", "catalog_sheet", "records", "normalize", "SOURCE_ROW"]

SOURCE_ROW = "source_row"  # record key: where a spreadsheet record is (sheet and row), for reports

# Header → record field, for the column names agencies use (after normalize()).
DEFAULT_COLUMNS: dict[str, str] = {
    "资源名称": "title", "数据资源名称": "title", "信息资源名称": "title", "目录名称": "title", "数据集名称": "title",
    "英文名称": "title_en", "资源英文名称": "title_en",
    "资源代码": "resource_code", "信息资源代码": "resource_code", "目录代码": "resource_code", "资源编码": "resource_code",
    "资源摘要": "notes", "数据摘要": "notes", "信息资源摘要": "notes", "摘要": "notes", "资源描述": "notes",
    "数据领域": "data_domain", "所属领域": "data_domain", "领域": "data_domain", "主题分类": "data_domain",
    "更新周期": "update_frequency", "更新频率": "update_frequency",
    "数据格式": "data_formats", "资源格式": "data_formats", "信息资源格式": "data_formats", "格式": "data_formats",
    "数据项": "data_items", "信息项": "data_items", "数据项名称": "data_items",
    "下载地址": "download_url", "数据地址": "download_url", "访问地址": "download_url", "链接": "download_url",
    "提供单位": "agency", "资源提供方": "agency", "数据提供单位": "agency", "提供部门": "agency", "来源部门": "agency",
    "统一社会信用代码": "credit_code", "提供单位统一社会信用代码": "credit_code",
    "开放类型": "open_type", "开放属性": "open_type", "开放方式": "open_type",
    "开放条件": "open_conditions",
    "更新日期": "last_updated", "最近更新日期": "last_updated", "最后更新日期": "last_updated",
    "发布日期": "publish_date", "空间范围": "spatial_coverage",
    "联系人": "contact_name", "联系电话": "contact_phone", "联系邮箱": "contact_email", "电子邮箱": "contact_email",
    "关键词": "tags", "关键字": "tags", "脱敏状态": "desensitization_status", "关联资源代码": "related_codes",
}
_HEADER_SCAN_ROWS = 10
# How notes under a catalog table begin: 注：, 说明, 备注, 填表说明, 制表人：, 审核人：, 数据来源：, *, ※, or
# any short "key：" (联系人：… is no catalog record either: a record has its title in its own column).
_NOTE = re.compile(r"^\s*(注|说明|备注|填表|制表|审核|[*＊※]|[^：:]{1,14}[：:])")


def normalize(header: Any) -> str:
    """资源名称*, 资源名称（必填）and ' 资源 名称 ' all become 资源名称."""
    text = re.sub(r"[\s\u3000*＊]", "", str(header or ""))
    return re.sub(r"[（(].*?[)）]$", "", text)


def header_map(header: list[Any], columns: Optional[dict[str, str]]) -> dict[int, str]:
    """Column index → record field, from the source config's `columns` (field → header name)
    first, then the usual Chinese names of the fields it does not map (a field mapped to a header
    the file does not have is read from no column)."""
    known = {name: field for name, field in DEFAULT_COLUMNS.items() if field not in (columns or {})}
    known.update({normalize(name): field for field, name in (columns or {}).items()})
    mapped: dict[int, str] = {}
    for index, name in enumerate(header):
        field = known.get(normalize(name))
        if field and field not in mapped.values():
            mapped[index] = field
    return mapped


def _table(path: str, limits: Limits, sheet: Optional[str]) -> Table:
    try:
        found = list(open_tables(path, limits))
    except TableError as error:
        raise SourceError(file_message(error.stored()))
    names = [table.name for table in found]
    if sheet is not None and sheet not in names:
        raise SourceError(tk._("The workbook has no sheet “{sheet}” (sheets: {sheets}).").format(
            sheet=sheet, sheets=", ".join(names)))
    if not found:
        raise SourceError(file_message("unreadable"))
    return found[names.index(sheet)] if sheet is not None else found[0]


def _strictly(rows: Iterator[list[str]], encoding: str) -> Iterator[list[str]]:
    try:
        yield from rows
    except TableError as error:
        raise SourceError(tk._("The file is not in the encoding {encoding}: {error}").format(
            encoding=encoding, error=error.__cause__ or error))


def catalog_rows(path: str, limits: Limits, sheet: Optional[str] = None,
                 encoding: Optional[str] = None) -> Iterator[list[str]]:
    """Every row of the catalog file (its first table, or the named sheet); a text file in the
    encoding the source config names, applied strictly, else the detected one."""
    return catalog_sheet(path, limits, sheet, encoding)[1]


def catalog_sheet(path: str, limits: Limits, sheet: Optional[str] = None,
                  encoding: Optional[str] = None) -> tuple[Optional[str], Iterator[list[str]]]:
    """(the sheet's name, None for a text file; its rows) as catalog_rows reads them."""
    table = _table(path, limits, sheet)
    name = table.name if table.text is None else None
    if encoding is None or table.text is None:
        return name, _read(table.all_rows())
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise SourceError(tk._("Unknown encoding “{encoding}”.").format(encoding=encoding))
    return name, _strictly(text_rows(path, table.text._replace(encoding=encoding)), encoding)


def _read(rows: Iterator[list[str]]) -> Iterator[list[str]]:
    try:
        yield from rows
    except TableError as error:
        raise SourceError(file_message(error.stored()))


def _blank(row: list[Any]) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in row)


def _note(row: list[Any], mapping: dict[int, str]) -> bool:
    """A note under the table (注：本表由…汇总, 填表说明：1.…, 制表人：张三): one text, alone or merged
    across the row, that is no title of its own and reads as a note. A record with nothing but its
    title is a record: its text is in the title column alone."""
    filled = [str(cell).strip() for cell in row if cell is not None and str(cell).strip()]
    if len(set(filled)) != 1:
        return False
    title = next((row[i] for i, field in mapping.items() if field == "title" and i < len(row)), None)
    merged = len(filled) == len(row) > 1  # the reader fills a merged cell into every cell it covers
    return (title in (None, "") or merged) and bool(_NOTE.match(filled[0]))


def _row_label(sheet: Optional[str], number: int) -> str:
    if sheet:
        return tk._("sheet “{sheet}”, row {row}").format(sheet=sheet, row=number)
    return tk._("row {row}").format(row=number)


def records(rows: Iterator[list[Any]], columns: Optional[dict[str, str]],
            sheet: Optional[str] = None, label_rows: bool = False) -> Iterator[dict[str, Any]]:
    """Records of a catalog table: the header is the first of the first rows that names a title
    column (rows above it, such as a merged title row, are skipped), blank rows are skipped, and
    so are note rows after the last record (a note row followed by a record is a record).
    `label_rows`: each record says where it is (SOURCE_ROW: sheet and row number)."""
    mapping: dict[int, str] = {}
    held_notes: list[dict[str, Any]] = []
    for number, row in enumerate(rows, start=1):
        if not mapping:
            candidate = header_map(row, columns)
            if "title" in candidate.values():
                mapping = candidate
            elif number >= _HEADER_SCAN_ROWS:
                break
            continue
        if _blank(row):
            continue
        record = {field: row[index] for index, field in mapping.items()
                  if index < len(row) and row[index] is not None and str(row[index]).strip() != ""}
        if label_rows:
            record[SOURCE_ROW] = _row_label(sheet, number)
        if _note(row, mapping):
            held_notes.append(record)
            continue
        yield from held_notes
        held_notes = []
        yield record
    if not mapping:
        raise SourceError(tk._("No header row with a title column (资源名称) in the first {rows} rows; "
                               "map the columns in the source configuration (\"columns\").").format(
                                   rows=_HEADER_SCAN_ROWS))
