"""Footers under a table's data. Agencies end a table with lines such as 制表人：王某某, 审核人：李某某,
填表日期：2024年12月31日, 注：本表数据截至…, 数据来源：… (one per cell, or one merged across the row),
often after a blank line. They belong to the file, not to its data: the DataStore, the preview and
the drafted data items read the rows above them; the scan reads every cell of them as it reads the
title rows; the masked copy keeps their labels.

The footer is the run of rows after the last data row that are blank or footer lines, holding at
least one footer line, at most MAX_ROWS long. A footer line has only cells that start with a footer
label (a person who signs, a date, a note, a source) followed by a colon, or a place for a stamp
or a signature (单位（盖章）). Signers are also written by their role alone (制表：, 会计：, 出纳：) and
short labels spaced out to a longer one's width (制  表：). Rows of sums (合计, 全市合计, 小计,
其中：…, totals.py) at the end of the table are footer lines too, with or without signers under
them: no data row, never used to type a column, scanned and kept in the masked copy as they are.
Rows are held back while they may be the footer, so readers stay streaming; a row of data after
them makes them data."""
from __future__ import annotations

import re
from typing import Iterable, Iterator, Optional, Sequence

import pyarrow as pa

from .layout import filled_cells
from .totals import total_line

__all__ = ["Footer", "footer_label", "footer_line", "MAX_ROWS", "SIGNERS", "SIGNING_ROLES", "STAMP"]

MAX_ROWS = 20
# Who signs a table (制表人, 审批人): the privacy scan looks for a name after each (scan/labelled_names.py).
SIGNERS = "制表|填表|填报|审核|复核|审批|审定|统计|经办|负责|核对|校对|录入"
# Who signs by role alone, without 人 (会计：王五, 出纳：赵六, and every signer: 制表：张三): a name follows too.
SIGNING_ROLES = f"会计|出纳|记账|主管|{SIGNERS}"
# A label is made of these words only: what it keeps in a masked copy is never a person's name.
_PREFIX = f"单位负责|部门负责|财务负责|数据截止|单位|部门|财务|分管|主管|报送|数据|联系|截止|更新|发布|{SIGNERS}"
_HEAD = "人|日期|时间|单位|部门|电话|领导"
STAMP = r"[（(](?:盖章|公章|签字|签名|签章)[）)]"  # where a signer signs or stamps: 审核人（签字）：
_LABEL = re.compile(
    r"^\s*(?:"
    r"(?:注|备注|说明|附注|注释|数据来源|资料来源|来源)[\s0-9一二三四五六七八九十①-⑩、.]*[：:]"
    rf"|(?:{_PREFIX}){{0,2}}(?:{_HEAD})(?:{STAMP})?\s*[：:]"
    rf"|(?:{SIGNING_ROLES})(?:{STAMP})?\s*[：:]"
    rf"|(?:{SIGNERS})人(?=\s|$)"
    rf"|(?:{_PREFIX})?(?:{_HEAD})?{STAMP}\s*[：:]?)")  # 单位（盖章）: where the stamp goes


# Spaces between a label's characters (制  表：, 审　核　人：): forms align short labels so.
_LABEL_SPACES = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff（(：:])")


def footer_label(cell: str) -> Optional[str]:
    """The footer label a cell starts with, its colon included ("审核人：" of "审核人：李某某"; "制  表："
    of "制  表：张三", as written), or None."""
    if match := _LABEL.match(cell):
        return match.group()
    compact = _LABEL_SPACES.sub("", cell)
    if compact == cell or not (match := _LABEL.match(compact)):
        return None
    end, taken = 0, 0  # the compact text is the cell without some spaces: walk both to the label's end
    while taken < match.end():
        taken += cell[end] == compact[taken]
        end += 1
    return cell[:end]


def footer_line(row: Sequence[str]) -> bool:
    cells = filled_cells(row)
    return bool(cells) and all(footer_label(cell) for cell in set(cells))


def _closing_line(row: Sequence[str]) -> bool:
    """A footer line or a row of sums: either ends a table."""
    return footer_line(row) or total_line(row)


def _may_be_footer(row: Sequence[str]) -> bool:
    return not filled_cells(row) or _closing_line(row)


def _row(batch: list[pa.Array], index: int) -> list[str]:
    return [column[index].as_py() or "" for column in batch]


def _tail(batch: list[pa.Array], length: int) -> int:
    """How many rows at the end of the batch may be the footer (MAX_ROWS + 1 at most)."""
    count = 0
    while count < min(length, MAX_ROWS + 1) and _may_be_footer(_row(batch, length - 1 - count)):
        count += 1
    return count


class Footer:
    """Splits the rows below a table's header into its data and its footer: `rows` and `batches`
    give the data; once they are read, `held` is the footer as it was written (blank rows too) and
    `lines` its lines with text."""

    def __init__(self) -> None:
        self.held: list[list[str]] = []
        self._data_seen = False

    @property
    def lines(self) -> list[list[str]]:
        return [row for row in self.held if filled_cells(row)]

    def _settle(self, run: list[list[str]]) -> list[list[str]]:
        """The rows of a run at the end of the table that are data (none when it is the footer)."""
        if self._data_seen and len(run) <= MAX_ROWS and any(map(_closing_line, run)):
            self.held = run
            return []
        return run

    def rows(self, rows: Iterable[list[str]]) -> Iterator[list[str]]:
        run: list[list[str]] = []
        longer = False  # in a run of such rows longer than MAX_ROWS: data
        for row in rows:
            candidate = _may_be_footer(row)
            if candidate and not longer and len(run) < MAX_ROWS:
                run.append(row)
                continue
            yield from run
            yield row
            run, longer = [], candidate
            self._data_seen = True
        yield from self._settle(run)

    def batches(self, batches: Iterable[list[pa.Array]]) -> Iterator[list[pa.Array]]:
        """The same for batches of string columns (columnar.column_batches)."""
        held: list[list[pa.Array]] = []  # the last batch with data, then batches that may be the footer
        tail, run, longer = 0, 0, False  # rows at the end of held[0] that may be the footer; in the whole run
        for batch in batches:
            length = len(batch[0]) if batch else 0
            end = _tail(batch, length)
            if end < length:
                yield from held
                held, tail, run, longer = [batch], end, end, False
                self._data_seen = True
            elif longer or run + length > MAX_ROWS:
                yield from held
                yield batch
                held, tail, run, longer = [], 0, 0, True
            else:
                tail = tail if held else length
                held.append(batch)
                run += length
        if not held:
            return
        first, length = held[0], len(held[0][0]) if held[0] else 0
        footer = [_row(first, index) for index in range(length - tail, length)] + \
            [_row(batch, index) for batch in held[1:] for index in range(len(batch[0]) if batch else 0)]
        if self._settle(footer):
            yield from held
        elif length > tail:
            yield [column.slice(0, length - tail) for column in first]
