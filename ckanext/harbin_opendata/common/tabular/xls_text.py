"""Text an old (BIFF8) XLS workbook holds outside its cells, which python-calamine does not read.
Its records are scanned (type and length, no more): page headers and footers (HEADER, FOOTER and
HEADERFOOTER records), the names of chart and macro sheets (BOUNDSHEET), the user who saved it
last (WRITEACCESS), and the series names and cached values of charts (SERIESTEXT, LABEL, NUMBER in
a chart's substream) are decoded with xlrd's string helpers; notes and their authors are read with
xlrd, the maintained reader of the format, as are its defined names and their constant values; its
document properties (author...) with ole_properties.py.
A text box or shape holds its text the way a note does, but no maintained package reads it: a
workbook with more texts than notes, with a note xlrd does not return, or in an older BIFF version
(Excel 95) holding any of these, is unreadable — not clear: saved as XLSX, it is read in full."""
from __future__ import annotations

import io
import re
import struct
from typing import Iterator

import xlrd
from xlrd.biffh import unpack_unicode, unpack_unicode_update_pos
from xlrd.compdoc import CompDoc, CompDocError
from xlrd.formula import oSTRG

from .errors import TableError
from .ole_properties import PROPERTY_STREAMS, property_strings
from .outside_parts import COMMENTS, DRAWINGS, HEADER_FOOTER, NAMES, PROPERTIES, refuse_embedded
from .sniff import XLS

__all__ = ["xls_texts"]

_BOF, _EOF, _SHEET, _NOTE, _TEXT, _USER, _NAME = 0x0809, 0x000A, 0x0085, 0x001C, 0x01B6, 0x005C, 0x0018
_HEADER, _FOOTER, _HEADER_FOOTER = 0x0014, 0x0015, 0x089C
_SERIES_TEXT, _LABEL, _NUMBER = 0x100D, 0x0204, 0x0203
_BIFF8, _CHART = 0x0600, 0x0020
_UNREAD = "xls_text"  # text no reader reads (TableError's kind)
_EMBEDDED = re.compile(r"MBD[0-9A-F]{8}$")  # the storage of an embedded OLE object (a document, a workbook)
_TEXTS, _CHART_TEXTS = {_HEADER, _FOOTER, _HEADER_FOOTER, _NOTE, _TEXT, _USER, _NAME}, {_SERIES_TEXT, _LABEL, _NUMBER}
_BUILT_IN = 0x0020  # a NAME record's flag: Print_Area, Print_Titles...


def _records(stream: bytes) -> Iterator[tuple[int, bytes]]:
    position = 0
    while position + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, position)
        yield kind, stream[position + 4:position + 4 + size]
        position += 4 + size


def _workbook_stream(document: CompDoc) -> bytes:
    for name in ("Workbook", "Book"):
        memory, base, size = document.locate_named_stream(name)
        if memory is not None:
            return memory[base:base + size]
    raise TableError("unreadable", kind=XLS)


def _headers_and_footers(kind: int, data: bytes) -> list[str]:
    if kind != _HEADER_FOOTER:
        return [unpack_unicode(data, 0, lenlen=2)]
    texts, position = [], 38  # after the future record header, the view's id and flags: four lengths
    for length in struct.unpack_from("<4H", data, 30):
        if length:
            text, position = unpack_unicode_update_pos(data, position, lenlen=2)
            texts.append(text)
    return texts


def _chart_text(kind: int, data: bytes) -> str:
    if kind == _NUMBER:
        value = struct.unpack_from("<d", data, 6)[0]
        return str(int(value)) if value.is_integer() else repr(value)
    return unpack_unicode(data, 2, lenlen=1) if kind == _SERIES_TEXT else unpack_unicode(data, 6, lenlen=2)


def _book_texts(data: bytes, notes: int) -> Iterator[tuple[str, str]]:
    """The defined names with their constant values (=\"张伟 13812345678\") and the notes, read by xlrd."""
    book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=io.StringIO())
    for name in book.name_obj_list:
        if not name.builtin:
            yield NAMES, name.name
            if name.result is not None and name.result.kind == oSTRG:
                yield NAMES, str(name.result.value)
    if notes:
        yield from ((COMMENTS, text) for text in _notes(book, notes))


def _notes(book: xlrd.Book, expected: int) -> list[str]:
    texts = []
    for index in range(book.nsheets):
        texts += [text for note in book.sheet_by_index(index).cell_note_map.values() for text in (note.author, note.text)]
        book.unload_sheet(index)
    if len(texts) < 2 * expected:  # a note xlrd did not return
        raise TableError("unreadable", kind=_UNREAD)
    return texts


def _properties(document: CompDoc) -> Iterator[tuple[str, str]]:
    for name in PROPERTY_STREAMS:
        if (stream := document.get_named_stream(name)) is not None:
            yield from ((PROPERTIES, text) for text in property_strings(stream))


def _scan(data: bytes) -> Iterator[tuple[str, str]]:
    document = CompDoc(data, logfile=io.StringIO())
    refuse_embedded((entry.name for entry in document.dirlist), _EMBEDDED)
    yield from _properties(document)
    substreams, version, notes, texts, names = [], 0, 0, 0, 0
    for kind, record in _records(_workbook_stream(document)):
        if kind == _BOF:
            version, substream = struct.unpack_from("<HH", record)
            substreams.append(substream)
            continue
        if kind == _EOF:
            substreams = substreams[:-1]
            continue
        in_chart = bool(substreams) and substreams[-1] == _CHART
        if not (kind in _TEXTS and record or kind == _SHEET and record[5] or in_chart and kind in _CHART_TEXTS):
            continue
        if version != _BIFF8:  # Excel 95 and older: their text is not decoded
            raise TableError("unreadable", kind=_UNREAD)
        if kind == _NOTE:
            notes += 1
        elif kind == _NAME:
            names += not struct.unpack_from("<H", record)[0] & _BUILT_IN
        elif kind == _TEXT:
            texts += struct.unpack_from("<H", record, 10)[0] > 0
        elif kind == _SHEET:  # not a worksheet (their names are read with their cells)
            yield NAMES, unpack_unicode(record, 6, lenlen=1)
        elif kind == _USER:  # who saved the workbook last (padded with spaces)
            yield PROPERTIES, unpack_unicode(record, 0, lenlen=2)
        elif kind in (_HEADER, _FOOTER, _HEADER_FOOTER):
            yield from ((HEADER_FOOTER, text) for text in _headers_and_footers(kind, record))
        else:
            yield DRAWINGS, _chart_text(kind, record)
    if texts > notes:  # a text box or shape
        raise TableError("unreadable", kind=_UNREAD)
    if notes or names:
        yield from _book_texts(data, notes)


def xls_texts(path: str) -> Iterator[tuple[str, str]]:
    """(part, text) for each text of an XLS outside its cells (the parts of workbook_text.py).
    Raises TableError when it holds text that cannot be read."""
    with open(path, "rb") as source:
        data = source.read()
    try:
        yield from _scan(data)
    except (xlrd.XLRDError, CompDocError, AssertionError, struct.error, IndexError, KeyError,
            UnicodeDecodeError) as error:
        raise TableError("unreadable", kind=XLS) from error
