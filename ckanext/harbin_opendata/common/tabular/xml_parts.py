"""XML parts of a workbook's ZIP read as they stream (an XLSX part may be hundreds of megabytes),
parsed with defusedxml: a workbook has no DTD, and a part declaring entities is refused, not
expanded. A part that cannot be read makes the workbook unreadable, not clear."""
from __future__ import annotations

import contextlib
import zipfile
from typing import Collection, Iterator, Optional
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from .errors import TableError

__all__ = ["local_name", "xml_events", "element_texts", "unreadable"]


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


def element_texts(archive: zipfile.ZipFile, name: str, tags: Optional[Collection[str]] = None,
                  attributes: Collection[str] = ()) -> Iterator[str]:
    """The texts of the part's elements named by `tags` (of all, without), and the values of their
    attributes named by `attributes` (without their namespace)."""
    for event, element in xml_events(archive, name):
        if tags is not None and local_name(element) not in tags:
            continue
        if event == "start":
            yield from (value for key, value in element.attrib.items()
                        if key.rpartition("}")[2] in attributes and value.strip())
        elif element.text and element.text.strip():
            yield element.text


@contextlib.contextmanager
def unreadable(kind: str) -> Iterator[None]:
    """A part that is not well-formed XML, declares entities or is missing from the ZIP: TableError."""
    try:
        yield
    except (ElementTree.ParseError, DefusedXmlException, zipfile.BadZipFile, KeyError, OSError,
            EOFError) as error:  # unread is not clear
        raise TableError("unreadable", kind=kind) from error
