"""Personal data a workbook holds outside its tables' cells: comments, page headers and footers,
shapes and charts, properties, links, names and validations, an XLSX's shared strings no cell
shows and its phonetic runs, what an ODS cell shows beside the value read (each part reported as one column
numbered below zero, WORKBOOK_PARTS), and the caches of its pivot tables and external links (each
cached column a column of its own, as the cells it copies); of a JSON document every string the
table reader does not take (json_parts.py: other arrays of records, keyed maps, the envelope). The
masked copy, written cell by cell, carries none of them; the original must not be published."""
from __future__ import annotations

from typing import Iterable, Iterator

import pyarrow as pa

from ...common.tabular import Limits
from ...common.tabular.archive import archive_members
from ...common.tabular.cached_cells import EXTERNAL_LINK, PIVOT_CACHE, cached_columns
from ...common.tabular.json_parts import json_parts
from ...common.tabular.sniff import JSON, WORKBOOKS, XLSX, ZIP, sniff
from ...common.tabular.workbook_text import (COMMENTS, DRAWINGS, FORMULAS, HEADER_FOOTER, LINKS, NAMES, OTHER_PARTS,
                                             PHONETIC, PROPERTIES, SHOWN_TEXT, UNUSED_STRINGS, VALIDATION,
                                             workbook_texts)
from .columns import ColumnFindings, settle_table
from .names import names_a_person
from .pinyin_names import looks_like_pinyin_name
from .vectorized import classify

__all__ = ["WORKBOOK_PARTS", "CACHE_TABLES", "JSON_TEXT", "JSON_TABLE", "label_findings", "outside_cells"]

JSON_TEXT = "json_text"

WORKBOOK_PARTS = {COMMENTS: (-2, "批注"), HEADER_FOOTER: (-3, "页眉页脚"), DRAWINGS: (-4, "图形与图表文字"),
                  PROPERTIES: (-5, "文档属性"), LINKS: (-6, "超链接与外部链接地址"), NAMES: (-7, "定义的名称与其他工作表名称"),
                  VALIDATION: (-8, "数据验证列表与提示"), FORMULAS: (-9, "公式中的文字"),
                  UNUSED_STRINGS: (-10, "未被单元格引用的共享字符串"), PHONETIC: (-11, "单元格文字的注音"),
                  SHOWN_TEXT: (-12, "单元格显示的文字（与读取的值不同）"), JSON_TEXT: (-13, "JSON 中表格以外的键与值"),
                  OTHER_PARTS: (-14, "工作簿其他部件中的文字（样式、表格、筛选、设置等）")}
CACHE_TABLES = {PIVOT_CACHE: "数据透视表缓存{table}", EXTERNAL_LINK: "外部链接缓存{table}"}
JSON_TABLE = "JSON 记录{table}"  # the records of one path of the document (json_parts.py)
# Parts whose texts name people in pinyin as often as in characters: the author and last editor
# (Zhang Wei, the account's name on the computer that saved it) and a note's author ("Zhang Wei:").
_PINYIN_PARTS = frozenset({PROPERTIES, COMMENTS})


def label_findings(findings: ColumnFindings, text: str, kinds: frozenset[str], pinyin: bool = False) -> None:
    """A name or a note: personal data in its text, and a person's name by its shape (a line of its
    own, or one ending in a colon, as Excel starts a note: "张伟:"), also in pinyin if `pinyin`."""
    findings.add_text(text, kinds, counted=True, cell=False)
    for line in text.splitlines():
        label = line.strip().removesuffix(":").removesuffix("：")
        if "person_name" in kinds and (names_a_person(label) or pinyin and looks_like_pinyin_name(label)):
            findings.add_name(label)


def _documents(path: str, limits: Limits) -> Iterator[tuple[str, str]]:
    """(path, kind) of the workbooks and JSON documents of the file: itself, or the members of an archive."""
    kind = sniff(path)
    if kind in WORKBOOKS or kind == JSON:
        yield path, kind
    elif kind == ZIP:
        with archive_members(path, limits) as members:
            for _, member_path in members:
                if (member_kind := sniff(member_path)) in WORKBOOKS or member_kind == JSON:
                    yield member_path, member_kind


Column = tuple[str, int, str, list[str]]  # table, index, header, values (one batch of them)


def _judged(columns: Iterable[Column], kinds: frozenset[str], strict: bool) -> list[ColumnFindings]:
    """Columns kept outside the tables judged as columns of cells under their headers, settled by table."""
    found: dict[tuple[str, int], ColumnFindings] = {}
    for table, index, header, values in columns:
        if (table, index) not in found:
            found[table, index] = ColumnFindings(table, index, header, strict)
        column = found[table, index]
        column.absorb(classify(pa.array(values, pa.string()), column.name_header, kinds, column.id_header,
                               column.card_header, person_number_header=column.person_number_header,
                               names_by_shape=column.names_by_shape), kinds)
    for table in {table for table, _ in found}:
        settle_table(column for (other, _), column in found.items() if other == table)
    return list(found.values())


def _cached_columns(path: str, limits: Limits, kinds: frozenset[str], strict: bool) -> list[ColumnFindings]:
    """Each column of each pivot cache and external link judged under its header (a pivot cache's field)."""
    return _judged(((CACHE_TABLES[cached.kind].format(table=cached.table), cached.index, cached.name, values)
                    for cached, values in cached_columns(path, limits)), kinds, strict)


def _json_columns(columns: dict) -> Iterator[Column]:
    numbers: dict[str, int] = {}
    for (table, key), values in columns.items():
        numbers[table] = numbers.get(table, -1) + 1
        yield JSON_TABLE.format(table=table), numbers[table], key if isinstance(key, str) else "", values


def outside_cells(path: str, limits: Limits, kinds: frozenset[str],
                  strict: bool) -> tuple[list[ColumnFindings], list[ColumnFindings]]:
    """Findings outside the cells of every workbook and JSON document of the file: the parts'
    columns (to be settled with the sheet names', as one table) and the columns kept outside the
    tables (pivot caches, external links, a JSON's other records; settled by table)."""
    found = {part: ColumnFindings("", column, header, strict) for part, (column, header) in WORKBOOK_PARTS.items()}
    tables: list[ColumnFindings] = []
    for document, kind in _documents(path, limits):
        if kind == JSON:
            parts = json_parts(document)
            for text in parts.texts:
                label_findings(found[JSON_TEXT], text, kinds)
            tables += _judged(_json_columns(parts.columns), kinds, strict)
            continue
        for part, text in workbook_texts(document, kind, limits):
            if part == OTHER_PARTS:  # style and font names (常规, 宋体) are no one's, whatever their shape
                found[part].add_text(text, kinds, counted=True, cell=False)
            else:
                label_findings(found[part], text, kinds, pinyin=part in _PINYIN_PARTS)
        if kind == XLSX:
            tables += _cached_columns(document, limits, kinds, strict)
    return list(found.values()), tables
