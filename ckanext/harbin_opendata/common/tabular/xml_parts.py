"""XML parts of a workbook's ZIP read as they stream (an XLSX part may be hundreds of megabytes),
parsed with defusedxml: a workbook has no DTD, and a part declaring entities is refused, not
expanded. A part that cannot be read makes the workbook unreadable, not clear."""
from __future__ import annotations

import contextlib
import zipfile
from typing import Iterator
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from .errors import TableError

__all__ = ["local_name", "xml_events", "unreadable"]


def local_name(element: ElementTree.Element) -> str:
    """The element's tag without its namespace."""
    return element.tag.rpartition("}")[2]


def xml_events(archive: zipfile.ZipFile, name: str) -> Iterator[tuple[str, ElementTree.Element]]:
    """("start", element) with its attributes, ("end", element) with its text too; an ended element
    is dropped from its parent once handed out, so memory does not grow with the part."""
    parents: list[ElementTree.Element] = []
    with archive.open(name) as part:
        for event, element in SafeElementTree.iterparse(part, events=("start", "end")):
            if event == "start":
                yield event, element
                parents.append(element)
                continue
            parents.pop()
            yield event, element
            if parents:
                del parents[-1][-1]  # an element ends as its parent's last child


@contextlib.contextmanager
def unreadable(kind: str) -> Iterator[None]:
    """A part that is not well-formed XML, declares entities or is missing from the ZIP: TableError."""
    try:
        yield
    except (ElementTree.ParseError, DefusedXmlException, zipfile.BadZipFile, KeyError, OSError,
            EOFError) as error:  # unread is not clear
        raise TableError("unreadable", kind=kind) from error
