"""Column-level findings: which columns of a table hold personal data, how many cells, examples."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from .detectors import find_all

__all__ = ["ColumnFindings", "scan_rows", "mask", "NAME_HEADERS", "PERSON_NAME"]

# Headers under which a column holds people's names (姓名 etc.).
NAME_HEADERS = re.compile(r"(姓名|名字|联系人|法定代表人|法人代表|负责人|申请人|户主|患者|经办人|^name$|contact person)",
                          re.IGNORECASE)
PERSON_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,3}[·•][\u4e00-\u9fff]{1,5}$")
_EXAMPLES = 3
# A column is personal when whole cells are personal data this often (random numbers that pass a
# check digit by chance stay far below), or when any text cell has personal data inside it.
_WHOLE_CELL_SHARE = 0.2


def _weak(value: str) -> bool:
    # A 15-digit legacy ID has no check digit: inside longer text (licence numbers such as
    # 教民123010270000123) it is as likely a serial number, so only whole cells count.
    return len(value) == 15 and value.isdigit()


def mask(kind: str, value: str) -> str:
    """The value with its identifying middle hidden: 230102********1234, 138****5678, 张*."""
    text = value.strip()
    if kind == "person_name":
        return text[0] + "*" * (len(text) - 1)
    if kind == "email":
        local, _, domain = text.partition("@")
        return local[:1] + "***@" + domain
    keep_start, keep_end = {"resident_id": (6, 4), "mobile": (3, 4), "bank_card": (6, 4)}.get(kind, (2, 2))
    return text[:keep_start] + "*" * max(len(text) - keep_start - keep_end, 0) + text[-keep_end:]


@dataclass
class ColumnFindings:
    header: str
    cells: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # whole cells, by kind
    embedded: dict[str, int] = field(default_factory=dict)  # inside longer text, by kind
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, value: str, whole_cell: bool = True) -> None:
        tally = self.counts if whole_cell else self.embedded
        tally[kind] = tally.get(kind, 0) + 1
        if len(self.examples.setdefault(kind, [])) < _EXAMPLES:
            self.examples[kind].append(mask(kind, value))

    def kinds(self) -> list[str]:
        """The kinds of personal data this column holds."""
        found = {kind for kind, count in self.counts.items() if self.cells and count / self.cells >= _WHOLE_CELL_SHARE}
        return sorted(found | set(self.embedded))

    @property
    def personal(self) -> bool:
        return bool(self.kinds())


def scan_rows(header: list[str], rows: Iterable[list[str]], progress: Optional[Callable[[int], None]] = None) -> list[ColumnFindings]:
    """Scan rows (any iterable, read once: memory does not grow with the table) column by column."""
    columns = [ColumnFindings(name) for name in header]
    name_columns = {index for index, name in enumerate(header) if NAME_HEADERS.search(name or "")}
    for number, row in enumerate(rows, 1):
        for index, cell in enumerate(row[:len(columns)]):
            if not cell:
                continue
            column = columns[index]
            column.cells += 1
            if index in name_columns and PERSON_NAME.match(cell.strip()):
                column.add("person_name", cell)
                continue
            for finding in find_all(cell):
                whole_cell = cell.strip() == finding.value
                if not whole_cell and _weak(finding.value):
                    continue
                column.add(finding.kind, finding.value, whole_cell=whole_cell)
        if progress and number % 10000 == 0:
            progress(number)
    return columns
