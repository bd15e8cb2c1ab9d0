"""A source's values onto the Harbin code lists, and lists written as text.

Looked up in order: the source's own `value_maps` (source config), the codes and their Chinese
and English labels, the shipped map (value_maps.yaml), then rules: "每N日/周/月/年" frequencies,
EU file-type and IANA media-type URIs, item types with a length (VARCHAR2(50)).
"""
from __future__ import annotations

import functools
import json
import os
import re
import unicodedata
from typing import Any, Optional

import yaml

from ..common.vocabulary import DESENSITIZATION, DOMAINS, FORMATS, FREQUENCIES, ITEM_TYPES, OPEN_TYPES, Term

__all__ = ["CODE_LISTS", "ValueMaps", "normal", "split_list", "allowed_labels"]

CODE_LISTS: dict[str, list[Term]] = {
    "data_domain": DOMAINS, "update_frequency": FREQUENCIES, "open_type": OPEN_TYPES,
    "desensitization_status": DESENSITIZATION, "data_formats": FORMATS, "data_item_type": ITEM_TYPES,
}
_STRONG = re.compile(r"[,，;；\n\r|]+")
_ENUMERATION = "、"
_COORDINATED = re.compile(r"[和及与]")
_CJK = re.compile(r"^[\u4e00-\u9fff]$")
_EVERY_N = re.compile(r"^[每毎]\s*(\d+|[一二两三四五六七八九十]+)?\s*个?\s*(日|天|周|星期|月|季度|年)$")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_UNIT_DAYS = {"日": 1, "天": 1, "周": 7, "星期": 7, "月": 30, "季度": 92, "年": 366}
_FREQUENCY_LIMITS = [(1, "daily"), (7, "weekly"), (31, "monthly"), (92, "quarterly"), (184, "semiannual"),
                     (366, "annual")]


def normal(value: Any) -> str:
    """What two spellings of one value have in common: NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", str(value)).split()).casefold()


@functools.lru_cache(maxsize=1)
def _shipped() -> dict[str, dict[str, str]]:
    with open(os.path.join(os.path.dirname(__file__), "value_maps.yaml"), encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return {field: {normal(alias): code for code, aliases in codes.items() for alias in aliases}
            for field, codes in data.items()}


def _labels(terms: list[Term]) -> dict[str, str]:
    return {normal(text): term.value for term in terms for text in (term.value, term.zh, term.en)}


def allowed_labels(field: str) -> list[str]:
    """The Chinese labels (and codes) an operator may map a source's values onto."""
    return [f"{term.zh} ({term.value})" if term.zh != term.value else term.value for term in CODE_LISTS[field]]


def _number(text: Optional[str]) -> int:
    if not text:
        return 1
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + _CN_DIGITS.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(ones, 0)
    return _CN_DIGITS.get(text, 0)


def _frequency_rule(key: str) -> Optional[str]:
    """每 2 日 → weekly: the shortest Harbin interval that such updates always meet."""
    match = _EVERY_N.match(key)
    if not match:
        return None
    days = _number(match.group(1)) * _UNIT_DAYS[match.group(2)]
    return next((code for limit, code in _FREQUENCY_LIMITS if days <= limit), "irregular") if days else None


def _format_key(key: str) -> str:
    """The EU file-type code or the media type behind a URI; a media type without parameters."""
    for marker in ("/resource/authority/file-type/", "/assignments/media-types/"):
        if marker in key:
            return key.rsplit(marker, 1)[1].strip("/")
    return key.split(";")[0].strip().lstrip(".")


class ValueMaps:
    """Resolves source values of one source: its own map first, then the shipped one."""

    def __init__(self, source_maps: Optional[dict[str, dict[str, Any]]] = None):
        self.own = {field: {normal(given): target for given, target in (mapping or {}).items()}
                    for field, mapping in (source_maps or {}).items()}

    def code(self, field: str, raw: Any) -> Optional[str]:
        """The Harbin code of a source value, or None when nothing maps it."""
        if raw is None or str(raw).strip() == "":
            return None
        key, labels = normal(raw), _labels(CODE_LISTS[field])
        if key in self.own.get(field, {}):
            target = self.own[field][key]
            return labels.get(normal(target)) if target is not None else None
        found = labels.get(key) or _shipped().get(field, {}).get(key)
        if found or field not in ("update_frequency", "data_formats", "data_item_type"):
            return found
        if field == "update_frequency":
            return _frequency_rule(key)
        if field == "data_formats":
            bare = _format_key(key)
            return labels.get(bare) or _shipped()["data_formats"].get(bare)
        bare = re.sub(r"\s*[(（].*[)）]$", "", key)  # VARCHAR2(50), NUMBER(10,2)
        return labels.get(bare) or _shipped()["data_item_type"].get(bare)


def _enumeration(piece: str) -> list[str]:
    """Split 企业名称、注册资本 but not 农、林、牧、渔业 or 交通运输、仓储和邮政业 (one name each)."""
    parts = [part.strip() for part in piece.split(_ENUMERATION) if part.strip()]
    if len(parts) < 2 or any(_CJK.match(part) for part in parts) or _COORDINATED.search(parts[-1]):
        return [piece.strip()]
    return parts


def _bracketed(text: str) -> Optional[list[Any]]:
    if not (text.startswith("[") and text.endswith("]")):
        return None
    try:
        value = json.loads(text)
        return value if isinstance(value, list) else None
    except ValueError:
        return [part.strip(" '\"") for part in _STRONG.split(text[1:-1])]


def split_list(raw: Any, maps: Optional[ValueMaps] = None, field: Optional[str] = None) -> list[Any]:
    """A list from a list, "[xml,xls,csv,json]", "CSV、XLSX", "XLS PDF" (formats) or one value.
    With a field, a text the value map knows whole is one value."""
    if raw is None or raw == "":
        return []
    if isinstance(raw, (list, tuple)):
        return [item for item in raw if item not in (None, "")]
    if not isinstance(raw, str):
        return [raw]
    text = raw.strip()
    listed = _bracketed(text)
    if listed is not None:
        return [item for item in listed if item not in (None, "")]
    known = (lambda value: maps.code(field, value) is not None) if maps and field else (lambda value: False)
    if known(text):
        return [text]
    out: list[str] = []
    for piece in _STRONG.split(text):
        if not piece.strip():
            continue
        if known(piece):
            out.append(piece.strip())
            continue
        for part in _enumeration(piece):
            words = re.split(r"[\s/]+", part)
            if field == "data_formats" and not known(part) and len(words) > 1 and all(map(known, words)):
                out.extend(words)
            else:
                out.append(part)
    return out
