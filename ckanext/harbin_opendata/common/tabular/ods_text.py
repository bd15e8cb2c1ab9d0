"""Text an OpenDocument spreadsheet holds outside its cells' values: in content.xml its notes (with
their authors), text boxes, validation lists and messages, hyperlink targets and named expressions;
the text its cells show when the cell reader reads another value (ods_cells.py);
its conditional formats' and style maps' conditions, its filters' values, its database ranges'
names and the texts of its number styles; in styles.xml its page headers and footers; in meta.xml
its author, last editor and user-defined properties; in the content of each embedded chart
(Object <n>/content.xml) the copy of the cells the chart draws; every other part (the rest of
styles.xml, settings.xml, macros) whole (package_parts.py), each text reported once. An embedded OLE object makes the
spreadsheet unreadable, not clear."""
from __future__ import annotations

import re
import zipfile
from typing import Iterator

from .outside_parts import (COMMENTS, DRAWINGS, HEADER_FOOTER, LINKS, NAMES, OTHER_PARTS, PROPERTIES, VALIDATION,
                            one_item_a_line, refuse_embedded)
from .ods_cells import shown_texts
from .package_parts import other_part_texts
from .workbook import Limits, check_packed
from .xml_blocks import block_texts
from .xml_parts import element_texts

__all__ = ["ods_texts"]

_CONTENT = {"annotation": COMMENTS, "text-box": COMMENTS, "content-validation": VALIDATION, "a": LINKS,
            "named-expression": NAMES, "named-range": NAMES, "map": OTHER_PARTS, "condition": OTHER_PARTS,
            "filter-condition": OTHER_PARTS, "database-range": OTHER_PARTS, "text": OTHER_PARTS}
_CONTENT_ATTRIBUTES = ("condition", "href", "name", "expression", "value")
_STYLES = ("header", "footer", "header-left", "footer-left", "header-first", "footer-first")
_CHART_CONTENT = re.compile(r"Object [0-9]+/content\.xml$")
_EMBEDDED = re.compile(r"Object [0-9]+$")  # an OLE object (a document, another workbook), not an ODF one
# Read above, or holding no text (the list of the package's files).
_READ_ELSEWHERE = re.compile(r"(?:content\.xml|meta\.xml|Object [0-9]+/content\.xml|META-INF/manifest\.xml)$")


def _content_texts(archive: zipfile.ZipFile) -> Iterator[tuple[str, str]]:
    for tag, text in block_texts(archive, "content.xml", tuple(_CONTENT), _CONTENT_ATTRIBUTES):
        yield _CONTENT[tag], one_item_a_line(text) if _CONTENT[tag] == VALIDATION else text


def ods_texts(path: str, limits: Limits) -> Iterator[tuple[str, str]]:
    names = [member.filename for member in check_packed(path, limits)]
    refuse_embedded(names, _EMBEDDED)
    with zipfile.ZipFile(path) as archive:
        for name in names:
            if name == "content.xml":
                yield from _content_texts(archive)
                yield from shown_texts(archive)
            elif name == "styles.xml":
                yield from ((HEADER_FOOTER, text) for _, text in block_texts(archive, name, _STYLES))
            elif name == "meta.xml":
                yield from ((PROPERTIES, text) for text in element_texts(archive, name, attributes=("name",)))
            elif _CHART_CONTENT.match(name):
                yield from ((DRAWINGS, text) for text in element_texts(archive, name))
        yield from ((OTHER_PARTS, text) for text in other_part_texts(archive, names, _READ_ELSEWHERE.match,
                                                                     {"styles.xml": _STYLES}))
