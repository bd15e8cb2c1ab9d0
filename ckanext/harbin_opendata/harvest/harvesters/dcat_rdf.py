"""Harvester `harbin_dcat`: DCAT catalogs (Turtle, RDF/XML, JSON-LD, paged with Hydra), parsed with
ckanext-dcat's RDFParser and the site's profiles (`ckanext.dcat.rdf.profiles`, with `harbin_dcat`).

Every page is read through the suite's bounded download with the source's own `timeout` and
`max_size_mb`; hostile XML is refused; remote JSON-LD contexts are never fetched by the parser
(only those listed in the source's `jsonld_contexts`, through the same download). Each dataset
becomes a record; import, withdrawals and review are the shared ones (base.py), not
ckanext-dcat's.
"""
from __future__ import annotations

import hashlib
from typing import Any

import ckan.plugins.toolkit as tk
from ckanext.dcat.processors import RDFParser
from ckanext.harvest.harvesters.base import HarvesterBase
from ckanext.harvest.model import HarvestJob

from ..base import HarbinHarvesterMixin
from ..download import Limits, SourceError, get_json_bytes
from ..listing import Listing, check_total
from ..records import record_from_package
from . import rdfread

__all__ = ["HarbinDCATHarvester"]


class HarbinDCATHarvester(HarbinHarvesterMixin, HarvesterBase):
    requires: tuple[str, ...] = ("harvest", "harbin_harvest", "dcat")

    own_config_keys = {"rdf_format", "jsonld_contexts"}

    def info(self) -> dict[str, str]:
        return {
            "name": "harbin_dcat",
            "title": tk._("DCAT catalog (Harbin profile)"),
            "description": tk._("A DCAT catalog in Turtle, RDF/XML or JSON-LD, paged with Hydra, read "
                                "with the Harbin DCAT profile."),
        }

    def check_own_config(self, config: dict[str, Any]) -> None:
        if "rdf_format" in config and config["rdf_format"] not in RDFParser().supported_formats():
            raise ValueError(tk._("“rdf_format” must be one of: {formats}.").format(
                formats=", ".join(RDFParser().supported_formats())))
        contexts = config.get("jsonld_contexts", [])
        if not isinstance(contexts, list) or not all(isinstance(c, str) and c.startswith(("http://", "https://"))
                                                     for c in contexts):
            raise ValueError(tk._("“jsonld_contexts” must list the http(s) addresses of the JSON-LD contexts "
                                  "that may be read."))

    def list_records(self, job: HarvestJob, config: dict[str, Any]) -> Listing:
        limits, headers = Limits(config), config.get("headers")
        contexts: dict[str, bytes] = {}

        def fetch_context(address: str) -> bytes:
            if address not in contexts:
                contexts[address] = get_json_bytes(address, limits, headers)
            return contexts[address]

        listing, seen_pages, total = Listing(), set(), None
        url = job.source.url
        pages = 0
        while url:
            if pages >= limits.max_pages:
                raise SourceError(tk._("Paging of {url} did not end after {pages} pages: nothing harvested.").format(
                    url=job.source.url, pages=limits.max_pages))
            body = get_json_bytes(url, limits, headers)
            digest = hashlib.sha1(body).hexdigest()
            if digest in seen_pages:  # a server that ignores the page parameter
                break
            seen_pages.add(digest)
            parser = rdfread.parse_page(body, url, config, fetch_context)
            found = [record_from_package(dataset) for dataset in parser.datasets()]
            total = rdfread.total_items(parser) or total
            pages, next_url = pages + 1, parser.next_page()
            if not found and next_url and pages > 1:
                listing.incomplete(tk._("page {page} ({url}) listed no datasets").format(page=pages, url=url))
                break
            listing.records.extend(found)
            url = next_url
        check_total(listing, total, job.source.url)
        return listing
