"""Elements found in an XML part's bytes as they stream, without parsing the part: a sheet's XML
may be hundreds of megabytes (an XLSX sheet's <headerFooter> comes near its end; an ODS's notes sit
among its cells), and only a few of its elements hold text outside the cells."""
from __future__ import annotations

import html
import re
import zipfile
from typing import Iterator

__all__ = ["block_texts"]

_CHUNK = 1 << 20
_KEEP = 4096  # a start tag cut by a chunk's end is kept for the next (attributes included)
_TAG = re.compile(rb"<[^>]*>")
# The elements a sheet's cells are made of, and end tags: most of a sheet's tags, passed over at once
# (half the search's time on a 100,000-row sheet).
_BULK = ("c", "v", "t", "row", "is")
_ATTRIBUTE = re.compile(rb"""\s(?:[\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attribute_values(start_tag: bytes, names: tuple[str, ...]) -> Iterator[str]:
    for match in _ATTRIBUTE.finditer(start_tag):
        value = html.unescape((match.group(2) or match.group(3) or b"").decode("utf-8", "replace"))
        if match.group(1).decode() in names and value.strip():
            yield value


def block_texts(archive: zipfile.ZipFile, name: str, tags: tuple[str, ...],
                 attributes: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """(tag, text) for the text of every element named by `tags` (any namespace prefix) and the
    values of its attributes named by `attributes`, found in the part's bytes as they stream: a
    sheet's XML may be hundreds of megabytes (an XLSX sheet's <headerFooter> comes near its end; an
    ODS's notes sit among its cells). Each element's tags become line breaks."""
    names = b"|".join(re.escape(tag.encode()) for tag in tags)
    bulk = b"|".join(name.encode() for name in _BULK if name not in tags)
    start_re = re.compile(rb"<(?!/|(?:" + bulk + rb")[\s/>])(?:[A-Za-z_][\w.-]*:)?(" + names + rb")(?=[\s/>])[^>]*?(/?)>")
    buffer, end_re = b"", None
    with archive.open(name) as part:
        while chunk := part.read(_CHUNK):
            buffer += chunk
            while True:
                if end_re is None:
                    start = start_re.search(buffer)
                    if start is None:  # keep a start tag the chunk's end may have cut
                        cut = buffer.rfind(b"<")
                        buffer = buffer[cut:] if cut >= 0 and len(buffer) - cut < _KEEP else b""
                        break
                    buffer, tag = buffer[start.end():], start.group(1).decode()
                    yield from ((tag, value) for value in _attribute_values(start.group(0), attributes))
                    if start.group(2):  # an empty element
                        continue
                    end_re = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?" + re.escape(start.group(1)) + rb">")
                end = end_re.search(buffer)
                if end is None:
                    break
                text = html.unescape(_TAG.sub(b"\n", buffer[:end.start()]).decode("utf-8", "replace"))
                if text.strip():
                    yield tag, text
                buffer, end_re = buffer[end.end():], None
