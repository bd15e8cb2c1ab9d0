"""More contexts that tell a person's unlabelled name in public prose (probe3 H2, M1, M2): text_names.py
knows a counted group and a list; catalog texts, data requests and reuse cases also name people as
- the one who did the work: 由王建国整理, 本表由李秀梅录入, 经王建国审核;
- a relative who acts: 由其子张伟代领, 女儿李娜签收;
- a person described: 王建国，男，1985年3月出生 / 王建国，男，汉族;
- an addressed person after any word: 请公开李秀梅同志的信访答复 (the scan's rule wants a lead before it);
- a household or a studio named after a person: 王建国家低保金额数据, 502室 王建国家, 李秀梅工作室;
- an example: 如 刘德华, 例如：王建国;
- a person beside a phone number: 李秀梅 0451-86301234, 0451-86301230转王建国 (a landline alone, or
  after an office — 市数据局 0451-86300000 — stays public contact data);
- a name in pinyin after a label or before a household: Contact Wang Jianguo, 联系人 Wang Jianguo,
  Wang Jianguo household subsidy data.
A name found so is shaped as one more strictly than text_names' (likely_name: a given-name character
in it) and, where the context is weak (households, descriptions, phones), starts the text's run of
characters or follows a word that leads to a person (由, 请公开, 关于); places (王岗镇, 张家口), firms
(李宁体育用品) and words (金融办, 国家, 全体同志) stay clear."""
from __future__ import annotations

import re
from typing import Iterator

from .scan.detectors import Finding
from .scan.labelled_names import CONTACT_LABELS, FOLLOW
from .scan.pinyin_names import looks_like_pinyin_name
from .text_names import GIVEN, WORDS, a_name

__all__ = ["context_names", "likely_name"]

_HAN = "\u4e00-\u9fff"
_RUN_CHAR = re.compile(rf"[{_HAN}·•]")
# Words after which a person's name starts (a household, a studio or a phone's owner needs one, or
# the start of the text's run of characters).
_LEADS = ("由", "经", "对", "向", "给", "为", "请", "与", "和", "及", "同", "把", "将", "让", "被", "替", "帮", "系",
          "公开", "提供", "查询", "查看", "关于", "表彰", "感谢", "联系", "致电", "找", "申请", "反映", "举报", "投诉",
          "答复", "户主", "村民", "居民", "市民", "其子", "其女")
_DONE = ("整理|录入|填报|填写|提供|负责|开发|编制|编写|制作|制表|汇总|采集|收集|统计|审核|复核|核实|核对|维护|发布|上传|撰写|"
         "设计|代领|领取|签收|办理|经办|报送|校对|主持|起草|绘制|拍摄|管理|签字|确认|批准")
_DONE_BY = re.compile(rf"(?:由|经|委托)(?P<name>[{_HAN}·•]{{2,12}}?)(?={_DONE})")
_KIN = re.compile(r"(?:其子|其女|其夫|其妻|其父|其母|之子|之女|儿子|女儿|丈夫|妻子|配偶|孙子|孙女|外孙|哥哥|弟弟|姐姐|妹妹|"
                  r"父亲|母亲|爱人|老伴|儿媳|女婿)(?![子女父母亲])[：: ]*")  # 其父母, 其子女: no one named
_NEXT = re.compile(rf"(?:{FOLLOW}|代领|[^{_HAN}]|$)")
_SEX = re.compile(r"[，,、 ]*[（(]?[男女](?=[，,、。；;）) ]|$)")
_HONORIFIC = re.compile("同志|先生|女士")
_HOUSEHOLD = re.compile(rf"(?:家|户)(?=$|[^{_HAN}]|低保|庭|的|补|救|困难|住|成员|人口|户口|门|房|申请|情况|收入|财产)"
                        r"|工作室|课题组")
_EXAMPLE = re.compile(r"(?:例如|比如|譬如|示例|举例|样例)[：: ]*|(?<![何假])如[：: ]+")
# A phone number as context only (what the detectors confirm as a landline or mobile, and a little more).
_PHONE = re.compile(r"(?<![0-9])(?:[（(]?0[0-9]{2,3}[）)]?[- ]?[0-9]{7,8}|1[3-9][0-9][- ]?[0-9]{4}[- ]?[0-9]{4})(?![0-9])")
_TRANSFER = re.compile(r"\s*(?:转|找)")
_PHONE_GAP = " ：:（("  # between a name and its phone
_LATIN_NAME = r"(?P<name>[A-Za-z]+(?:[ .\-][A-Za-z]+){1,2}?)"
_PINYIN_LABEL = re.compile(rf"(?:{CONTACT_LABELS}|姓名|(?<![A-Za-z])(?:contact(?:\s+person|\s+name)?|name(?=\s*[:：])|applicant|"
                           r"prepared\s+by|compiled\s+by|maintained\s+by|maintainer|author|comrade|mr|ms|mrs|dr)\.?)"
                           rf"\s*[：:]?\s*{_LATIN_NAME}", re.IGNORECASE)
