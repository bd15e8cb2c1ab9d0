"""Chinese search in a table: PostgreSQL's text search splits words at spaces and punctuation, so a
Chinese cell is one "word" (哈尔滨冰城科技有限公司) and `q=哈尔滨` found nothing that does not
equal the query; CKAN's table view even replaced every character outside ASCII by a wildcard. A
`q` with any character outside ASCII (a text, or a dict of column -> text) is searched here as
substrings instead: every term of it (split at spaces) must appear in the row (or in that column),
case-insensitive (ILIKE). ASCII queries keep CKAN's full-text search and its index."""
from __future__ import annotations

from typing import Any, Optional

from ckan.types import Context
from ckanext.datastore.backend.postgres import _fts_lang, _textsearch_query, _ts_query_alias, identifier

__all__ = ["is_substring_query", "where"]

_NOT_COLUMNS = {"_id", "_full_text"}


def is_substring_query(q: Any) -> bool:
    """Whether `q` (datastore_search's parameter) is searched as substrings (it has non-ASCII text)."""
    values = q.values() if isinstance(q, dict) else [q]
    return any(isinstance(value, str) and not value.isascii() for value in values)


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _clauses(text: str, columns: list[str], prefix: str) -> list[tuple[str, dict[str, str]]]:
    """One `ILIKE` per term of `text`: the row's `columns` joined by spaces contain the term."""
    row = "concat_ws(' ', " + ", ".join(f"{identifier(name)}::text" for name in columns) + ")"
    return [(f"{row} ILIKE :{prefix}_{n}", {f"{prefix}_{n}": _like(term)}) for n, term in enumerate(text.split())]


def _searched(q: Any, fields_types: dict[str, str]) -> dict[Optional[str], str]:
    """Column (None for the whole row) -> the text searched there."""
    if isinstance(q, str):
        return {None: q}
    return {name: value for name, value in q.items() if name in fields_types and isinstance(value, str)}


def where(context: Context, data_dict: dict[str, Any], fields_types: dict[str, str],
          query_dict: dict[str, Any]) -> dict[str, Any]:
    """IDatastore.datastore_search (after CKAN's own): CKAN's full-text conditions of a non-ASCII `q`
    replaced by substring conditions; its ranking query made plain (to_tsquery refuses most
    Chinese text); rows in table order where the ranks tie."""
    q = data_dict.get("q")
    if not q or not is_substring_query(q):
        return query_dict
    searched = _searched(q, fields_types)
    aliases = {" @@ " + _ts_query_alias(name) for name in searched}
    query_dict["where"] = [clause for clause in query_dict["where"]
                           if not (len(clause) == 1 and any(clause[0].endswith(alias) for alias in aliases))]
    ranks = {"rank"} | {f"rank {name}" for name in (q if isinstance(q, dict) else ())}  # CKAN's rank columns
    columns = [name for name in fields_types if name not in _NOT_COLUMNS | ranks]
    for n, (name, text) in enumerate(searched.items()):
        query_dict["where"] += _clauses(text, columns if name is None else [name], f"harbin_like_{n}")
    query_dict["ts_query"], _ = _textsearch_query(_fts_lang(data_dict.get("language")), q, True,
                                                  data_dict.get("full_text"))
    query_dict["sort"].append(identifier("_id"))
    return query_dict
