"""A ruling's case named after the person it was against (案件名称: 王建国销售过期食品案, 李秀英未取得食品经营
许可从事食品经营案): a name at the start of the text (or after a mark), the act at once, 案 at the end.
A case titled 关于(对)王建国违规收费案… names the person after its 关于. A firm's case (哈尔滨市道里区某某商店
销售…案) begins with no name so followed; plans and files (方案, 预案, 备案, 档案) are no cases;
anonymised names (王某), table words (全市, 明年) and the things a case is about that begin with a
surname's character (高速超限运输案, 农药违规使用案, 冷库违规储存案: _THINGS) are nobody's."""
from __future__ import annotations

import re
from typing import Iterator

from .names import COMPOUND_SURNAMES, NOT_NAME_ENDING, SURNAMES, TABLE_WORDS

__all__ = ["CASE_LITERAL", "CASE_RE2", "case_names"]

_ACTS = ("销售|生产|经营|加工|制售|出售|运输|储存|贮存|使用|未按|未取得|未经|未办理|未依法|无证|擅自|非法|违法|违规|涉嫌|"
         "拒不|拒绝|伪造|虚假|占道|私自|超范围|超标|超限|超载|从事|发布|不按")
# Words a case names as its subject that begin with a surname's character (高速 is 高 + 速 by shape).
_THINGS = frozenset("高速 高铁 高空 高压 高价 高利 高额 高温 冷库 冷链 农药 农资 农机 危货 金融 石油 管道 管线 黄牛 "
                    "车主 房东 成品 燃油 毛绒 钱庄 宿舍 景区 宁波".split())
# Every case names itself so: one literal test before the patterns run (LABEL_LITERAL).
CASE_LITERAL = "案"
_NOT_A_CASE = "方预议草提备档立结办答图"
_HAN = "\u4e00-\u9fff"
_NAME = rf"[{_HAN}]{{1,8}}[·•][{_HAN}]{{1,10}}?|(?:{COMPOUND_SURNAMES})[{_HAN}]{{1,2}}?|[{SURNAMES}][{_HAN}]{{1,2}}?"
_CASE = re.compile(rf"(?:^|(?<=[^{_HAN}])|(?<=关于)|(?<=关于对))(?P<name>{_NAME})(?:{_ACTS})[^，。；,;\n]{{2,40}}?(?<![{_NOT_A_CASE}])案"
                   rf"(?=$|[^{_HAN}])")
# Arrow's RE2 (no lookarounds, a superset): a surname's character, one or two more, an act, 案 later on.
CASE_RE2 = (rf"(?:^|[^\x{{4e00}}-\x{{9fff}}]|关于对?)(?:[{SURNAMES}]|{COMPOUND_SURNAMES}|[\x{{4e00}}-\x{{9fff}}]{{1,8}}[·•])"
            rf"[\x{{4e00}}-\x{{9fff}}]{{1,10}}?(?:{_ACTS})[^，。；,;\n]{{2,40}}案")


def case_names(text: str) -> Iterator[re.Match[str]]:
    """The names cases in the text are named after."""
    for match in _CASE.finditer(text):
        name = match.group("name")
        if name[-1] not in NOT_NAME_ENDING and name not in TABLE_WORDS | _THINGS and "某" not in name:
            yield match