_PINYIN_HOUSEHOLD = re.compile(rf"(?<![A-Za-z]){_LATIN_NAME}(?=\s*(?:household|family|['’]s\b|et al))", re.IGNORECASE)
# Words after a pinyin pair that make it a place's or an office's name (Zhang Zhuang Village).
_PLACE_WORDS = re.compile(r"\s+(?:village|town|township|district|county|city|street|road|avenue|river|lake|"
                          r"mountain|park|bridge|station|square|plaza|island|farm|community|bureau|office|center|"
                          r"centre|hospital|school|company|group|bank)\b", re.IGNORECASE)


def likely_name(token: str) -> bool:
    """A name by text_names' shape with a given-name character in it (王建国, 李秀梅, 张伟; not 何办理,
    全体, 金融办): a weaker context than a counted group asks more of the shape."""
    if not a_name(token) or token[:2] in WORDS:
        return False
    if "·" in token or "•" in token or len(token) == 2:
        return True
    return any(char in GIVEN for char in token[1:])


def _led(text: str, start: int) -> bool:
    """The name starting at `start` starts a run of characters or follows a word leading to a person."""
    return start == 0 or not _RUN_CHAR.match(text[start - 1]) or text.endswith(_LEADS, 0, start)


def _name_ending(text: str, end: int, led: bool = True) -> str:
    """The name ending at `end` (three characters, two, four), starting where a name may (`led`)."""
    for n in (3, 2, 4):
        token = text[end - n:end] if end >= n else ""
        if token and all(_RUN_CHAR.match(char) for char in token) and likely_name(token) \
                and (not led or _led(text, end - n)):
            return token
    return ""


def _name_starting(text: str, start: int) -> str:
    """The name starting at `start` after which the sentence goes on (_NEXT)."""
    for n in (3, 2, 4):
        token = text[start:start + n]
        if len(token) == n and likely_name(token) and _NEXT.match(text, start + n):
            return token
    return ""


def _ending_names(text: str, pattern: re.Pattern[str], led: bool) -> Iterator[Finding]:
    for match in pattern.finditer(text):
        if name := _name_ending(text, match.start(), led):
            yield Finding("person_name", name, match.start() - len(name), match.start())


def _starting_names(text: str, pattern: re.Pattern[str]) -> Iterator[Finding]:
    for match in pattern.finditer(text):
        if name := _name_starting(text, match.end()):
            yield Finding("person_name", name, match.end(), match.end() + len(name))


def _done_by(text: str) -> Iterator[Finding]:
    for match in _DONE_BY.finditer(text):
        if likely_name(match.group("name")):
            yield Finding("person_name", match.group("name"), *match.span("name"))


def _described(text: str) -> Iterator[Finding]:
    for match in _SEX.finditer(text):
        if match.group() and (name := _name_ending(text, match.start())):
            yield Finding("person_name", name, match.start() - len(name), match.start())


def _beside_phones(text: str) -> Iterator[Finding]:
    for phone in _PHONE.finditer(text):
        end = phone.start()
        while end and text[end - 1] in _PHONE_GAP:
            end -= 1
        if name := _name_ending(text, end):
            yield Finding("person_name", name, end - len(name), end)
        if transfer := _TRANSFER.match(text, phone.end()):
            if name := _name_starting(text, transfer.end()):
                yield Finding("person_name", name, transfer.end(), transfer.end() + len(name))


def _pinyin(text: str) -> Iterator[Finding]:
    for match in (*_PINYIN_LABEL.finditer(text), *_PINYIN_HOUSEHOLD.finditer(text)):
        name = match.group("name")
        if looks_like_pinyin_name(name) and not _PLACE_WORDS.match(text, match.end("name")):
            yield Finding("person_name", name, *match.span("name"))


def context_names(text: str) -> Iterator[Finding]:
    """Names known by the contexts above, in text as detectors.reading_forms gives it, left to right
    (overlaps are for the caller to drop)."""
    found = [*_done_by(text), *_starting_names(text, _KIN), *_described(text),
             *_ending_names(text, _HONORIFIC, led=False), *_ending_names(text, _HOUSEHOLD, led=True),
             *_starting_names(text, _EXAMPLE), *_beside_phones(text), *_pinyin(text)]
    yield from sorted(found, key=lambda finding: (finding.start, -finding.end))
