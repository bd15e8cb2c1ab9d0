"""Where a workbook holds text outside its cells' values: the parts its readers (workbook_text.py)
report each text under."""
from __future__ import annotations

__all__ = ["COMMENTS", "HEADER_FOOTER", "DRAWINGS", "PROPERTIES", "LINKS", "NAMES", "VALIDATION"]

COMMENTS, HEADER_FOOTER, DRAWINGS = "comments", "header_footer", "drawings"
PROPERTIES, LINKS, NAMES, VALIDATION = "properties", "links", "names", "validation"
