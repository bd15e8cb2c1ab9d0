"""People's names written in pinyin, as a workbook's author, last editor or a note's author keeps them
(Zhang Wei, WANG Jianguo, Jianguo Wang, zhang.wei, ZhangWei): a common surname's pinyin and a given
name of one or two syllables, in either order, as words of their own, nothing else. Words that are not
pinyin (Administrator, Microsoft Office User, Windows User) and pinyin without a surname stay clear;
so does one lower-case word (zhangwei reads as caiwu 财务, renshi 人事, zhengwu 政务 do: not judged). Only labels that
name a person are judged so (outside_cells.py): a pinyin column under a name header is one anyway."""
from __future__ import annotations

import re

__all__ = ["looks_like_pinyin_name", "pinyin_name_in"]

# The pinyin of the common surnames (names.SURNAMES' most frequent, and the compound ones).
_SURNAMES = frozenset((
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang "
    "han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai du ye cheng su wei lu ding ren shen yao cui "
    "zhong tan fan jin shi jia xia fu fang bai zou meng xiong qin qiu yin xue yan duan lei hou long tao gu mao hao "
    "gong shao wan qian kong qi chang kang niu mu ning qu ge wen xing an lv lyu ou qiao lan bao hua zhuang nie "
    "yue geng guan ji cui zuo liao mo zhan chai che bian di sima ouyang shangguan situ zhuge dongfang murong").split())
_INITIAL = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = ("(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|ve|er|"
          "a|o|e|i|u|v)")
_SYLLABLE = f"{_INITIAL}{_FINAL}"
_GIVEN = re.compile(f"(?:{_SYLLABLE}){{1,2}}")
_SEPARATORS = re.compile(r"[\s._\-·]+|(?<=[a-z])(?=[A-Z])")


def _surname_and_given(surname: str, given: list[str]) -> bool:
    return surname in _SURNAMES and bool(given) and all(_GIVEN.fullmatch(word) for word in given)


def looks_like_pinyin_name(text: str) -> bool:
    """A person's name in pinyin: two or three words, the first or the last a surname (Zhang Wei,
    WANG Jian Guo, Wei Zhang, ZhangWei)."""
    words = [word.lower() for word in _SEPARATORS.split(text.strip()) if word]
    if not 2 <= len(words) <= 3 or not all(word.isascii() and word.isalpha() for word in words):
        return False
    return _surname_and_given(words[0], words[1:]) or _surname_and_given(words[-1], words[:-1])


# Written together, each syllable of the given name starts with its consonant (jian|guo, not
# bi|ao: di|bao 低保 and ren|yu|an 人员 are no names).
_JOINED = re.compile(f"(?:{'|'.join(sorted(_SURNAMES, key=len, reverse=True))})"
                     f"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw]){_FINAL}){{2}}")


def pinyin_name_in(text: str) -> bool:
    """Whether the words of a name (a file's: wang_jianguo_xinxi, ZhangWei-2025) hold a person's
    name in pinyin: two or three words in a row read as one by looks_like_pinyin_name, or one word of
    a surname and a two-syllable given name written together (wangjianguo, lixiumei). One word of two
    syllables (zhangwei, caiwu 财务) is not judged."""
    words = [word for word in _SEPARATORS.split(text.strip()) if word]
    for size in (2, 3):
        if any(looks_like_pinyin_name(" ".join(words[start:start + size])) for start in range(len(words) - size + 1)):
            return True
    return any(word.isascii() and _JOINED.fullmatch(word.lower()) for word in words)
