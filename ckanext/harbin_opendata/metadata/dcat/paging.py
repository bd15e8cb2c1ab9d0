"""dcat_catalog_show with page links that are URIs: ckanext-dcat writes the request's q and fq into
the catalogue's hydra links unencoded, so a search with a space (`fq=organization:hrb-jtj OR
tags:公交`) gave a link rdflib refuses to write as Turtle (a 500 for /catalog.ttl). The links are
percent-encoded here; the search, the auth check and the serialisation are ckanext-dcat's."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

import ckan.plugins.toolkit as tk
from ckanext.dcat import logic as dcat_logic
from ckanext.dcat.processors import RDFSerializer

__all__ = ["dcat_catalog_show"]

_LINKS = ("current", "first", "last", "next", "previous")
_KEPT = ":/?&=%#+,;@!$'()*~"  # a URI's own delimiters; a space, quotes and <>{}|\^` are encoded


def _uri(link: str) -> str:
    return quote(link, safe=_KEPT)


@tk.chained_action
@tk.side_effect_free
def dcat_catalog_show(up_func: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
    """ckanext-dcat's catalogue page, its page links percent-encoded (the parent is not called: it
    has no step between its search and its serialisation to put this in)."""
    tk.check_access("dcat_catalog_show", context, data_dict)
    query = dcat_logic._search_ckan_datasets(context, data_dict)
    pagination = dcat_logic._pagination_info(query, data_dict)
    pagination = {key: _uri(value) if key in _LINKS and isinstance(value, str) else value
                  for key, value in pagination.items()}
    return RDFSerializer(profiles=data_dict.get("profiles")).serialize_catalog(
        {}, query["results"], _format=data_dict.get("format"), pagination_info=pagination)
