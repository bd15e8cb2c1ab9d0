"""Where a workbook holds text outside its cells' values: the parts its readers (workbook_text.py)
report each text under."""
from __future__ import annotations

import re

__all__ = ["COMMENTS", "HEADER_FOOTER", "DRAWINGS", "PROPERTIES", "LINKS", "NAMES", "VALIDATION", "one_item_a_line"]

COMMENTS, HEADER_FOOTER, DRAWINGS = "comments", "header_footer", "drawings"
PROPERTIES, LINKS, NAMES, VALIDATION = "properties", "links", "names", "validation"


def one_item_a_line(validation: str) -> str:
    """A validation's list ("张伟,李娜" in an XLSX, of:cell-content-is-in-list("张伟";"李娜") in an
    ODS) one item a line, each judged alone."""
    return re.sub(r'[",;]', "\n", validation)
