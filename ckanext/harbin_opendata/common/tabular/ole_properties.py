"""The document properties an OLE compound file (an XLS) keeps beside its workbook: title, subject,
author, keywords, comments and last author (the \\x05SummaryInformation stream); manager, company,
category and user-defined properties (\\x05DocumentSummaryInformation). Only the property sets' own
layout is walked (MS-OLEPS: sections of typed values); their strings are what the scan reads."""
from __future__ import annotations

import codecs
import struct
from typing import Iterator

__all__ = ["PROPERTY_STREAMS", "property_strings"]

PROPERTY_STREAMS = ("\x05SummaryInformation", "\x05DocumentSummaryInformation")
_CODE_PAGE, _ANSI, _UNICODE = 1, 0x001E, 0x001F  # the code page's property id; string types
_ENCODINGS = {1200: "utf-16-le", 65001: "utf-8"}


def _encoding(code_page: int) -> str:
    name = _ENCODINGS.get(code_page, f"cp{code_page}")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "gb18030"


def _section(stream: bytes, start: int) -> Iterator[str]:
    count = struct.unpack_from("<I", stream, start + 4)[0]
    places = dict(struct.unpack_from("<II", stream, start + 8 + 8 * index) for index in range(count))
    code_page = struct.unpack_from("<H", stream, start + places[_CODE_PAGE] + 4)[0] if _CODE_PAGE in places else 936
    for offset in places.values():
        position = start + offset
        kind, size = struct.unpack_from("<HxxI", stream, position)
        if kind == _ANSI:
            yield stream[position + 8:position + 8 + size].decode(_encoding(code_page), "replace").split("\0")[0]
        elif kind == _UNICODE:
            yield stream[position + 8:position + 8 + 2 * size].decode("utf-16-le", "replace").split("\0")[0]


def property_strings(stream: bytes) -> Iterator[str]:
    """Every string property of every section of a property-set stream (raises struct.error or
    KeyError when the stream is cut short)."""
    for number in range(struct.unpack_from("<I", stream, 24)[0]):
        yield from (text for text in _section(stream, struct.unpack_from("<I", stream, 44 + 20 * number)[0])
                    if text.strip())
