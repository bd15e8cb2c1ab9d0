"""Numbers of identity documents other than the resident ID: passports (E12345678, EA1234567,
G12345678, P…), 港澳/台湾 travel permits (C12345678, H1234567890) and 军官证/士兵证/警官证
(军字第2023015号). None has a check rule, and by content alone their shapes are also batch, product
and file numbers (E12345678, 政字第123号), so they are found only under a header that names such a
document (护照号码, 军官证号, 证件号码, passport): any cell there shaped like one is one. A masked
cell (*) never is."""
from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from .names import compact_header

__all__ = ["KIND", "is_document_header", "document_numbers"]

KIND = "id_document"
_HEADER = re.compile(r"护照|passport|军官证|士兵证|警官证|军人证|通行证|台胞证|回乡证|旅行证|居留证|证件号|证件编号|证件号码",
                     re.IGNORECASE)
# A passport or permit: one or two letters and 7-10 digits; an officer's or soldier's card: a
# character or two, 字第, digits, 号.
_SHAPE_RE2 = (r"^(?:[A-Za-z]{1,2}[ ]?[0-9]{7,10}|[\x{4e00}-\x{9fff}]{0,3}字第[0-9]{4,10}号|"
              r"[\x{4e00}-\x{9fff}]{1,2}[0-9]{6,10})$")


def is_document_header(header: str) -> bool:
    return bool(_HEADER.search(compact_header(header)))


def document_numbers(column: pa.Array) -> pa.Array:
    """The cells of a column under a document header that are shaped like a document's number."""
    trimmed = pc.utf8_trim_whitespace(column)
    return pc.filter(trimmed, pc.match_substring_regex(trimmed, _SHAPE_RE2))
