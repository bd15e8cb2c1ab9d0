"""What an OpenDocument spreadsheet's cells show when it is not what the cell reader reads. A cell
carries its value in attributes (office:string-value, office:value, office:date-value…) and the
text LibreOffice shows in its paragraphs (text:p); calamine reads the attribute when there is one
and ignores a cell without office:value-type, so a file can show 张三 where the reader sees 道里区,
or a name in an untyped cell. The shown text, and any value attribute the reader does not take, is
handed out when it says more than the value read: a number's or a date's formatting
(1,234.50, 2025年1月2日, 12%) is not."""
from __future__ import annotations

import codecs
import html
import re
import zipfile
from typing import Iterator

from .outside_parts import SHOWN_TEXT

__all__ = ["shown_texts"]

_CHUNK = 1 << 20
_ROW_END = "</table:table-row>"  # cells are searched in whole rows
# A cell without office:string-value (a number, a date, a time, a boolean) showing one paragraph
# of at most eight digits among signs and a date's words (¥1,234.50, 2025年3月12日, 12.5%): no
# kind the detectors know fits in eight digits without letters, so the search itself skips it (a
# look at each such cell in Python made the scan of a 30,000-row ODS register 2.5 times as long).
_SIGN = r"[\x00-\x25\x27-\x2f\x3a\x3b\x3d-\x40\x5b-\x60\x7b-\x7fEe¥￥€£年月日时分秒星期周上下午一二三四五六七天]"
_FORMATTED = (r"(?![^>]*string-value)[^>]*(?<!/)><text:p>"
              rf"(?:{_SIGN}*[0-9]){{0,8}}{_SIGN}*</text:p></table:(?:covered-)?table-cell>")
# Cells that are not a plain text cell (office:value-type="string" without office:string-value),
# those with content only, formatted numbers and dates left out; covered cells (under a merge) are
# read by calamine too. The prefixes are calamine's: it reads no cell named otherwise.
_CELL = re.compile(r"""<(table:(?:covered-)?table-cell)(?=[\s>])"""
                   r"""(?=[^>]*string-value\s*=|(?![^>]*value-type\s*=\s*["']string["']))"""
                   rf"""(?!{_FORMATTED})([^>]*)(?<!/)>""")
_ATTRIBUTE = re.compile(r"""[\s:](value-type|value|string-value|date-value|time-value|boolean-value)\s*=\s*"""
                        r"""(?:"([^"]*)"|'([^']*)')""")
_PLAIN = re.compile(r"<text:p>([^<&]*)</text:p>")  # one paragraph of text alone: most cells
_ANNOTATION = re.compile(r"<(?:[\w.-]+:)?annotation\b.*?</(?:[\w.-]+:)?annotation>", re.DOTALL)
_SPACES = re.compile(r"""<(?:[\w.-]+:)?s\b(?:[^>]*?\bc\s*=\s*["']([0-9]+)["'])?[^>]*/>""")
_BREAKS = re.compile(r"</(?:[\w.-]+:)?(?:p|h)>|<(?:[\w.-]+:)?line-break\b[^>]*/>")
_TABS = re.compile(r"<(?:[\w.-]+:)?tab\b[^>]*/>")
_TAGS = re.compile(r"<[^>]*>")
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


def _attributes(start_tag: str) -> dict[str, str]:
    """The tag's value attributes by name without namespace, the first of a name kept
    (office:value-type comes before LibreOffice's calcext:value-type)."""
    found: dict[str, str] = {}
    for name, double, single in reversed(_ATTRIBUTE.findall(start_tag)):
        found[name] = html.unescape(double or single)
    return found


def _paragraphs(body: str) -> str:
    """The cell's text as shown: its paragraphs one a line, its notes left out (read as notes)."""
    if plain := _PLAIN.fullmatch(body):
        return plain.group(1).strip()
    body = _SPACES.sub(lambda match: " " * int(match.group(1) or 1), _ANNOTATION.sub("", body))
    return html.unescape(_TAGS.sub("", _TABS.sub("\t", _BREAKS.sub("\n", body)))).strip()


def _says_more(shown: str, value: str) -> bool:
    """The shown text of a number, date or boolean holds words, or digits the value does not."""
    if _LETTER.search(shown) and _LETTER.search(_FORMATTING.sub("", shown)):
        return True
    runs = _RUNS.findall(shown)  # 2025年3月1日 of 2025-03-01, 1,234,567.89 of 1234567.89
    if sum(map(len, runs)) < 7:
        return False
    digits = _DIGITS.sub("", value)
    return any(run.lstrip("0") not in digits for run in runs)


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


def _row_texts(rows: str) -> Iterator[str]:
    for start in _CELL.finditer(rows):
        end = rows.find(f"</{start.group(1)}>", start.end())
        if end >= 0:
            yield from _other_texts(_attributes(start.group(2)), _paragraphs(rows[start.end():end]))


def shown_texts(archive: zipfile.ZipFile, name: str = "content.xml") -> Iterator[tuple[str, str]]:
    """(SHOWN_TEXT, text) for each text of a cell the cell reader does not read, as the part streams."""
    decoder, buffer = codecs.getincrementaldecoder("utf-8")("replace"), ""
    with archive.open(name) as part:
        while chunk := part.read(_CHUNK):
            buffer += decoder.decode(chunk)
            cut = buffer.rfind(_ROW_END) + len(_ROW_END) if _ROW_END in buffer else 0
            yield from ((SHOWN_TEXT, text) for text in _row_texts(buffer[:cut]))
            buffer = buffer[cut:]
    yield from ((SHOWN_TEXT, text) for text in _row_texts(buffer + decoder.decode(b"", final=True)))
