"""Text a workbook holds outside its cells' values, which the cell reader (workbook.py) never sees:
comments and notes with their authors, page headers and footers, and the text of shapes, text boxes
and charts; of an XLSX also what it says about itself (xlsx_metadata.py); of an XLS what its
records hold (xls_text.py). The privacy scan reads it (a phone number in a note is published with
the file); the masked copy, written cell by cell, carries none of it."""
from __future__ import annotations

import html
import re
import zipfile
from typing import Iterator

from .sniff import XLS, XLSX
from .workbook import Limits, check_packed
from .outside_parts import COMMENTS, DRAWINGS, HEADER_FOOTER, LINKS, NAMES, PROPERTIES, VALIDATION
from .xls_text import xls_texts
from .xlsx_metadata import metadata_texts
from .xml_parts import element_texts, unreadable

__all__ = ["COMMENTS", "HEADER_FOOTER", "DRAWINGS", "PROPERTIES", "LINKS", "NAMES", "VALIDATION", "workbook_texts"]

# Notes (xl/comments1.xml, or xl/comments/comment1.xml as openpyxl writes them), threaded comments
# and their authors (xl/persons/person.xml). Legacy VML parts only draw the note's box.
_COMMENT_PARTS = re.compile(r"xl/(?:[^/]+/)?[^/]*(?:comment|person)[^/]*\.xml$", re.IGNORECASE)
_DRAWING_PARTS = re.compile(r"xl/(?:drawings|charts)/[^/]+\.xml$", re.IGNORECASE)
_SHEET_PARTS = re.compile(r"xl/(?:worksheets|chartsheets)/[^/]+\.xml$", re.IGNORECASE)
_CHUNK = 1 << 20
# Codes of a header or footer (&L &C &R sections, &"font,Bold", &12 size, &P page, &K colour).
_CODES = re.compile(r'&(?:"[^"]*"|K[0-9A-Fa-f]{6}|[0-9]+|.)')
_ATTRIBUTES = ("displayName", "userId")  # a comment author's name and sign-in (persons.xml)
# A sheet's elements holding text besides its cells: its page headers and footers, the lists and
# messages of its data validations (a drop-down of 经办人 names), its hyperlinks' tooltips.
_SHEET_BLOCKS = {"headerFooter": HEADER_FOOTER, "dataValidation": VALIDATION, "hyperlink": LINKS}
_SHEET_ATTRIBUTES = ("prompt", "promptTitle", "error", "errorTitle", "tooltip", "display")
# A header's codes become spaces; a validation list ("张伟,李娜") one item a line, each judged alone.
_SHEET_CLEANING = {"headerFooter": lambda text: _CODES.sub(" ", text),
                   "dataValidation": lambda text: re.sub(r'[",]', "\n", text)}
_ATTRIBUTE = re.compile(rb"""\s(?:[\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_KEEP = 4096  # a start tag cut by a chunk's end is kept for the next (attributes included)
_TAG = re.compile(rb"<[^>]*>")
# OpenDocument: notes (office:annotation, with their author) and text boxes in content.xml, page
# headers and footers in styles.xml.
_ODS_CONTENT = ("annotation", "text-box")
_ODS_STYLES = ("header", "footer", "header-left", "footer-left", "header-first", "footer-first")


def _attribute_values(start_tag: bytes, names: tuple[str, ...]) -> Iterator[str]:
    for match in _ATTRIBUTE.finditer(start_tag):
        value = html.unescape((match.group(2) or match.group(3) or b"").decode("utf-8", "replace"))
        if match.group(1).decode() in names and value.strip():
            yield value


def _block_texts(archive: zipfile.ZipFile, name: str, tags: tuple[str, ...],
                 attributes: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """(tag, text) for the text of every element named by `tags` (any namespace prefix) and the
    values of its attributes named by `attributes`, found in the part's bytes as they stream: a
    sheet's XML may be hundreds of megabytes (an XLSX sheet's <headerFooter> comes near its end; an
    ODS's notes sit among its cells). Each element's tags become line breaks."""
    names = b"|".join(re.escape(tag.encode()) for tag in tags)
    start_re = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(" + names + rb")(?=[\s/>])[^>]*?(/?)>")
    buffer, end_re = b"", None
    with archive.open(name) as part:
        while chunk := part.read(_CHUNK):
            buffer += chunk
            while True:
                if end_re is None:
                    start = start_re.search(buffer)
                    if start is None:  # keep a start tag the chunk's end may have cut
                        cut = buffer.rfind(b"<")
                        buffer = buffer[cut:] if cut >= 0 and len(buffer) - cut < _KEEP else b""
                        break
                    buffer, tag = buffer[start.end():], start.group(1).decode()
                    yield from ((tag, value) for value in _attribute_values(start.group(0), attributes))
                    if start.group(2):  # an empty element
                        continue
                    end_re = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?" + re.escape(start.group(1)) + rb">")
                end = end_re.search(buffer)
                if end is None:
                    break
                text = html.unescape(_TAG.sub(b"\n", buffer[:end.start()]).decode("utf-8", "replace"))
                if text.strip():
                    yield tag, text
                buffer, end_re = buffer[end.end():], None


def _ods_texts(path: str, limits: Limits) -> Iterator[tuple[str, str]]:
    check_packed(path, limits)
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if "content.xml" in names:
            for _, text in _block_texts(archive, "content.xml", _ODS_CONTENT):
                yield COMMENTS, text
        if "styles.xml" in names:
            for _, text in _block_texts(archive, "styles.xml", _ODS_STYLES):
                yield HEADER_FOOTER, text


def _xlsx_texts(path: str, limits: Limits) -> Iterator[tuple[str, str]]:
    names = [member.filename for member in check_packed(path, limits)]
    with zipfile.ZipFile(path) as archive:
        for name in names:
            if _COMMENT_PARTS.match(name):
                yield from ((COMMENTS, text) for text in element_texts(archive, name, attributes=_ATTRIBUTES))
            elif _DRAWING_PARTS.match(name):
                yield from ((DRAWINGS, text) for text in element_texts(archive, name, attributes=_ATTRIBUTES))
            elif _SHEET_PARTS.match(name):
                for tag, text in _block_texts(archive, name, tuple(_SHEET_BLOCKS), _SHEET_ATTRIBUTES):
                    yield _SHEET_BLOCKS[tag], _SHEET_CLEANING.get(tag, str)(text)
        yield from metadata_texts(archive, names)


def workbook_texts(path: str, kind: str, limits: Limits) -> Iterator[tuple[str, str]]:
    """(part, text) for each text of an XLSX or ODS workbook outside its cells, part one of
    COMMENTS, HEADER_FOOTER, DRAWINGS (and of an XLSX: PROPERTIES, LINKS, NAMES). Raises TableError when the workbook cannot be read safely."""
    if kind == XLS:
        yield from ((part, _CODES.sub(" ", text) if part == HEADER_FOOTER else text) for part, text in xls_texts(path))
        return
    with unreadable(kind):
        yield from (_xlsx_texts if kind == XLSX else _ods_texts)(path, limits)
