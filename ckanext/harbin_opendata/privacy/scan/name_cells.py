"""Cells that are people's names though not one Chinese name alone: several names in one cell
(成员: 王建国、李秀英、张伟), a name and the person's phone (联系方式: 王建国 0451-86000000), a name in
pinyin (英文名: Wang Jianguo, 备注: WANG JIANGUO). A column counts them with the single names by
content (columns.py: most cells so shaped, the values varying as names do); each part of a list must be
a name by its shape alone (names.names_a_person: 项目、金额 or 南岗区、道里区 are none).

And the headers of the party of a ruling, a permit or a register (行政相对人名称, 当事人名称, 被处罚人,
申请人, 权利人, 经营者; 名称, 企业名称 or 主体名称 beside a credit-code column): such a column mixes companies and people (个体工商户 and natural persons beside
firms, the credit code empty for the people), so any cell shaped as a person's name makes it hold
names, whatever their share. A firm's name holding a person's (道里区李秀英副食店) is the registered
name of a business, public by registration, and stays as written; an anonymised name (王某, 张某某),
as a 公示 publishes it, is nobody's."""
from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from .names import NAME_SHAPE_RE2, a_persons_name, compact_header, names_a_person
from .pinyin_names import looks_like_pinyin_name

__all__ = ["is_party_header", "is_entity_name_header", "holds_credit_codes", "NAME_CELL_RE2", "name_cell_parts", "party_names"]

# Who was inspected (被检查单位, 检查对象, 业户): firms, and 个体户 or persons listed by their names.
_PARTY_HEADER = re.compile(r"相对人|当事人|被处罚|受处罚|处罚对象|申请人|权利人|经营者|被许可人|被执行人|经营主体|市场主体|"
                           r"被检查|受检|检查对象|抽检对象|业户|经营户")
# A firm's name column (名称, 企业名称, 主体名称) is a party's beside a credit-code column: a person (a
# 个体工商户 without a trade name, a natural person) has no code, and is listed by their name.
_ENTITY_NAME = re.compile(r"^(?:名称|(?:企业|单位|主体|市场主体|经营主体|机构|商户|经营户|纳税人|被检查对象)名称|企业|单位|商户)$")
_CREDIT_CODE = re.compile(r"信用代码|社会信用|注册号|营业执照号|执照编号")
# The party's type, code or count (行政相对人类别, 当事人证件号码, 申请人数) holds no name.
_NOT_PARTY = re.compile(r"类别|类型|性质|代码|编码|号码|证件|证号|数量|人数|地址|电话|住所|是否")
_NAME = NAME_SHAPE_RE2[1:-1]  # one name, without ^ and $
_SEPARATOR = "[、，,;；/ ]+"
# A mobile, or a landline with its area code (0451-86000000, (0451)86000000).
_PHONE = r"(?:1[3-9][0-9]{9}|[(（]?0[1-9][0-9]{1,2}[)）\-]?[ ]?[1-9][0-9]{6,7}(?:-[0-9]{1,4})?)"
# Shapes worth confirming one by one: names joined by separators, perhaps a phone after them; or
# two or three Latin words (a pinyin name).
_PINYIN_SHAPE_RE2 = r"^[A-Za-z]+(?:[ ._·-]+[A-Za-z]+){1,2}$"  # Zhang Wei, WANG Jian Guo
NAME_CELL_RE2 = rf"^(?:{_NAME})(?:{_SEPARATOR}(?:{_NAME}))*(?:[ ]*[(（:：]?[ ]*{_PHONE}[)）]?)?$|{_PINYIN_SHAPE_RE2}"
_PHONE_AT_END = re.compile(r"[ ]*[(（:：]?[ ]*(?:1[3-9][0-9]{9}|[(（]?0[1-9][0-9]{1,2}[)）\-]?[ ]?[1-9][0-9]{6,7}(?:-[0-9]{1,4})?)[)）]?$")
_SPLIT = re.compile(_SEPARATOR)


def is_party_header(header: str) -> bool:
    text = compact_header(header)
    return bool(_PARTY_HEADER.search(text)) and not _NOT_PARTY.search(text)


def is_entity_name_header(header: str) -> bool:
    return bool(_ENTITY_NAME.search(compact_header(header)))


def holds_credit_codes(headers: list[str]) -> bool:
    """A table with a column of credit codes (统一社会信用代码, 注册号): its firms' name columns are parties'."""
    return any(_CREDIT_CODE.search(compact_header(header)) for header in headers)


def name_cell_parts(cell: str) -> list[str]:
    """The names a cell of NAME_CELL_RE2's shape holds ([] when it is none): every part of a list a
    name by its shape alone, at least two of them unless a phone follows; or a pinyin name."""
    text = cell.strip()
    if text[:1].isascii():
        return [text] if looks_like_pinyin_name(text) else []
    names = _PHONE_AT_END.sub("", text)
    parts = [part for part in _SPLIT.split(names) if part]
    enough = len(parts) >= 2 or names != text
    return parts if enough and all(names_a_person(part) for part in parts) else []


def party_names(cells: pa.Array) -> pa.Array:
    """The cells of a party's column (non-empty strings) that are a person's name (names.a_persons_name,
    as the masked copy masks them)."""
    trimmed = pc.utf8_trim_whitespace(cells)
    candidates = pc.filter(trimmed, pc.or_(pc.match_substring_regex(trimmed, NAME_SHAPE_RE2),
                                           pc.match_substring_regex(trimmed, _PINYIN_SHAPE_RE2)))
    return pc.filter(candidates, pa.array([a_persons_name(cell) for cell in candidates.to_pylist()], type=pa.bool_()))
