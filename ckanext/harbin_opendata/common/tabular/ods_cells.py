"""What an OpenDocument spreadsheet's cells show when it is not what the cell reader reads. A cell
carries its value in attributes (office:string-value, office:value, office:date-value…) and the
text LibreOffice shows in its paragraphs (text:p); calamine reads the attribute when there is one
and ignores a cell without office:value-type, so a file can show 张三 where the reader sees 道里区,
or a name in an untyped cell. The shown text, and any value attribute the reader does not take, is
handed out when it says more than the value read: a number's or a date's formatting
(1,234.50, 2025年1月2日, 12%) is not."""
from __future__ import annotations

import html
import re
import zipfile
from typing import Iterator

from .outside_parts import SHOWN_TEXT

__all__ = ["shown_texts"]

_CHUNK = 1 << 20
_KEEP = 4096
# Cells that are not a plain text cell (office:value-type="string" without office:string-value),
# those with content only; covered cells (under a merge) are read by calamine too.
_CELL = re.compile(rb"""<((?:[\w.-]+:)?(?:covered-)?table-cell)(?=[\s>])"""
                   rb"""(?=[^>]*string-value\s*=|(?![^>]*value-type\s*=\s*["']string["']))([^>]*)(?<!/)>""")
_ATTRIBUTE = re.compile(rb"""(?:[\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ANNOTATION = re.compile(rb"<(?:[\w.-]+:)?annotation\b.*?</(?:[\w.-]+:)?annotation>", re.DOTALL)
_SPACES = re.compile(rb"""<(?:[\w.-]+:)?s\b(?:[^>]*?\bc\s*=\s*["']([0-9]+)["'])?[^>]*/>""")
_BREAKS = re.compile(rb"</(?:[\w.-]+:)?(?:p|h)>|<(?:[\w.-]+:)?line-break\b[^>]*/>")
_TABS = re.compile(rb"<(?:[\w.-]+:)?tab\b[^>]*/>")
_TAGS = re.compile(rb"<[^>]*>")
# The value each type is read from (calamine's choice); a string cell without it shows its text.
_TAKEN = {"string": "string-value", "float": "value", "percentage": "value", "currency": "value",
          "date": "date-value", "time": "time-value", "boolean": "boolean-value"}
_VALUES = ("value", "string-value", "date-value", "time-value", "boolean-value")
# Words and signs a number, date, time or boolean format writes around the value.
_FORMATTING = re.compile(r"[年月日时分秒周星期上下午一二三四五六七天元万亿]|AM|PM|TRUE|FALSE|真|假|CNY|RMB|E[+-]?",
                         re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_DIGITS = re.compile(r"[^0-9]")
_RUNS = re.compile(r"[0-9]+")


def _attributes(start_tag: bytes) -> dict[str, str]:
    """The tag's attributes by name without namespace, the first of a name kept (office:value-type
    comes before LibreOffice's calcext:value-type)."""
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(start_tag):
        found.setdefault(match.group(1).decode(),
                         html.unescape((match.group(2) or match.group(3) or b"").decode("utf-8", "replace")))
    return found


def _paragraphs(body: bytes) -> str:
    """The cell's text as shown: its paragraphs one a line, its notes left out (read as notes)."""
    body = _SPACES.sub(lambda match: b" " * int(match.group(1) or 1), _ANNOTATION.sub(b"", body))
    body = _TABS.sub(b"\t", _BREAKS.sub(b"\n", body))
    return html.unescape(_TAGS.sub(b"", body).decode("utf-8", "replace")).strip()


def _says_more(shown: str, value: str) -> bool:
    """The shown text of a number, date or boolean holds words, or digits the value does not."""
    if _LETTER.search(_FORMATTING.sub("", shown)):
        return True
    runs = _RUNS.findall(shown)  # 2025年3月1日 of 2025-03-01, 1,234,567.89 of 1234567.89
    digits = _DIGITS.sub("", value)
    return sum(map(len, runs)) >= 7 and any(run.lstrip("0") not in digits for run in runs)


def _other_texts(attributes: dict[str, str], shown: str) -> Iterator[str]:
    kind = attributes.get("value-type", "")
    taken = attributes.get(_TAKEN.get(kind, ""), "") if kind else ""
    if kind == "string" and "string-value" in attributes or not kind:
        if shown and shown != taken:
            yield shown
    elif shown and _says_more(shown, taken):
        yield shown
    yield from (value for name, value in attributes.items()
                if name in _VALUES and name != _TAKEN.get(kind) and value.strip() and value not in (taken, shown))


def shown_texts(archive: zipfile.ZipFile, name: str = "content.xml") -> Iterator[tuple[str, str]]:
    """(SHOWN_TEXT, text) for each text of a cell the cell reader does not read, as the part streams."""
    buffer = b""
    with archive.open(name) as part:
        while chunk := part.read(_CHUNK):
            buffer += chunk
            position = 0
            while start := _CELL.search(buffer, position):
                end = buffer.find(b"</" + start.group(1) + b">", start.end())
                if end < 0:
                    break
                yield from ((SHOWN_TEXT, text) for text in _other_texts(_attributes(start.group(2)),
                                                                           _paragraphs(buffer[start.end():end])))
                position = end
            else:
                cut = buffer.rfind(b"<", position)
                position = cut if cut >= 0 and len(buffer) - cut < _KEEP else len(buffer)
            buffer = buffer[position:]
