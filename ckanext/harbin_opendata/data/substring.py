"""Chinese search in a table: PostgreSQL's text search splits words at spaces and punctuation, so a
Chinese cell is one "word" (哈尔滨冰城科技有限公司) and `q=哈尔滨` found nothing that does not
equal the query; CKAN's table view even replaced every character outside ASCII by a wildcard. A
`q` with any character outside ASCII (a text, or a dict of column -> text), or such a `full_text`
(CKAN's search of the full-text column alone), is searched here as substrings instead: every term
of it (split at spaces) must appear in the row (or in that column), case-insensitive (ILIKE).
ASCII queries keep CKAN's full-text search and its index.

A term with characters outside ASCII is looked for column by column, in the columns whose text can
hold such characters (not numbers, dates, times, booleans), so that the trigram index the loader
builds on each text column (data/trigram.py) answers it: `"企业名称" ILIKE '%中央大街%' OR …` is
an index scan per column, where the row's columns joined into one text were a scan of the table.
Terms are split at spaces and the columns joined with a space, so no term spans two columns and
both forms find the same rows. An ASCII term (`2023`) is still looked for in the whole row. Text
columns whose every cell was ASCII at the load (codes: data/table_note.py) hold no such term and
have no trigram index: they are left out.

A term without letters that have a case (Chinese, digits, punctuation: `道里`, `2023`) is matched
with LIKE, not ILIKE: the same rows (no character's lower case is such a character), but ILIKE
lower-cases every cell it reads, which made a scan of the table (a 2-character term) about four
times slower."""
from __future__ import annotations

import unicodedata
from typing import Any, Optional

from ckan.types import Context
from ckanext.datastore.backend.postgres import _fts_lang, _textsearch_query, _ts_query_alias, identifier

from . import table_note

__all__ = ["is_substring_query", "searched_as_substrings", "where"]

_NOT_COLUMNS = {"_id", "_full_text"}
# PostgreSQL types whose text is ASCII only (digits, signs, dates, true/false): no non-ASCII term is
# in them
_ASCII_TYPES = {"int", "int2", "int4", "int8", "float4", "float8", "numeric", "money", "bool", "date", "time",
                "timetz", "timestamp", "timestamptz", "interval", "uuid", "oid"}


def is_substring_query(q: Any) -> bool:
    """Whether `q` (datastore_search's parameter) is searched as substrings (it has non-ASCII text)."""
    values = q.values() if isinstance(q, dict) else [q]
    return any(isinstance(value, str) and not value.isascii() for value in values)


# Unicode categories without case: no character of them has a lower or upper case, and none is the
# lower or upper case of another character (letters with case, circled letters (So), Roman numerals
# (Nl) and combining marks (Mn) are left out)
_CASELESS_CATEGORIES = {"Lo", "Nd", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "Zs"}


def _caseless(term: str) -> bool:
    """Whether ILIKE and LIKE find the same cells for `term` (it has no character with a case)."""
    return all(unicodedata.category(ch) in _CASELESS_CATEGORIES and ch.lower() == ch == ch.upper() for ch in term)


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _term_clause(term: str, columns: dict[str, str], name: str, ascii_columns: set[str]) -> str:
    """The condition that one of `columns` (name -> type) contains `term`; `ascii_columns` are text
    columns of ASCII cells only (data/table_note.py)."""
    like = "LIKE" if _caseless(term) else "ILIKE"
    if not term.isascii():
        texts = [column for column, kind in columns.items()
                 if kind not in _ASCII_TYPES and column not in ascii_columns]
        # a text column as itself (its trigram index applies); other types (json, arrays) as text
        cells = [identifier(column) + ("" if columns[column] == "text" else "::text") for column in texts]
        return "(" + " OR ".join(f"{cell} {like} :{name}" for cell in cells) + ")" if cells else "false"
    row = "concat_ws(' ', " + ", ".join(f"{identifier(column)}::text" for column in columns) + ")"
    return f"{row} {like} :{name}"


def _clauses(text: str, columns: dict[str, str], prefix: str,
             ascii_columns: set[str]) -> list[tuple[str, dict[str, str]]]:
    """One condition per term of `text`: one of the row's `columns` contains the term."""
    return [(_term_clause(term, columns, f"{prefix}_{n}", ascii_columns), {f"{prefix}_{n}": _like(term)})
            for n, term in enumerate(text.split())]


def searched_as_substrings(data_dict: dict[str, Any]) -> bool:
    """Whether datastore_search's `q` or `full_text` has text outside ASCII: then both are searched
    as substrings (the full-text column holds no Chinese word: data/load.py)."""
    full_text = data_dict.get("full_text")
    return is_substring_query(data_dict.get("q") or "") or (isinstance(full_text, str) and not full_text.isascii())


def _searched(data_dict: dict[str, Any], fields_types: dict[str, str]) -> list[tuple[Optional[str], str]]:
    """(column, or None for the whole row; the text searched there) of `q` and `full_text`."""
    q, full_text = data_dict.get("q"), data_dict.get("full_text")
    searched: list[tuple[Optional[str], str]] = [(None, full_text)] if isinstance(full_text, str) and full_text else []
    if isinstance(q, str) and q:
        searched.append((None, q))
    elif isinstance(q, dict):
        searched += [(name, value) for name, value in q.items() if name in fields_types and isinstance(value, str)]
    return searched


def where(context: Context, data_dict: dict[str, Any], fields_types: dict[str, str],
          query_dict: dict[str, Any]) -> dict[str, Any]:
    """IDatastore.datastore_search (after CKAN's own): CKAN's full-text conditions of a non-ASCII `q`
    or `full_text` replaced by substring conditions (for both: every term of each is in the row, or
    in its column); its ranking query made plain (to_tsquery refuses most Chinese text); rows in
    table order, after the asked sort if any. Without one, CKAN sorted by the full-text rank, which
    for Chinese only puts cells equal to the whole query first and costs the rank and a sort of
    every row found (250 ms of 83,000 rows found in 1,000,000) where table order reads the first
    matching rows by `_id` and stops."""
    if not searched_as_substrings(data_dict):
        return query_dict
    q = data_dict.get("q")
    searched = _searched(data_dict, fields_types)
    aliases = {" @@ " + _ts_query_alias(name) for name, _text in searched}
    query_dict["where"] = [clause for clause in query_dict["where"]
                           if not (len(clause) == 1 and any(clause[0].endswith(alias) for alias in aliases))]
    ranks = {"rank"} | {f"rank {name}" for name in (q if isinstance(q, dict) else ())}  # CKAN's rank columns
    columns = {name: kind for name, kind in fields_types.items() if name not in _NOT_COLUMNS | ranks}
    ascii_columns = table_note.ascii_columns_of(table_note.read(context["connection"], data_dict["resource_id"]))
    for n, (name, text) in enumerate(searched):
        query_dict["where"] += _clauses(text, columns if name is None else {name: fields_types[name]},
                                        f"harbin_like_{n}", ascii_columns)
    query_dict["ts_query"], _ = _textsearch_query(_fts_lang(data_dict.get("language")), q, True,
                                                  data_dict.get("full_text"))
    if data_dict.get("sort"):
        query_dict["sort"].append(identifier("_id"))
    else:  # table order, not CKAN's rank of every row found: the first rows are read, not all of them sorted
        query_dict["sort"] = [identifier("_id")]
    return query_dict
