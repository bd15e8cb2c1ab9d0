"""Where a table starts. Agencies put title rows (哈尔滨市…登记表), subtitle rows (数据截止日期：…,
单位：元), blank rows and two-level headers above the column names, and footers (制表人：…) below
the data. The header is the first row whose cells are distinct column names covering most of the
columns that carry data below it. When no row qualifies, or the match is weak, the layout is not
confident: readers then treat every row as data and a person confirms the header."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

__all__ = ["Layout", "find_layout", "SAMPLE_ROWS", "COLUMN_WORDS", "HEADER_WORDS", "candidate_header", "filled_cells"]

SAMPLE_ROWS = 60
_COVERAGE = 0.5  # a header names at least half of the columns with data below it
_CONFIDENT_COVERAGE = 0.8
# Common column names of agency tables, and the words longer ones are made of. A header row has cells
# that contain them (HEADER_WORDS); the watch for a header below the data of a large text file
# (privacy/scan/stacking.py) looks for cells that are one of them. Not 合计/小计: they end a table
# (a 合计 row under the header of a statistics table must not be taken for it).
COLUMN_WORDS: tuple[str, ...] = (
    "序号", "编号", "名称", "姓名", "名字", "户主", "户主姓名", "申请人", "联系人", "代办人", "负责人", "性别", "民族", "年龄",
    "出生日期", "身份证号", "身份证号码", "公民身份号码", "证件", "证件号码", "证件类型", "号码", "电话", "联系电话", "联系",
    "联系方式", "手机", "手机号", "手机号码", "邮箱", "地址", "住址", "家庭住址", "现住址", "单位", "工作单位", "部门", "地区",
    "区县", "街道", "银行", "开户银行", "账号", "银行账号", "卡号", "银行卡号", "车牌", "代码", "编码", "日期", "时间", "类型",
    "类别", "状态", "金额", "发放金额", "数量", "价格", "面积", "人数", "标准", "说明", "内容", "备注",
    "id", "name", "date", "code", "type", "phone", "address", "email")
HEADER_WORDS = re.compile("|".join(  # a short Latin word only whole ("id", not the end of "paid")
    rf"\b{word}\b" if word.isascii() and len(word) < 3 else re.escape(word) for word in COLUMN_WORDS), re.IGNORECASE)
_PARENTHESES = re.compile(r"[（(][^）)]*[）)]")
_KEY_VALUE = re.compile(r"^[^：:]{1,14}[：:]\s*\S")  # 数据截止日期：2025年12月31日, 单位：元, 制表人：张三
_NUMBER = re.compile(r"^[+-]?[\d,，]*\.?\d+%?$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_FULL_DATE = re.compile(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_LONG_DIGITS = re.compile(r"\d{7,}")


@dataclass(frozen=True)
class Layout:
    """header_row: index of the header among the sheet's rows, None when every row is data;
    width: columns of the widest sampled row; confident: the header is certain (or was confirmed)."""
    header_row: Optional[int]
    width: int
    confident: bool


def filled_cells(row: Sequence[str]) -> list[str]:
    return [cell.strip() for cell in row if cell and cell.strip()]


def _extent(row: Sequence[str]) -> int:
    """Columns up to the last filled cell."""
    for index in range(len(row) - 1, -1, -1):
        if row[index] and row[index].strip():
            return index + 1
    return 0


def _is_name(cell: str) -> bool:
    """A cell that can be a column name: short text, not a number, date, code or "key: value"."""
    if len(cell) > 40 or _FULL_DATE.match(cell) or _LONG_DIGITS.search(cell):
        return False
    if _NUMBER.match(cell) and not _YEAR.match(cell):
        return False
    return not _KEY_VALUE.match(_PARENTHESES.sub("", cell))


def candidate_header(row: Sequence[str], width: int) -> bool:
    cells = filled_cells(row)
    enough = len(cells) >= 2 or (width == 1 and len(cells) == 1)
    return enough and len(set(cells)) == len(cells) and all(map(_is_name, cells))


def _data_below(rows: Sequence[Sequence[str]]) -> bool:
    """Rows below hold at least one value no column name would be (a number, date, long code)."""
    return any(not _is_name(cell) for row in rows[:20] for cell in filled_cells(row))


def find_layout(rows: Sequence[Sequence[str]], header_row: Optional[int] = None) -> Layout:
    """The layout of a sheet from its first rows (SAMPLE_ROWS of them). `header_row` is a person's
    confirmation (-1: the table has no header row), taken as it is."""
    width = max((_extent(row) for row in rows), default=0)
    if header_row is not None:
        return Layout(header_row if header_row >= 0 else None, width, True)
    for index, row in enumerate(rows):
        if not candidate_header(row, width):
            continue
        below = [other for other in rows[index + 1:] if filled_cells(other)]
        data_width = max((_extent(other) for other in below), default=_extent(row))
        coverage = len(filled_cells(row)) / max(data_width, 1)
        if coverage < _COVERAGE:
            continue
        named = bool(HEADER_WORDS.search(" ".join(filled_cells(row))))
        confident = coverage >= _CONFIDENT_COVERAGE and (named or _data_below(below))
        return Layout(index, width, confident)
    return Layout(None, width, False)
