"""Chinese full-text search on CKAN's stock Solr schema.

CKAN's `text` field splits on whitespace only, so a Chinese sentence is indexed as one token and a
word inside it is never found. Instead of asking operators to change their Solr schema, we index
every run of Han characters as overlapping bigrams (and single characters) in two `extras_*`
fields, which the stock schema copies into `text`, and turn each Chinese word of a query into a
phrase of its bigrams: 营业执照 -> "营业 业执 执照".
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterable

__all__ = ["HAN", "cjk_runs", "bigrams", "entry_runs", "cjk_index_fields", "cjk_query", "word_query",
           "rewrite_token"]

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # the Han characters, for a regular expression's [...]
_HAN_RUN = re.compile(f"[{HAN}]+")
_QUERY_TOKEN = re.compile(r'"[^"]*"|\S+')
# Stored blobs and identifiers carry no searchable prose.
_SKIPPED_KEYS = {"validated_data_dict", "data_dict", "id", "name", "url", "site_id", "index_id",
                 "extras_harbin_cjk_bigrams", "extras_harbin_cjk_chars"}

BIGRAM_FIELD = "extras_harbin_cjk_bigrams"
CHAR_FIELD = "extras_harbin_cjk_chars"


def cjk_runs(text: str) -> list[str]:
    """Maximal runs of Han characters in `text`."""
    return _HAN_RUN.findall(text)


def bigrams(run: str) -> list[str]:
    """Overlapping character pairs of one run; a one-character run stays as it is."""
    if len(run) < 2:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)]


def _texts(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        if value[:1] in "[{":  # JSON kept in an extra, e.g. repeating subfields, with \u escapes
            try:
                yield from _texts(json.loads(value))
                return
            except ValueError:
                pass
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)


def entry_runs(pkg_dict: dict[str, Any]) -> list[str]:
    """The runs of Han characters of a dataset's searchable texts, as the index fields hold them."""
    runs: list[str] = []
    for key, value in pkg_dict.items():
        if key not in _SKIPPED_KEYS and not key.endswith("_id"):
            for text in _texts(value):
                runs.extend(cjk_runs(text))
    return runs


def cjk_index_fields(pkg_dict: dict[str, Any]) -> dict[str, str]:
    """The two extra index fields for a dataset about to be indexed."""
    runs = entry_runs(pkg_dict)
    # No bigram is made across two runs, so a query phrase never matches across a boundary.
    return {
        BIGRAM_FIELD: " ".join(" ".join(bigrams(run)) for run in runs),
        CHAR_FIELD: " ".join(sorted({char for run in runs for char in run})),
    }


def _phrase(run: str) -> str:
    return " ".join(bigrams(run))


def word_query(run: str) -> str:
    """One run of Han characters as the index finds it: the phrase of its bigrams, or the run
    itself (one or two characters)."""
    return f'"{_phrase(run)}"' if len(run) > 2 else run


def rewrite_token(token: str) -> str:
    """One token of a query with its Chinese words as bigram phrases."""
    if ":" in token and not token.startswith('"'):
        return token  # fielded Solr syntax (tags:市场监管) is the caller's own business
    if token.startswith('"') and token.endswith('"') and len(token) > 1:
        return '"' + _HAN_RUN.sub(lambda m: _phrase(m.group()), token[1:-1]) + '"'
    return _HAN_RUN.sub(lambda m: f" {word_query(m.group())} ", token)


def cjk_query(q: str) -> str:
    """Rewrite the Chinese words of a free-text query into bigram phrases."""
    rewritten = _QUERY_TOKEN.sub(lambda m: rewrite_token(m.group()), q)
    return " ".join(_QUERY_TOKEN.findall(rewritten))
