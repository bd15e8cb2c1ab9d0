"""Reading every page of an agency's JSON API, and knowing whether that was all of it: with
`total_path` the listing is complete only when as many records came as the API says it has, and an
empty page before that ends paging without withdrawing anything."""
from __future__ import annotations

import hashlib
import json
from typing import Any, Optional
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import ckan.plugins.toolkit as tk

from ...common.tabular import detect_encoding
from .. import jsonpaths
from ..download import Limits, SourceError, get_json_bytes
from ..listing import Listing, check_total

__all__ = ["decode_json", "page_url", "read_pages"]


def decode_json(body: bytes, url: str) -> Any:
    """JSON in UTF-8 (with or without BOM) or, as some portals send it, GB18030."""
    try:
        return json.loads(body.decode(detect_encoding(body)))
    except (UnicodeDecodeError, ValueError) as error:
        raise SourceError(tk._("{url} did not return valid JSON: {error}").format(url=url, error=error))


def _with_params(url: str, params: dict[str, Any]) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update({k: str(v) for k, v in params.items()})
    return urlunsplit(parts._replace(query=urlencode(query)))


def page_url(url: str, paging: dict[str, Any], page: int) -> str:
    size = paging.get("size")
    params: dict[str, Any] = {paging["size_param"]: size} if paging.get("size_param") and size else {}
    if paging.get("param"):
        params[paging["param"]] = paging.get("start", 1) + page
    elif paging.get("offset_param"):
        params[paging["offset_param"]] = paging.get("start", 0) + page * (size or 0)
    return _with_params(url, params) if params else url


def _total(data: Any, config: dict[str, Any]) -> Optional[int]:
    total = jsonpaths.get(data, config["total_path"]) if config.get("total_path") else jsonpaths.MISSING
    return int(total) if total is not jsonpaths.MISSING and str(total).isdigit() else None


def _next(url: str, current: str, data: Any, paging: dict[str, Any], page: int, found: int) -> Optional[str]:
    if paging.get("next_path"):
        link = jsonpaths.get(data, paging["next_path"])
        return urljoin(current, link) if isinstance(link, str) and link else None
    if not (paging.get("param") or paging.get("offset_param")) or found == 0:
        return None
    if paging.get("size") and found < paging["size"]:
        return None
    return page_url(url, paging, page)


def read_pages(url: str, config: dict[str, Any], listing: Listing) -> list[Any]:
    """The items of every page (records still to be picked from them); marks the listing
    incomplete when the API stopped short of its own total. SourceError when a page fails."""
    limits, paging = Limits(config), config.get("paging") or {}
    items: list[Any] = []
    pages, seen_pages, total = 0, set(), None
    next_url: Optional[str] = page_url(url, paging, 0)
    while next_url:
        if pages >= limits.max_pages:
            raise SourceError(tk._("Paging of {url} did not end after {pages} pages: nothing harvested.").format(
                url=url, pages=limits.max_pages))
        body = get_json_bytes(next_url, limits, config.get("headers"))
        digest = hashlib.sha1(body).hexdigest()
        if digest in seen_pages:  # a server that ignores the page parameter
            break
        seen_pages.add(digest)
        data = decode_json(body, next_url)
        found = jsonpaths.get(data, config["list_path"])
        if not isinstance(found, list):
            raise SourceError(tk._("{url} has no record list at “{path}”.").format(url=next_url, path=config["list_path"]))
        total = _total(data, config) if _total(data, config) is not None else total
        pages += 1
        if not found and total is not None and len(items) < total:
            listing.incomplete(tk._("page {page} ({url}) was empty after {count} of {total} records").format(
                page=pages, url=next_url, count=len(items), total=total))
            break
        items.extend(found)
        if total is not None and len(items) >= total:
            break
        next_url = _next(url, next_url, data, paging, pages, len(found))
    listing.records = items
    check_total(listing, total, url)
    return items
