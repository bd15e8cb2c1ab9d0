"""Text a workbook holds outside its cells' values, which the cell reader (workbook.py) never sees:
comments and notes with their authors, page headers and footers, and the text of shapes, text boxes
and charts; of an XLSX also what it says about itself (xlsx_metadata.py); of an XLS what its
records hold (xls_text.py). The privacy scan reads it (a phone number in a note is published with
the file); the masked copy, written cell by cell, carries none of it."""
from __future__ import annotations

import re
import zipfile
from typing import Iterator

from .ods_text import ods_texts
from .outside_parts import (COMMENTS, DRAWINGS, FORMULAS, HEADER_FOOTER, LINKS, NAMES, OTHER_PARTS, PHONETIC,
                            PROPERTIES, SHOWN_TEXT, UNUSED_STRINGS, VALIDATION, formula_literals, one_item_a_line,
                            refuse_embedded)
from .package_parts import other_part_texts
from .shared_strings import shared_string_texts
from .sniff import XLS, XLSX
from .workbook import Limits, check_packed
from .xls_text import xls_texts
from .xlsx_metadata import metadata_texts
from .xml_blocks import block_texts
from .xml_parts import element_texts, unreadable

__all__ = ["COMMENTS", "HEADER_FOOTER", "DRAWINGS", "PROPERTIES", "LINKS", "NAMES", "VALIDATION", "FORMULAS",
           "UNUSED_STRINGS", "PHONETIC", "SHOWN_TEXT", "OTHER_PARTS", "workbook_texts"]

# Notes (xl/comments1.xml, or xl/comments/comment1.xml as openpyxl writes them), threaded comments
# and their authors (xl/persons/person.xml). Legacy VML parts draw the notes' boxes (empty) and
# hold the text of form controls and legacy text boxes (HTML-like, read as bytes: not always XML).
_COMMENT_PARTS = re.compile(r"xl/(?:[^/]+/)?[^/]*(?:comment|person)[^/]*\.xml$", re.IGNORECASE)
_DRAWING_PARTS = re.compile(r"xl/(?:drawings|charts)/[^/]+\.xml$", re.IGNORECASE)
_VML_PARTS = re.compile(r"xl/drawings/[^/]+\.vml$", re.IGNORECASE)
_SHEET_PARTS = re.compile(r"xl/(?:worksheets|chartsheets)/[^/]+\.xml$", re.IGNORECASE)
_EMBEDDED = re.compile(r"xl/embeddings/", re.IGNORECASE)  # OLE objects and packages (documents, workbooks)
# Codes of a header or footer (&L &C &R sections, &"font,Bold", &12 size, &P page, &K colour).
_CODES = re.compile(r'&(?:"[^"]*"|K[0-9A-Fa-f]{6}|[0-9]+|.)')
_ATTRIBUTES = ("displayName", "userId")  # a comment author's name and sign-in (persons.xml)
# A sheet's elements holding text besides its cells: its page headers and footers, the lists and
# messages of its data validations (a drop-down of 经办人 names), its hyperlinks' tooltips, the text
# literals of its cells' formulas, the phonetic runs of its inline strings, its conditional formats'
# formulas and texts (=$A2="230102…" highlights one person's row), its filters' values, its
# scenarios (name, author, comment, input values), its protected ranges' and custom properties'
# names and its code name.
_SHEET_BLOCKS = {"headerFooter": HEADER_FOOTER, "dataValidation": VALIDATION, "hyperlink": LINKS, "f": FORMULAS,
                 "rPh": PHONETIC, "cfRule": FORMULAS, "filter": OTHER_PARTS, "customFilter": OTHER_PARTS,
                 "scenario": OTHER_PARTS, "inputCells": OTHER_PARTS, "protectedRange": OTHER_PARTS,
                 "customPr": OTHER_PARTS, "sheetPr": OTHER_PARTS}
_SHEET_ATTRIBUTES = ("prompt", "promptTitle", "error", "errorTitle", "tooltip", "display", "text", "val", "name",
                     "user", "comment", "codeName")
_SHEET_CLEANING = {"headerFooter": lambda text: _CODES.sub(" ", text), "dataValidation": one_item_a_line,
                   "f": formula_literals}


# Parts read by a reader of their own (here, xlsx_metadata.py, shared_strings.py, cached_cells.py) or
# holding no text (the formulas' calculation order, the content types, the package's relationships).
_READ_ELSEWHERE = re.compile(r"(?:xl/(?:[^/]+/)?[^/]*(?:comment|person)[^/]*\.xml|xl/(?:drawings|charts)/[^/]+\.(?:xml|vml)"
                             r"|xl/(?:worksheets|chartsheets)/[^/]+\.xml|xl/(?:[^/]+/)*[^/]*sharedStrings[^/]*\.xml"
                             r"|xl/pivotCache/.*|xl/externalLinks/[^/]+\.xml|xl/calcChain\.xml|xl/connections\.xml"
                             r"|docProps/(?:core|custom)\.xml|customXml/item[0-9]*\.xml|.*\.rels|\[Content_Types\]\.xml)$",
                             re.IGNORECASE)


def _xlsx_texts(path: str, limits: Limits) -> Iterator[tuple[str, str]]:
    names = [member.filename for member in check_packed(path, limits)]
    refuse_embedded(names, _EMBEDDED)
    with zipfile.ZipFile(path) as archive:
        for name in names:
            if _COMMENT_PARTS.match(name):
                yield from ((COMMENTS, text) for text in element_texts(archive, name, attributes=_ATTRIBUTES))
            elif _DRAWING_PARTS.match(name):
                yield from ((DRAWINGS, text) for text in element_texts(archive, name, attributes=_ATTRIBUTES))
            elif _VML_PARTS.match(name):
                yield from ((DRAWINGS, text) for _, text in block_texts(archive, name, ("textbox",)))
            elif _SHEET_PARTS.match(name):
                for tag, text in block_texts(archive, name, tuple(_SHEET_BLOCKS), _SHEET_ATTRIBUTES):
                    if cleaned := _SHEET_CLEANING.get(tag, str)(text):
                        yield _SHEET_BLOCKS[tag], cleaned
        yield from metadata_texts(archive, names)
        yield from shared_string_texts(archive, names)
        yield from ((OTHER_PARTS, text) for text in other_part_texts(archive, names, _READ_ELSEWHERE.match))


def workbook_texts(path: str, kind: str, limits: Limits) -> Iterator[tuple[str, str]]:
    """(part, text) for each text of a workbook outside its cells, part one of outside_parts.py's.
    Raises TableError when the workbook cannot be read safely."""
    if kind == XLS:
        yield from ((part, _CODES.sub(" ", text) if part == HEADER_FOOTER else text) for part, text in xls_texts(path))
        return
    with unreadable(kind):
        yield from (_xlsx_texts if kind == XLSX else ods_texts)(path, limits)
