"""Personal data in a web address or an uploaded file's name (张三_230102199412219446.xlsx,
https://x.gov.cn/f?sfzh=230102199412219446): public as soon as the resource is, and indexed by
search engines with it. Read as a person reads it: percent-encoding undone, a query's key=value as
key：value (联系人=王建国). A number run into letters or digits is part of an identifier (a
resource's UUID, a hash, a file's serial), not a person's: only data standing apart counts. An
ID number's shape (region code, birth date) counts whatever its check character: an address has no
other 18-digit number that starts so, and a mistyped one still tells who was born where and when."""
from __future__ import annotations

from typing import Iterable
from urllib.parse import unquote_plus

from .public_text import findings
from .scan.detectors import Finding

__all__ = ["address_kinds"]

_DECODINGS = 3  # an address encoded twice (%25E5…) still reads as text


def _readable(address: str) -> str:
    text = address
    for _ in range(_DECODINGS):
        decoded = unquote_plus(text)
        if decoded == text:
            break
        text = decoded
    return text.replace("=", "：")


def _apart(text: str, finding: Finding) -> bool:
    around = text[finding.start - 1:finding.start] + text[finding.end:finding.end + 1]
    return not any(char.isascii() and char.isalnum() for char in around)


def address_kinds(address: str, kinds: frozenset[str], official: Iterable[str] = ()) -> list[str]:
    """The kinds of personal data in a web address or file name, by the public texts' rules."""
    text = _readable(address)
    found = findings(text, kinds, official)  # an ID by its shape too (detectors.id_shaped)
    return sorted({finding.kind for finding in found if _apart(text, finding)})
