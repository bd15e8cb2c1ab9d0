"""An XLSX's shared strings the cell reader does not show. xl/sharedStrings.xml is the table of the
texts the sheets' cells point to (<c t="s"><v>7</v>); it may keep strings no cell points to (a
column deleted by a tool that keeps the table, or a file written so), and they are published with
the original. Both the table and the cells' inline strings may carry phonetic runs (<rPh>, the
reading Excel keeps beside a string), which calamine skips. Read as they stream."""
from __future__ import annotations

import html
import re
import zipfile
from typing import Iterator

from .outside_parts import PHONETIC, UNUSED_STRINGS
from .xml_parts import local_name, xml_events

__all__ = ["shared_string_texts"]

_SHARED = "xl/sharedStrings.xml"  # where calamine reads the table from; another such part is read whole
_TABLES = re.compile(r"xl/(?:[^/]+/)*[^/]*sharedStrings[^/]*\.xml$", re.IGNORECASE)
_WORKBOOK, _WORKBOOK_RELS = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CHUNK = 1 << 20
_KEEP = 4096  # a cell cut by a chunk's end is searched again with the next chunk
# A cell of a shared string and its index. A cell written otherwise (a formula before its value)
# is not recognised: its string is then read as unused, never skipped.
# The search starts at t="s" (a cell's other attributes are not read: about twice as fast).
_SHARED_CELL = re.compile(rb"""[ \t\r\n]t="s"[^>]*>\s*<(?:[\w.-]+:)?v>([0-9]+)<""")
# The table's strings (an empty one, <si/>, counts), their texts, and their phonetic runs; found in
# the part's bytes as they stream (an XML parser took 1.4-2.3 s for 168,513 strings).
_SI = re.compile(rb"<(?:[\w.-]+:)?si\b[^>]*?(?:/>|>(.*?)</(?:[\w.-]+:)?si>)", re.DOTALL)
_SI_START = re.compile(rb"<si[\s/>]")
_T = re.compile(rb"<(?:[\w.-]+:)?t\b[^>]*?(?:/>|>(.*?)</(?:[\w.-]+:)?t>)", re.DOTALL)
_PHONETIC = re.compile(rb"<(?:[\w.-]+:)?rPh\b.*?</(?:[\w.-]+:)?rPh>", re.DOTALL)


def _worksheet_parts(archive: zipfile.ZipFile, names: set[str]) -> set[str]:
    """The parts of the worksheets the workbook lists (those the cell reader reads)."""
    if _WORKBOOK not in names or _WORKBOOK_RELS not in names:
        return set()
    targets = {element.get("Id", ""): element.get("Target", "")
               for event, element in xml_events(archive, _WORKBOOK_RELS)
               if event == "start" and local_name(element) == "Relationship"
               and element.get("Type", "").endswith("/worksheet")}
    listed = {element.get(_RELATIONSHIP_ID, "") for event, element in xml_events(archive, _WORKBOOK)
              if event == "start" and local_name(element) == "sheet"}
    return {target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            for key, target in targets.items() if key in listed}


def _used_strings(archive: zipfile.ZipFile, sheets: set[str]) -> set[int]:
    """The indices of the shared strings the cells of these worksheets show."""
    found: set[bytes] = set()
    for name in sheets & set(archive.namelist()):
        buffer = b""
        with archive.open(name) as part:
            while chunk := part.read(_CHUNK):
                buffer = buffer[-_KEEP:] + chunk
                found.update(_SHARED_CELL.findall(buffer))
    return set(map(int, found))


def _texts(block: bytes) -> str:
    return "".join(html.unescape(text.decode("utf-8", "replace")) for text in _T.findall(block))


def _all_shown(strings: bytes, first: int, used: set[int]) -> int:
    """How many strings `strings` holds when every one is shown by a cell and none has a phonetic
    run (counted, not parsed: most tables), else 0."""
    if b"rPh" in strings or b":si" in strings:  # a namespace prefix: counted by the parser
        return 0
    count = len(_SI_START.findall(strings))
    return count if not set(range(first, first + count)) - used else 0


def _string_texts(archive: zipfile.ZipFile, name: str, used: set[int]) -> Iterator[tuple[str, str]]:
    index, buffer = 0, b""
    with archive.open(name) as part:
        while chunk := part.read(_CHUNK):
            buffer += chunk
            end = max(buffer.rfind(b"</si>") + 5, buffer.rfind(b"<si/>") + 5, 0)
            if shown := _all_shown(buffer[:end], index, used):
                index, buffer = index + shown, buffer[end:]
                continue
            end = 0
            for match in _SI.finditer(buffer):
                body, end = match.group(1) or b"", match.end()
                reading = "".join(_texts(run) for run in _PHONETIC.findall(body)) if b"rPh" in body else ""
                if index not in used:
                    if whole := (_texts(_PHONETIC.sub(b"", body) if reading else body) + "\n" + reading).strip():
                        yield UNUSED_STRINGS, whole
                elif reading.strip():
                    yield PHONETIC, reading
                index += 1
            buffer = buffer[end:]


def shared_string_texts(archive: zipfile.ZipFile, names: list[str]) -> Iterator[tuple[str, str]]:
    """(UNUSED_STRINGS, text) for every string of the table no cell of a listed worksheet shows,
    its runs and phonetic runs included; (PHONETIC, text) for the phonetic runs of the others."""
    for name in names:
        if _TABLES.match(name):
            used = _used_strings(archive, _worksheet_parts(archive, set(names))) if name == _SHARED else set()
            yield from _string_texts(archive, name, used)
