"""The addresses that search the catalogue without being CKAN's search page or API: ckanext-dcat's
/catalog.<format>, /dataset/<id>.<format> and /dcat.json, and CKAN's Atom feeds (/feeds/…). Their
views let package_search's SearchError through (a 500 for `q=title:(`, `fq={!join …}`, a sort
Solr does not know, a page so deep that Solr's start overflows), where the API answers 409.
Wrapped here: the page, the date and the format are checked first, and package_search's refusal
(bad Solr syntax; local parameters, refused before Solr is asked) becomes a 400 in the reader's
language. Solr being down stays a server error."""
from __future__ import annotations

import functools
import re
from typing import Any, Callable

from dateutil.parser import ParserError
from dateutil.parser import parse as parse_date

import ckan.plugins.toolkit as tk
from ckan.lib.search.common import SearchError, SearchQueryError

from .request_guard import bad_request

__all__ = ["MAX_PAGE", "FORMATS", "take_over"]

# 1,000,000 pages of at most 1,000 rows (ckan.search.rows_max) keep Solr's `start` under 2^31.
MAX_PAGE = 1_000_000
FORMATS = ("rdf", "xml", "ttl", "n3", "jsonld")  # ckanext-dcat's serialisations (utils.CONTENT_TYPES)
_WRAPPED = ("dcat.", "dcat_json_interface.", "feeds.")
_PAGE = re.compile(r"[0-9]{1,7}")
_SOLR_REFUSED = "(HTTP 400)"  # Solr's own answer to a query it cannot parse or run
_LOCAL_PARAMS = "local parameters"  # package_search's refusal of {!…}, before Solr


def _page_refusal() -> str | None:
    page = tk.request.args.get("page")
    if not page or (_PAGE.fullmatch(page) and 1 <= int(page) <= MAX_PAGE):
        return None
    return tk._("{name} must be a whole number from {low} to {high}.").format(name="page", low=1, high=MAX_PAGE)


def _date_refusal() -> str | None:
    since = tk.request.args.get("modified_since")
    if not since:
        return None
    try:
        parse_date(since)
    except (ParserError, ValueError, OverflowError):
        return tk._("modified_since is not a date: write it as ISO 8601, such as 2025-01-31 or 2025-01-31T08:00:00.")
    return None


def _format_refusal(fmt: Any) -> str | None:
    if fmt is None or fmt in FORMATS:
        return None
    return tk._("There is no {format} form of this address: the formats are {formats}.").format(
        format=str(fmt)[:20], formats=", ".join(FORMATS))


def _search_refusal(error: SearchError) -> str | None:
    text = str(error)
    if _LOCAL_PARAMS in text.lower():
        return tk._("A search here may not use Solr's local parameters ({!…}).")
    if isinstance(error, SearchQueryError) or _SOLR_REFUSED in text:
        return tk._("The search cannot be run: check its brackets, quotes and field names, and the sort.")
    return None


def _checked(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def checked_view(*args: Any, **kwargs: Any) -> Any:
        fmt = kwargs.get("_format")
        if _format_refusal(fmt):
            return tk.abort(404, _format_refusal(fmt))
        refusal = _page_refusal() or _date_refusal()
        if refusal:
            return bad_request(refusal)
        try:
            return view(*args, **kwargs)
        except SearchError as error:
            refusal = _search_refusal(error)
            if refusal is None:
                raise
            return bad_request(refusal)

    return checked_view


def take_over(app: Any) -> None:
    """Wrap the views of ckanext-dcat's and CKAN's feed addresses (those loaded) with the checks above."""
    for endpoint, view in list(app.view_functions.items()):
        if endpoint.startswith(_WRAPPED):
            app.view_functions[endpoint] = _checked(view)
