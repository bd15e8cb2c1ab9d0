"""The parts of a workbook's package that no reader of its own reads (workbook_text.py names those
that have one), read whole so nothing carried in the download goes unread: an XLSX's styles (number
formats such as "经办人李秀英 230102…"0 show in every formatted cell, cell-style names), its tables'
names and column names, pivot table definitions (item captions), slicers, query tables, the
workbook part (file-sharing user, code names), themes, custom UI; an ODS's styles (number styles'
texts, conditions), settings and macros. Every element's text and every attribute's value is
checked, each once. A printer-settings part is binary: its wide-character strings (a printer's or
a computer's name) are read. Other binary parts (a VBA project, ActiveX controls) hold text no
reader reads: the workbook is unreadable, not clear. Pictures and fonts hold no text."""
from __future__ import annotations

import re
import zipfile
from typing import Callable, Collection, Iterable, Iterator, Mapping, Optional

from .errors import TableError
from .xml_parts import local_name, xml_events

__all__ = ["other_part_texts"]

_XML = re.compile(r".*\.(?:xml|rels|vml|svg)$", re.IGNORECASE)
_PRINTER = re.compile(r".*printerSettings[^/]*\.bin$", re.IGNORECASE)
_NO_TEXT = re.compile(r".*\.(?:png|jpe?g|gif|bmp|tiff?|emf|wmf|emz|wmz|ico|odttf|ttf|otf|fntdata)$|mimetype$|.*/$",
                      re.IGNORECASE)
_WIDE_TEXT = re.compile(r"[^\x00-\x1f\ufffd]{2,}")


def _xml_texts(archive: zipfile.ZipFile, name: str, skipped: Collection[str] = ()) -> Iterator[str]:
    """Every text of the part but those inside a `skipped` element (read by a reader of its own)."""
    inside = 0
    for event, element in xml_events(archive, name):
        if skipped and local_name(element) in skipped:
            inside += 1 if event == "start" else -1
        elif inside:
            continue
        elif event == "start":
            yield from (value for value in element.attrib.values() if value.strip())
        elif element.text and element.text.strip():
            yield element.text


def _wide_strings(archive: zipfile.ZipFile, name: str) -> Iterator[str]:
    with archive.open(name) as part:
        data = part.read()
    yield from _WIDE_TEXT.findall(data[:len(data) // 2 * 2].decode("utf-16-le", "replace"))


def other_part_texts(archive: zipfile.ZipFile, names: Iterable[str], read_elsewhere: Callable[[str], bool],
                     blocks_read_elsewhere: Optional[Mapping[str, Collection[str]]] = None) -> Iterator[str]:
    """Each distinct text of each part of `names` that `read_elsewhere` does not claim, but those
    of the elements `blocks_read_elsewhere` names for the part (an ODS's page headers and footers in
    its styles.xml); raises TableError (unreadable: binary_parts) for a binary part whose text cannot be read."""
    seen: set[str] = set()
    for name in names:
        if read_elsewhere(name) or _NO_TEXT.match(name):
            continue
        if _XML.match(name):
            texts = _xml_texts(archive, name, (blocks_read_elsewhere or {}).get(name, ()))
        elif _PRINTER.match(name):
            texts = _wide_strings(archive, name)
        else:
            raise TableError("unreadable", kind="binary_parts")
        for text in texts:
            if text not in seen:
                seen.add(text)
                yield text
