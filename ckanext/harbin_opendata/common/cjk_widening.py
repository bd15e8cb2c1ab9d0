"""The two wider forms of a Chinese query (Solr syntax for the edismax parser over the bigram
index of cjk_search.py), for a citizen's everyday words that the entries do not hold literally.

- `expanded_query`: every word still required, but a listed word (related_terms.yaml) is also met
  by its related terms: 公交车 → (公交车 or 公交 or 公共交通 or 公交线路 …). Only a word as typed
  is looked up: 空气质量 stays one word (as before), though 空气 is listed.
- `relaxed_query`, for when the expanded one finds nothing: the listed words are cut out of the
  longer runs (哈尔滨公交车线路 → 哈尔滨 公交车 线路, by the longest match over the list), any one
  word is enough, and a word
  of three or more characters is also met by any part of it holding at least half its bigrams
  (公交车 → 公交 or 交车; 医疗机构名单 → 医疗机构, 疗机构名 or 机构名单), the phrase "relaxed"
  rather than its bigrams scattered (执照名录 does not find an entry holding 执照 and another's 名录).
  A single character, a common word (哈尔滨市, 信息: the list's `common`) or a part of one alone
  does not make an entry related, else 哈尔滨飞船 would find every entry.

Ranking by constant-score tiers added to Solr's own score: a word met literally counts EXACT, one
met by a related term RELATED, so entries holding the searched words come first, then those
holding related terms, then those holding parts, whatever their length or term frequencies.

A query with Solr syntax of its own (fields, operators, brackets, wildcards, boosts) is left to
cjk_query: it is the caller's own business."""
from __future__ import annotations

import re
from typing import NamedTuple, Optional

from .cjk_search import HAN, word_query, rewrite_token
from .related_terms import Terms, split_known

__all__ = ["EXACT", "RELATED", "expanded_query", "literal_query", "relaxed_query", "has_chinese", "chinese_words"]

EXACT = 1000
RELATED = 100
_HAN_CHAR = re.compile(f"[{HAN}]")
_TOKEN = re.compile(r'"[^"]*"|[^\s"]+')
_PART = re.compile(f"[{HAN}]+|[^\\W_{HAN}]+(?:[.\\-][^\\W_{HAN}]+)*")
# Solr syntax a caller writes on purpose; a citizen's ? or / (哪里看病? 公交/地铁) is punctuation
_SYNTAX = re.compile(r'[(){}\[\]^~*\\!&|:]|(?:^|\s)(?:[+-]|AND\b|OR\b|NOT\b)')


class _Unit(NamedTuple):
    text: str
    kind: str  # "han": a Chinese word; "word": any other word; "quoted": a phrase asked as it is


def has_chinese(q: str) -> bool:
    return bool(_HAN_CHAR.search(q))


def _units(q: str, terms: Terms, cut: bool = False) -> Optional[list[_Unit]]:
    """The words of `q`; with `cut`, the listed words are cut out of a longer run (哪里看病)."""
    if q.count('"') % 2 or _SYNTAX.search(re.sub(r'"[^"]*"', " ", q)):
        return None
    units: list[_Unit] = []
    for token in _TOKEN.findall(q):
        if token.startswith('"'):
            units.append(_Unit(rewrite_token(token), "quoted"))
            continue
        for part in _PART.findall(token):  # punctuation (，、/) between words is dropped
            if _HAN_CHAR.match(part):
                units.extend(_Unit(word, "han") for word in (split_known(part, terms.related) if cut else [part]))
            else:
                units.append(_Unit(part, "word"))
    return list(dict.fromkeys(units))  # a word said twice counts once


def _parts(word: str, terms: Terms) -> list[str]:
    """The parts of `word` holding at least half its bigrams, in one piece, but no common word."""
    length = len(word) // 2 + 1  # half its bigrams, rounded up, span one character more
    parts = [word[i:i + length] for i in range(len(word) - length + 1)] if len(word) >= 3 else []
    return [part for part in parts if not terms.too_common(part)]


def _relaxable(unit: _Unit, terms: Terms) -> bool:
    return unit.kind == "word" or (unit.kind == "han" and len(unit.text) > 1 and not terms.too_common(unit.text))


def _clause(unit: _Unit, terms: Terms, relaxed: bool) -> str:
    if unit.kind == "quoted":
        return unit.text
    if unit.kind == "word":
        literal = f'"{unit.text}"'
        return f"({literal}^={EXACT} OR {literal})" if relaxed else literal
    literal = word_query(unit.text)
    options = [f"({literal})^={EXACT}", literal]
    related = [word_query(term) for term in terms.related.get(unit.text, ())]
    if related:
        options += [f"({' OR '.join(related)})^={RELATED}", *related]
    if relaxed:
        options += [word_query(part) for part in _parts(unit.text, terms)]
    return "(" + " OR ".join(dict.fromkeys(options)) + ")"


def expanded_query(q: str, terms: Terms) -> Optional[str]:
    """Every word required, a listed word met by its related terms too; None when no word of `q`
    is listed (cjk_query is the query then) or `q` has Solr syntax of its own."""
    units = _units(q, terms)
    if not units or not any(unit.kind == "han" and unit.text in terms.related for unit in units):
        return None
    return " ".join(f"+{_clause(unit, terms, relaxed=False)}" for unit in units)


def literal_query(q: str, terms: Terms) -> Optional[str]:
    """expanded_query's words without their related terms: the entries holding every word as it is
    (the exact matches the expanded query ranks first); None where expanded_query is None."""
    if expanded_query(q, terms) is None:
        return None
    return " ".join(f"+{_clause(unit, Terms({}, frozenset()), relaxed=False)}" for unit in _units(q, terms) or ())


def relaxed_query(q: str, terms: Terms) -> Optional[str]:
    """Any one word (or part of a long word, or a related term) enough; a quoted phrase still
    required. None when there is nothing to relax: one word of one or two characters (its
    related terms, if any, were in the expanded query), or Solr syntax of its own."""
    units = _units(q, terms, cut=True)
    if units is None:
        return None
    required = [unit for unit in units if unit.kind == "quoted"]
    optional = [unit for unit in units if _relaxable(unit, terms)]
    dropped = len(units) - len(required) - len(optional)
    if not optional or not (dropped or len(optional) > 1
                            or any(unit.kind == "han" and len(unit.text) >= 3 for unit in optional)):
        return None
    return " ".join([f"+{unit.text}" for unit in required]
                    + ["+(" + " OR ".join(_clause(unit, terms, relaxed=True) for unit in optional) + ")"])


def chinese_words(q: str, terms: Terms) -> Optional[list[str]]:
    """The words of `q` when all are Chinese (those an entry holds literally or not), else None."""
    units = _units(q, terms)
    if not units or any(unit.kind != "han" for unit in units):
        return None
    return [unit.text for unit in units]
