"""Home addresses (住址: 道里区安静路12号3单元502室, 和兴小区5栋2单元301). By content alone an
address is a business's as often as a person's (注册地址, 经营场所, 单位地址 are published by
design), so the optional address kind stays off by default; a column whose header names where a
person lives (住址, 家庭住址, 户籍地址, 现住址, 居住地址) is one whatever the scan's kinds: every unmasked
cell there that names a place (a digit or a place word) is a home address. A masked cell (*) never is."""
from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from .names import compact_header

__all__ = ["KIND", "is_home_address_header", "home_addresses"]

KIND = "address"
_HEADER = re.compile(r"住址|家庭地址|家庭住所|户籍地址|户籍所在地|户口所在地|居住地址|现居住地|常住地址|居住地$|home\s*address",
                     re.IGNORECASE)
# Headers naming an organisation's address though they hold a home-address word (单位住址, 企业住址).
_BUSINESS = re.compile(r"单位|企业|公司|机构|经营|注册|办公|门店|场所")
# A place: a digit or a word of an address, in a cell that holds a Chinese character.
_PLACE_RE2 = r"[\x{4e00}-\x{9fff}].*(?:[0-9０-９]|[省市区县乡镇村屯街路道巷号栋楼单元室组])|[省市区县乡镇村屯街路道巷号栋楼单元室组].*[\x{4e00}-\x{9fff}]"


def is_home_address_header(header: str) -> bool:
    text = compact_header(header)
    return bool(_HEADER.search(text)) and not _BUSINESS.search(text)


def home_addresses(column: pa.Array) -> pa.Array:
    """The cells of a column under a home-address header that name a place, unmasked."""
    trimmed = pc.utf8_trim_whitespace(column)
    place = pc.and_(pc.match_substring_regex(trimmed, _PLACE_RE2), pc.invert(pc.match_substring(trimmed, "*")))
    return pc.filter(trimmed, place)
