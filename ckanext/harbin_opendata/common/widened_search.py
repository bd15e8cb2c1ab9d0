"""package_search widened for a citizen's Chinese words (cjk_widening.py, related_terms.py).

One search as before when its words are unlisted and it finds something. A listed word
(公交车) searches with its related terms at once, entries holding the word itself first; when no
entry of the page holds the words (read from the results, no search), a second count-only search
tells whether any entry does (else the page's "no exact match" notice). When the search finds
nothing, it runs once more relaxed (any word, or most of a long word). Every pass
is package_search itself, so the same permission labels, filters and result checks apply (no
hidden or unpublished entry can appear), and the facets are those of the results returned.

A widened answer carries `harbin_widened: true`; within a web request the searched text is also
kept for the page (`was_widened`)."""
from __future__ import annotations

import contextlib
import contextvars
import functools
from typing import Any, Callable, Iterator

from flask import has_request_context

import ckan.plugins.toolkit as tk

from . import cjk_search
from .cjk_widening import chinese_words, expanded_query, has_chinese, literal_query, relaxed_query
from .related_terms import related_terms

__all__ = ["WIDENED_KEY", "around", "rewrite", "was_widened"]

WIDENED_KEY = "harbin_widened"
_EXPANDED, _RELAXED, _LITERAL = "expanded", "relaxed", "literal"
# the form of the query the pass in progress sends (read by before_dataset_search through `rewrite`)
_PASS: contextvars.ContextVar[str] = contextvars.ContextVar("harbin_search_pass", default=_EXPANDED)


@contextlib.contextmanager
def _pass(kind: str) -> Iterator[None]:
    token = _PASS.set(kind)
    try:
        yield
    finally:
        _PASS.reset(token)


def rewrite(search_params: dict[str, Any]) -> None:
    """The Chinese words of search_params' `q` in the form of the pass in progress."""
    q = search_params["q"]
    kind = _PASS.get()
    wider = None
    if search_params.get("defType") is None and tk.config["ckanext.harbin_opendata.search.widen"]:
        form = {_EXPANDED: expanded_query, _RELAXED: relaxed_query, _LITERAL: literal_query}[kind]
        wider = form(q, related_terms())
    if wider is None:
        search_params["q"] = cjk_search.cjk_query(q)
    else:  # operators and constant-score tiers: CKAN's default dismax parser reads neither
        search_params["q"], search_params["defType"] = wider, "edismax"


def _widens(data_dict: Any) -> bool:
    q = data_dict.get("q") if isinstance(data_dict, dict) else None
    return (isinstance(q, str) and has_chinese(q) and "defType" not in data_dict
            and tk.config["ckanext.harbin_opendata.search.cjk"]
            and tk.config["ckanext.harbin_opendata.search.widen"])


def _again(search: Callable[..., Any], kind: str, context: Any, data_dict: Any, **changes: Any) -> Any:
    with _pass(kind):
        return search(dict(context), dict(data_dict, **changes))


def _widened(result: dict[str, Any], q: str) -> dict[str, Any]:
    result[WIDENED_KEY] = True
    if has_request_context():
        tk.g.harbin_widened_queries = getattr(tk.g, "harbin_widened_queries", frozenset()) | {q}
    return result


def _holds_literally(results: list[dict[str, Any]], words: Any) -> bool:
    """Some entry of `results` holds every word as it is (as the index holds its texts)."""
    if not words:
        return False  # not all Chinese: only Solr can tell
    for entry in results:
        runs = cjk_search.entry_runs(entry)
        if all(any(word in run for run in runs) for word in words):
            return True
    return False


def widen(search: Callable[..., Any], context: Any, data_dict: Any) -> Any:
    """`search` (package_search) with the passes above."""
    with _pass(_EXPANDED):  # also for a search made within another's pass (a hook's own search)
        if not _widens(data_dict):
            return search(context, data_dict)
        result = search(context, data_dict)
    q, terms = data_dict["q"], related_terms()
    if result["count"] == 0:
        if relaxed_query(q, terms) is None:
            return result
        relaxed = _again(search, _RELAXED, context, data_dict)
        return _widened(relaxed, q) if relaxed["count"] else result
    if expanded_query(q, terms) is not None and not _holds_literally(result["results"], chinese_words(q, terms)):
        literal = _again(search, _LITERAL, context, data_dict, rows=0, start=0, facet="false")
        if literal["count"] == 0:
            return _widened(result, q)
    return result


def around(inner: Callable[..., Any]) -> Callable[..., Any]:
    """A chained package_search: `inner` (itself chained) within the passes."""
    @tk.chained_action
    def widened_package_search(original: Callable[..., Any], context: Any, data_dict: Any) -> Any:
        return widen(functools.partial(inner, original), context, data_dict)
    widened_package_search.__doc__ = inner.__doc__
    return widened_package_search


def was_widened(q: Any) -> bool:
    """Whether this request's search for `q` was widened (for the search page's notice)."""
    return has_request_context() and q in getattr(tk.g, "harbin_widened_queries", ())
