"""The related-term list of the Chinese search: everyday words (公交车, 看病, 房价) → the words
catalog entries use (公交线路, 医疗机构, 住房), and the words too common to make an entry related
alone (哈尔滨市, 信息). The shipped list (related_terms.yaml) and the
operator's files (`ckanext.harbin_opendata.search.related_terms_files`) are read once per process
and per configured value; a file that does not have the list's form stops the start (checked from
the base plugin's configure), not the first search."""
from __future__ import annotations

import pathlib
import re
from typing import Iterable, Mapping, NamedTuple

import yaml

import ckan.plugins.toolkit as tk

__all__ = ["SHIPPED", "Terms", "RelatedTermsError", "related_terms", "load", "split_known"]

SHIPPED = pathlib.Path(__file__).with_name("related_terms.yaml")
_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")


class Terms(NamedTuple):
    related: Mapping[str, tuple[str, ...]]  # word → its related terms
    common: frozenset[str]  # words that alone do not make an entry related in a widened search

    def too_common(self, word: str) -> bool:
        """`word` is a listed common word or a part of one."""
        return any(word in common for common in self.common)


_LOADED: dict[tuple[str, ...], Terms] = {}


class RelatedTermsError(ValueError):
    """A related-term file that is not a mapping of Chinese words to lists of Chinese words."""


def _words(path: pathlib.Path, what: str, words: object) -> list[str]:
    if not (isinstance(words, list) and all(isinstance(word, str) and _WORD.fullmatch(word) for word in words)):
        raise RelatedTermsError(f"{path}: {what}: not a list of words of two or more Chinese characters")
    return words


def _read(path: pathlib.Path) -> tuple[dict[str, list[str]], list[str]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise RelatedTermsError(f"{path}: {error}") from error
    related = data.get("related") or {} if isinstance(data, dict) else None
    if not isinstance(related, dict) or set(data) - {"related", "common"}:
        raise RelatedTermsError(f"{path}: not a mapping with `related` (word: [words]) and/or `common` ([words])")
    for word, terms in related.items():
        _words(path, repr(word), [word])
        _words(path, word, terms)
    return related, _words(path, "common", data.get("common") or [])


def load(paths: Iterable[str | pathlib.Path]) -> Terms:
    """The files' lists joined in order (a later file adds to a word's terms and to the common words)."""
    merged: dict[str, list[str]] = {}
    common: set[str] = set()
    for path in paths:
        related, more_common = _read(pathlib.Path(path))
        common.update(more_common)
        for word, terms in related.items():
            known = merged.setdefault(word, [])
            known.extend(term for term in terms if term not in known and term != word)
    return Terms({word: tuple(terms) for word, terms in merged.items() if terms}, frozenset(common))


def related_terms() -> Terms:
    """The list in force: the shipped one with the operator's files."""
    key = (str(SHIPPED), *tk.config["ckanext.harbin_opendata.search.related_terms_files"])
    if key not in _LOADED:
        _LOADED[key] = load(key)
    return _LOADED[key]


def split_known(run: str, terms: Mapping[str, object]) -> list[str]:
    """A run of Chinese characters cut around the listed words it holds, longest word first from
    the left: 哈尔滨公交车线路 → 哈尔滨, 公交车, 线路. A run holding none stays whole."""
    longest = max(map(len, terms), default=0)
    words: list[str] = []
    rest, i = "", 0
    while i < len(run):
        found = next((run[i:i + n] for n in range(min(longest, len(run) - i), 1, -1) if run[i:i + n] in terms), None)
        if found is None:
            rest += run[i]
            i += 1
            continue
        words.extend(filter(None, (rest, found)))
        rest, i = "", i + len(found)
    return words + ([rest] if rest else [])
