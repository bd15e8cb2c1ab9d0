"""People's names without a label in public prose (issue 16, probe F9/F13): a catalog title 王建国等10户低保名单,
notes 王建国、李秀英等12户获得补助, an agency's 表彰王伟等同志, a tag or a resource name that is only a
name. Unlabelled, a name is told from the words of a catalog (金融, 常住人口, 王岗镇, 李家屯, 文明城市)
only by its context, so each rule asks for one:
- a group counted after a name (王建国等10户, 李秀英等3人, 王伟等同志);
- a list joined by 、 whose every item is a name (王建国、李秀英), its first and last items cut from
  the sentence around it; a list of two-character items only when each is a likely given name;
- a whole field that is one name (exactly_a_name: a tag, a resource's or a data item's name).
What is a name: a common surname (scan/names.py) and one or two characters, or a name with the
middle dot; neither a word of the catalog (_WORDS), nor a place (王岗镇, 张庄, 李家屯: their endings),
nor anonymised (王某). A two-character name's second character must be one common in given names
(王伟, 李娜; not 金融, 公安, 应急): alone, two characters are more often a word."""
from __future__ import annotations

import re
from typing import Iterator

from .scan.detectors import Finding
from .scan.labelled_names import FOLLOW, NOT_A_PERSON, NOT_NAMES
from .scan.names import COMPOUND_SURNAMES, NOT_NAME_ENDING, SURNAMES, TABLE_WORDS, names_a_person

__all__ = ["unlabelled_names", "exactly_a_name", "a_name", "GIVEN", "WORDS"]

_HAN = "\u4e00-\u9fff"
# Endings of villages, hamlets and landmarks (张庄, 李家屯, 王岗, 刘家窝堡), besides scan/names.py's.
_PLACE_ENDING = "屯堡沟岗庄营铺湾坡岭峪寨甸洼坨垴坎圩埠泡岛滩寺庙塔港"
# Characters common in given names: a two-character name ends in one (王伟, 李娜, 张静, 刘洋).
_GIVEN = frozenset("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞刚桂英华玉兰红梅建国文辉林峰鹏斌宇浩凯健俊帆帅旭宁龙飞鑫波云莉"
                   "萍燕玲婷雪琳晶颖慧丹倩佳欣怡悦蕾薇琴彬亮成武新庆春海东荣志忠祥瑞福贵禄寿喜德仁义礼智信廷光辰"
                   "松柏坤昊昆鸿铭鹤岩冰晨阳月星虹露霖媛嫣娇婕妍妮姗婉娴蓉菲萱茜蓓馨莹雯琪璐瑶瑾璇琦珊珍珠翠凤鸾"
                   "彤楠桐棋钧锋铁刚毅峻岳崇嵩巍涵泽洁淼渊清源汉江河涌沛浩斐然琛琼瑛璋瑜曦晖昱晓晔曼菁蔚芸莎茹"
                   "秋冬夏茂盛兴旺隆昌顺达通宏伦振雄彪豪杨柳森岚巧姣娥蝶蓬睿哲铮钢锐嘉卓")
# Words of catalogs and agencies' pages that are shaped like a name (a surname and a given-name
# character, or three characters): 文明 城市, 平安 哈尔滨, 高新 区, 公积金.
_WORDS = frozenset("文明 安全 平安 和平 国家 国际 国土 国有 国资 国防 国库 华人 华侨 高新 高峰 高清 高层 高龄 高速 金融 金额 "
                   "金秋 金华 金龙 黄金 白云 白山 石化 石油 明星 明年 明清 明月 明珠 春秋 东北 东方 东风 西华 南方 南京 北京 "
                   "龙江 江南 江北 海关 海洋 海峡 海林 林业 林海 林区 方正 方法 方向 方式 宾县 巴彦 尚志 五常 双城 呼兰 阿城 "
                   "通河 木兰 延寿 依兰 道里 道外 南岗 香坊 平房 松北 阳明 太平 宁安 宁静 和谐 和兴 和顺 安宁 安康 安达 "
                   "文化 文旅 文物 文体 文艺 文明城 文昌 常住 常务 任务 任期 任职 成果 成绩 成员 成都 成华 司法 公安 "
                   "公积金 公交 公共 公路 公园 公示 公开 公告 卫生 卫健 商务 商业 商贸 应急 农民 农民工 农业 农村 党建 党员 "
                   "宗教 武警 武装 武汉 齐齐 关于 关爱 向阳 新华 新兴 新春 新城 新区 新闻 新风 时间 时代 华为 华东 华南 华北 "
                   "居民 居住 贫困户 低保户 困难户 五保户 军人 军队 军转 干部 师生 教师 学生 医生 园林 山河 江河 红旗 红星 "
                   "红色 红十字 蓝天 白天 春节 秋季 夏季 冬季 冬奥 雪花 冰雪 冰城 龙凤 凤凰 丰收 丰年 丰华 万达 万家 万象 "
                   "万科 宏观 鲁迅 孔子 毛泽东 邓小平 孙中山 雷锋 焦裕禄 孔孟 英雄 英语 英才 包装 严格 严重 尤其 项目 "
                   "支持 支付 计划 计算 计生 伊春 鸡西 鹤岗 双鸭山 七台河 大庆 牡丹江 佳木斯 黑河 绥化 齐齐哈尔 庄园 "
                   "应用 温馨 温暖 程序 安置 安居 安顺 晋城 晋中 易经 乐园 乐业 乐山 明细 明显 明确 钱包 房屋 房产 关键词 关键字 哈工大 哈医大 哈师大 哈商大 华信".split())
