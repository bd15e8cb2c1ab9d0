"""Total rows under a table's data. Agencies end a statistics table with a row of sums: 合计, 总计,
共计, 全市合计, 合  计 spaced out to the column's width, 小计, and under it breakdown rows (其中：城镇),
the label in the first or second column (or merged across the first columns: every cell it covers
holds it) and sums, dashes or nothing in the other cells. Such rows at the end of the table are
read with its footer (footer.py): not data, still scanned, kept in the masked copy.

A 小计 between two groups of rows, or any row of that shape with data after it (a 合计 right under
the header), stays a data row: it is what the agency wrote there, and a user filters it out by its
label (its 序号 is usually blank, the label in a text column, so it changes no column's type). A
cell that merely contains 合计 (合计金额核对) is no label.

When such a row's label sits in a column of numbers (小计 under 序号), that column loads as text,
and the catalog check names 小计 as the cell that made it so. The loader cannot type the column by
its other cells alone: the row stays a row, and a DataStore numeric column cannot hold 小计 (nor
9017.39万元). Its only ways out change the agency's data: loading the label as an empty number
(the 小计 row then reads as one more district, its sums counted twice by whoever adds the column
up) or dropping the row (a data row is gone). Text keeps every cell as written."""
from __future__ import annotations

import re
from typing import Optional, Sequence

__all__ = ["total_line", "total_label"]

_LABEL_COLUMNS = 3  # the label is in one of the first columns (序号, 区县, …)
_TOTAL = re.compile(
    r"^(?:[\u4e00-\u9fff（）()]{0,8}?(?:合\s*计|总\s*计|共\s*计|小\s*计|总\s*合\s*计)|其\s*中(?:[：:].*)?)\s*[：:]?$")
# 1,234.50, 12%, —, /, and a sum with its unit beside it (9017.39万元, 1211户, 3.5万人次)
_UNIT = r"(?:%|‰|[万亿千百]?元|[万亿]|万?(?:户|人次|人|个|家|件|次|套|辆|台|项|间|张|所|名)|吨|千克|公斤|平方米|㎡|公顷|亩|公里|千米|米)"
_SUM = re.compile(rf"^(?:[+-]?[\d,，]*\.?\d+\s*{_UNIT}?|[-－—/／\s]+)$")
_BREAKDOWN = re.compile(r"^\s*其\s*中\s*[：:]")
# Labels kept whole: a total word alone or after a place or scope word (王建国户小计 holds a name: masked).
_KEPT = re.compile(r"^\s*(?:全市|全区|全县|全省|市辖区|县[（(]市[）)]|城镇|农村|本页|本表|总)?"
                   r"\s*(?:合\s*计|总\s*计|共\s*计|小\s*计|总\s*合\s*计|其\s*中)\s*[：:]?\s*$")


def _total_label(cell: str) -> bool:
    return bool(_TOTAL.match(cell.strip()))


def total_label(cell: str) -> Optional[str]:
    """The label a cell of a row of sums starts with, as written: the whole cell of 合计 or 全市合计,
    "其中：" of 其中：城镇; None for any other cell, and for a label with other words before its
    total word (王建国户小计). A masked copy keeps it: it is no one's data."""
    if breakdown := _BREAKDOWN.match(cell):
        return breakdown.group()
    return cell if _KEPT.match(cell) else None


def total_line(row: Sequence[str]) -> bool:
    """A row of sums: its first filled cell, in one of the first columns, is a total label; every
    other filled cell is that label again (merged) or a number or dash."""
    if not any("计" in cell or "其" in cell for cell in row[:_LABEL_COLUMNS]):
        return False  # the common case, cheaply: every data row of a table is read here
    first = next((index for index, cell in enumerate(row) if cell and cell.strip()), None)
    if first is None or first >= _LABEL_COLUMNS or not _total_label(row[first]):
        return False
    label = row[first].strip()
    return all(not cell or not cell.strip() or cell.strip() == label or _SUM.match(cell.strip())
               for cell in row[first + 1:])
