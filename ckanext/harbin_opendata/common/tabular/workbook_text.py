"""Text an XLSX workbook holds outside its cells' values, which the cell reader (workbook.py) never
sees: comments and notes with their authors, page headers and footers, and the text of shapes, text
boxes and charts. The privacy scan reads it (a phone number in a note is published with the file);
the masked copy, written cell by cell, carries none of it."""
from __future__ import annotations

import re
import zipfile
from typing import Iterator
from xml.etree import ElementTree

from .errors import TableError
from .sniff import XLSX
from .workbook import Limits, check_packed

__all__ = ["COMMENTS", "HEADER_FOOTER", "DRAWINGS", "workbook_texts"]

COMMENTS, HEADER_FOOTER, DRAWINGS = "comments", "header_footer", "drawings"
# Notes (xl/comments1.xml, or xl/comments/comment1.xml as openpyxl writes them), threaded comments
# and their authors (xl/persons/person.xml). Legacy VML parts only draw the note's box.
_COMMENT_PARTS = re.compile(r"xl/(?:[^/]+/)?[^/]*(?:comment|person)[^/]*\.xml$", re.IGNORECASE)
_DRAWING_PARTS = re.compile(r"xl/(?:drawings|charts)/[^/]+\.xml$", re.IGNORECASE)
_SHEET_PARTS = re.compile(r"xl/(?:worksheets|chartsheets)/[^/]+\.xml$", re.IGNORECASE)
_CHUNK = 1 << 20
# Codes of a header or footer (&L &C &R sections, &"font,Bold", &12 size, &P page, &K colour).
_CODES = re.compile(r'&(?:"[^"]*"|K[0-9A-Fa-f]{6}|[0-9]+|.)')
_ATTRIBUTES = ("displayName", "userId")  # a comment author's name and sign-in (persons.xml)
_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?headerFooter\b[^>]*?(/?)>")
_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?headerFooter>")
_KEEP = 64  # bytes kept between chunks: a start tag cut by a chunk's end is found in the next


def _texts(data: bytes) -> Iterator[str]:
    """Every text of an XML part, and the attributes that name a person."""
    for element in ElementTree.fromstring(data).iter():
        if element.text and element.text.strip():
            yield element.text
        yield from (value for key, value in element.attrib.items() if key in _ATTRIBUTES and value.strip())


def _header_footer(archive: zipfile.ZipFile, name: str) -> Iterator[str]:
    """The headers and footers of a sheet: its <headerFooter> element, found in the part's bytes as
    they stream (a sheet's XML may be hundreds of megabytes; the element comes near its end)."""
    buffer, start = b"", None
    with archive.open(name) as part:
        while chunk := part.read(_CHUNK):
            buffer += chunk
            if start is None:
                start = _START.search(buffer)
                if start is None:
                    buffer = buffer[-_KEEP:]
                    continue
                if start.group(1):  # <headerFooter/>: none
                    return
                buffer, start = buffer[start.end():], True
            end = _END.search(buffer)
            if end is not None:
                inner = re.sub(rb"<(/?)[A-Za-z_][\w.-]*:", rb"<\1", buffer[:end.start()])  # x:oddHeader
                for text in _texts(b"<headerFooter>" + inner + b"</headerFooter>"):
                    yield _CODES.sub(" ", text)
                return


def workbook_texts(path: str, limits: Limits) -> Iterator[tuple[str, str]]:
    """(kind, text) for each text of the XLSX workbook outside its cells, kind one of COMMENTS,
    HEADER_FOOTER, DRAWINGS. Raises TableError when the workbook cannot be read safely."""
    names = [member.filename for member in check_packed(path, limits)]
    try:
        with zipfile.ZipFile(path) as archive:
            for name in names:
                if _COMMENT_PARTS.match(name):
                    yield from ((COMMENTS, text) for text in _texts(archive.read(name)))
                elif _DRAWING_PARTS.match(name):
                    yield from ((DRAWINGS, text) for text in _texts(archive.read(name)))
                elif _SHEET_PARTS.match(name):
                    yield from ((HEADER_FOOTER, text) for text in _header_footer(archive, name))
    except (ElementTree.ParseError, zipfile.BadZipFile, OSError, EOFError) as error:  # unread is not clear
        raise TableError("unreadable", kind=XLSX) from error
