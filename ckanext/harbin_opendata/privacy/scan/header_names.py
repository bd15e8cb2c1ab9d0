"""People's names as a table's column headers: a month × person pivot of a 发放表 (月份, 王建国, 李秀英,
张伟, …) holds a column per person, and its header row is their data. Header cells count as names
when several are (at least three, and half the header's cells or more): an ordinary header has at most one
word shaped as a name by chance (项目, 方正). The districts and counties of Harbin written short (南岗,
呼兰, 尚志, 方正, 巴彦: a surname's character first) are places. The masked copy names such columns
人员1, 人员2, … (masked_copy.py), and so do its DataStore table and preview."""
from __future__ import annotations

from .names import compact_header, names_a_person

__all__ = ["name_headers", "PERSON_COLUMN"]

_LEAST = 3
_PLACES = frozenset("道里 南岗 道外 香坊 平房 松北 呼兰 阿城 双城 尚志 五常 宾县 依兰 方正 巴彦 木兰 通河 延寿 "
                    "江北 江南 群力 哈西 新区 开发区".split())
# The masked copy's header of a column named after a person (人员1, 人员2, …).
PERSON_COLUMN = "人员{number}"


def name_headers(header: list[str]) -> list[int]:
    """The positions of the header's cells that are people's names, when several are ([] else)."""
    cells = [compact_header(cell) for cell in header]
    named = [index for index, cell in enumerate(cells) if cell not in _PLACES and names_a_person(cell)]
    filled = sum(1 for cell in cells if cell)
    return named if len(named) >= _LEAST and 2 * len(named) >= filled else []
