"""Text an XLSX keeps about itself rather than in its sheets: its document properties (author, last
editor, manager, custom properties and custom XML parts: a person's name or e-mail), the targets of its hyperlinks
(mailto:, tel:, a path through a user's folder), its defined names with their values (a constant
such as ="张伟 13812345678"), its data connections (a database login, a query naming an ID), and the
names of the sheets the cell reader skips (chart, macro and
dialog sheets; the worksheets' names are scanned with their tables)."""
from __future__ import annotations

import re
import zipfile
from typing import Iterator
from urllib.parse import unquote

from .outside_parts import LINKS, NAMES, PROPERTIES
from .xml_parts import element_texts, local_name, xml_events

__all__ = ["metadata_texts"]

_CORE, _APP, _CUSTOM = "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"
_CONNECTIONS = "xl/connections.xml"
_CONNECTION_TEXTS = ("name", "description", "connection", "command", "url", "sourceFile")
_CUSTOM_XML = re.compile(r"customXml/item[0-9]*\.xml$", re.IGNORECASE)  # e.g. a document library's owner
_APP_PERSON = ("Manager",)  # the others name the application, the agency (Company) and the sheets
_RELS = re.compile(r"xl/(?:[^/]+/)*_rels/[^/]+\.rels$", re.IGNORECASE)
_WORKBOOK, _WORKBOOK_RELS = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"
_EXTERNAL_NAMES = re.compile(r"xl/externalLinks/externalLink[0-9]*\.xml$", re.IGNORECASE)
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _targets(archive: zipfile.ZipFile, name: str, external: bool) -> dict[str, str]:
    """Id: target of the relationships of a .rels part, only those outside the file if `external`."""
    return {element.get("Id", ""): element.get("Target", "") for event, element in xml_events(archive, name)
            if event == "start" and local_name(element) == "Relationship"
            and (not external or element.get("TargetMode") == "External")}


def _skipped_sheets(archive: zipfile.ZipFile, names: set[str]) -> Iterator[str]:
    """The names of the sheets that are not worksheets (their parts are not under worksheets/)."""
    targets = _targets(archive, _WORKBOOK_RELS, external=False) if _WORKBOOK_RELS in names else {}
    for event, element in xml_events(archive, _WORKBOOK):
        if event == "start" and local_name(element) == "sheet" \
                and "worksheets/" not in targets.get(element.get(_RELATIONSHIP_ID, ""), "worksheets/"):
            yield element.get("name", "")


def metadata_texts(archive: zipfile.ZipFile, names: list[str]) -> Iterator[tuple[str, str]]:
    """(part, text) for each text of the workbook about itself, part one of PROPERTIES, LINKS, NAMES."""
    present = set(names)
    for name, tags, attributes in ((_CORE, None, ()), (_APP, _APP_PERSON, ()), (_CUSTOM, None, ("name",))):
        if name in present:
            yield from ((PROPERTIES, text) for text in element_texts(archive, name, tags, attributes))
    for name in names:
        if _CUSTOM_XML.match(name):
            yield from ((PROPERTIES, text) for text in element_texts(archive, name))
        elif _RELS.match(name):
            yield from ((LINKS, unquote(target)) for target in _targets(archive, name, external=True).values())
        elif _EXTERNAL_NAMES.match(name):  # the linked workbook's sheets and names
            yield from ((NAMES, text) for text in element_texts(archive, name, ("sheetName", "definedName"),
                                                                ("val", "name", "refersTo")))
    if _CONNECTIONS in present:
        yield from ((LINKS, text) for text in element_texts(archive, _CONNECTIONS, attributes=_CONNECTION_TEXTS))
    if _WORKBOOK in present:
        yield from ((NAMES, text) for text in element_texts(archive, _WORKBOOK, ("definedName",), ("name",)))
        yield from ((NAMES, name) for name in _skipped_sheets(archive, present) if name.strip())