_NAME = rf"[{_HAN}]{{1,8}}[·•][{_HAN}]{{1,10}}|(?:{COMPOUND_SURNAMES})[{_HAN}]{{1,2}}|[{SURNAMES}][{_HAN}]{{1,2}}"
_NUMERALS = "0-9一二三四五六七八九十百千两"
_COUNT = rf"[{_NUMERALS}]+\s*(?:户|人|名|位|家|个家庭|户家庭)"
# A name and the group counted after it (王建国等10户, 李秀英等3人, 王伟等同志).
_COUNTED = re.compile(rf"(?:{_NAME})(?=等(?:{_COUNT}|同志|人|户))")
# A list of items joined by 、 (the items' outer ones run on into the sentence).
_LIST = re.compile(rf"(?<![{_HAN}·•])[{_HAN}·•]++(?:、[{_HAN}·•]++)+")  # linear: no start inside a run
# What may follow the last name of a list: its end, a mark, 等, an honorific, or the sentence going on.
_AFTER_LAST = re.compile(rf"(?:{FOLLOW}|{_COUNT}|同志|先生|女士|家庭|户|获|被|荣获|均|共|分别|分管|主管|主持)")


_HOUSEHOLD = "户家"
_NOT_NAME_WORDS = tuple(word for word in NOT_NAMES.split("|") if len(word) > 1)  # 信息, 方式: words, not names
_DOTTED = re.compile(rf"[{_HAN}]{{1,8}}[·•][{_HAN}]{{1,10}}")


def _a_name(token: str) -> bool:
    """The token is a person's name by its shape, not a catalog word, place or anonymised name."""
    if not token or NOT_A_PERSON.search(token) or token in _WORDS or token in TABLE_WORDS or token[-1] in _PLACE_ENDING:
        return False
    if token.startswith(_NOT_NAME_WORDS):
        return False
    dotted = bool(_DOTTED.fullmatch(token))
    if not dotted and not names_a_person(token):
        return False
    return dotted or len(token) > 2 or token[:2] in COMPOUND_SURNAMES.split("|") or token[1] in _GIVEN


def exactly_a_name(value: str) -> bool:
    """A field that is one name and nothing else (a tag 王建国, a resource called 李秀英 or 李秀英.xlsx),
    or one household named after a person (王建国户, 王建国家; not 低保户, 张家, 万元户)."""
    text = re.sub(r"\.[A-Za-z0-9]{2,5}$", "", value.strip())
    if text[-1:] in _HOUSEHOLD and len(text) > 2:  # the household's stem decides (文明户, 王岗户: no one's)
        return _a_name(text[:-1])
    return _a_name(text)


def _tail_name(segment: str) -> str:
    """The name that ends a list's first item (有王建国 → 王建国), or ''."""
    return next((segment[-n:] for n in (3, 2, 4) if len(segment) >= n and _a_name(segment[-n:])), "")


def _head_name(segment: str) -> str:
    """The name that starts a list's last item, where the sentence goes on after it (李秀英等 → 李秀英)."""
    for n in (n for n in (3, 2, 4) if len(segment) >= n):
        rest = segment[n:]
        counted = re.match(_COUNT, segment[n - 1:])  # 黎明三户: the name is 黎明
        if not counted and _a_name(segment[:n]) and (not rest or _AFTER_LAST.match(rest)):
            return segment[:n]
    return ""


def _list_names(text: str) -> Iterator[Finding]:
    for match in _LIST.finditer(text):
        items = match.group().split("、")
        middle = items[1:-1] if len(items) > 2 else []
        first, last = _tail_name(items[0]), _head_name(items[-1])
        if not first or not last or not all(_a_name(item) for item in middle):
            continue
        start = match.start() + len(items[0]) - len(first)
        yield Finding("person_name", first, start, start + len(first))
        position = match.start() + len(items[0]) + 1
        for item in items[1:]:
            name = item if item is not items[-1] else last
            yield Finding("person_name", name, position, position + len(name))
            position += len(item) + 1


def _counted_names(text: str) -> Iterator[Finding]:
    for match in _COUNTED.finditer(text):
        # the name is the longest person's name ending before 等 (农民工等 and 居民等 are no one's)
        for n in (4, 3, 2):
            start = match.end() - n
            token = text[start:match.end()]
            if start >= match.start() and _a_name(token):
                yield Finding("person_name", token, start, match.end())
                break


a_name, GIVEN, WORDS = _a_name, _GIVEN, _WORDS  # for context_names.py's rules


def unlabelled_names(text: str) -> Iterator[Finding]:
    """Names in prose known by their context (a counted group, a list of names), left to right."""
    yield from sorted({*_counted_names(text), *_list_names(text)}, key=lambda finding: finding.start)
