"""Where a workbook holds text outside its cells' values: the parts its readers (workbook_text.py)
report each text under."""
from __future__ import annotations

import re
from typing import Iterable

from .errors import TableError

__all__ = ["COMMENTS", "HEADER_FOOTER", "DRAWINGS", "PROPERTIES", "LINKS", "NAMES", "VALIDATION", "FORMULAS",
           "UNUSED_STRINGS", "PHONETIC", "SHOWN_TEXT", "OTHER_PARTS", "one_item_a_line", "formula_literals", "refuse_embedded"]

COMMENTS, HEADER_FOOTER, DRAWINGS = "comments", "header_footer", "drawings"
PROPERTIES, LINKS, NAMES, VALIDATION = "properties", "links", "names", "validation"
FORMULAS = "formulas"
# Strings of an XLSX's shared-string table no cell shows, phonetic runs (readings Excel keeps beside
# a string), and what an ODS cell shows (text:p) when its value (office:string-value) is another text.
UNUSED_STRINGS, PHONETIC, SHOWN_TEXT = "unused_strings", "phonetic", "shown_text"
# The text of the parts no reader of its own reads: styles, tables, pivot tables, settings (package_parts.py).
OTHER_PARTS = "other_parts"
_LITERAL = re.compile(r'"((?:[^"]|"")*)"')


def formula_literals(formula: str) -> str:
    """The text literals of a cell's formula, joined: a workbook saved without computed values
    (written by a program) shows =CONCAT("230103","198503","121239") or ="138"&"1234"&"5678" as the
    ID or the mobile when opened, while its cell holds no value to read."""
    return "".join(literal.replace('""', '"') for literal in _LITERAL.findall(formula))


def one_item_a_line(validation: str) -> str:
    """A validation's list ("张伟,李娜" in an XLSX, of:cell-content-is-in-list("张伟";"李娜") in an
    ODS) one item a line, each judged alone."""
    return re.sub(r'[",;]', "\n", validation)


def refuse_embedded(names: Iterable[str], embedded: re.Pattern) -> None:
    """A workbook embedding other files (a document, another workbook as an OLE object) is not
    checked in full: unreadable, not clear."""
    if any(embedded.match(name) for name in names):
        raise TableError("unreadable", kind="embedded")
