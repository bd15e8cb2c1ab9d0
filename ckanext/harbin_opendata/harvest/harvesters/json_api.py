"""Harvester `harbin_json_api`: an agency portal's own JSON API, described in the source config.

Config: ``list_path`` (where a page holds its records, e.g. ``data.list``), ``fields`` (record
field → path inside one record, e.g. ``{"title": "zymc", "resource_code": "zydm"}``) and optionally
``paging``: ``{"param": "page", "start": 1, "size_param": "pageSize", "size": 100}`` (page numbers),
``{"offset_param": "offset", "size_param": "limit", "size": 100}`` (offsets) or
``{"next_path": "links.next"}`` (a next-page link); ``total_path`` (the record count) ends paging
early.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any, Iterator, Optional
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit, parse_qsl

import ckan.plugins.toolkit as tk
from ckanext.harvest.harvesters.base import HarvesterBase
from ckanext.harvest.model import HarvestJob

from ...common.tabular import detect_encoding
from .. import jsonpaths, sourceconfig
from ..base import HarbinHarvesterMixin, gather_error
from ..download import Limits, SourceError, get_json_bytes

__all__ = ["HarbinJSONAPIHarvester", "decode_json"]

_PAGING_KEYS = {"param", "start", "size_param", "size", "offset_param", "next_path"}


def decode_json(body: bytes, url: str) -> Any:
    """JSON in UTF-8 (with or without BOM) or, as some portals send it, GB18030."""
    try:
        return json.loads(body.decode(detect_encoding(body[: 1 << 16])))
    except (UnicodeDecodeError, ValueError) as error:
        raise SourceError(tk._("{url} did not return valid JSON: {error}").format(url=url, error=error))


def _with_params(url: str, params: dict[str, Any]) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update({k: str(v) for k, v in params.items()})
    return urlunsplit(parts._replace(query=urlencode(query)))


class HarbinJSONAPIHarvester(HarbinHarvesterMixin, HarvesterBase):

    own_config_keys = {"list_path", "fields", "paging", "total_path"}

    def info(self) -> dict[str, str]:
        return {
            "name": "harbin_json_api",
            "title": tk._("Agency JSON API"),
            "description": tk._("An agency portal's own JSON API; where the records and their fields are "
                                "is set in the configuration (list_path, fields, paging)."),
        }

    def check_own_config(self, config: dict[str, Any]) -> None:
        if not jsonpaths.check(config.get("list_path")):
            raise ValueError(tk._("“list_path” is required: the path of the record list in a page, e.g. {example}.")
                             .format(example="data.list"))
        if "fields" not in config:
            raise ValueError(tk._("“fields” is required: where each field is in a record, e.g. {example}.")
                             .format(example='{"title": "zymc", "resource_code": "zydm"}'))
        sourceconfig.check_fields(config["fields"], "fields")
        if "title" not in config["fields"]:
            raise ValueError(tk._("“fields” must say where the title (资源名称) is."))
        bad = [path for path in list(config["fields"].values()) + [config.get("total_path", "x")]
               if not jsonpaths.check(path)]
        if bad:
            raise ValueError(tk._("Not a JSON path: {paths}.").format(paths=", ".join(map(str, bad))))
        paging = config.get("paging", {})
        if not isinstance(paging, dict) or set(paging) - _PAGING_KEYS:
            raise ValueError(tk._("“paging” must be a JSON object with the keys {keys}.").format(
                keys=", ".join(sorted(_PAGING_KEYS))))
        for key in ("start", "size"):
            if key in paging and (not isinstance(paging[key], int) or isinstance(paging[key], bool) or paging[key] < 0):
                raise ValueError(tk._("“paging.{key}” must be a whole number.").format(key=key))

    def gather_stage(self, harvest_job: HarvestJob) -> Optional[list[str]]:
        config = self.source_config(harvest_job)
        try:
            found = [self._record(item, config["fields"]) for item in self._items(harvest_job.source.url, config)]
        except SourceError as error:
            gather_error(harvest_job, str(error))
            return None
        return self.store_records(harvest_job, found, config)

    @staticmethod
    def _record(item: Any, fields: dict[str, str]) -> dict[str, Any]:
        record = {}
        for field, path in fields.items():
            value = jsonpaths.get(item, path)
            if value is not jsonpaths.MISSING and value is not None:
                record[field] = value
        return record

    def _items(self, url: str, config: dict[str, Any]) -> Iterator[Any]:
        """Every record of every page; SourceError if a page fails or paging does not end."""
        limits, paging = Limits(config), config.get("paging") or {}
        page, count, seen_pages = 0, 0, set()
        next_url: Optional[str] = self._page_url(url, paging, 0)
        while next_url:
            if page >= limits.max_pages:
                raise SourceError(tk._("Paging did not end after {pages} pages: nothing harvested.").format(
                    pages=limits.max_pages))
            body = get_json_bytes(next_url, limits, config.get("headers"))
            digest = hashlib.sha1(body).hexdigest()
            if digest in seen_pages:  # a server that ignores the page parameter
                break
            seen_pages.add(digest)
            data = decode_json(body, next_url)
            items = jsonpaths.get(data, config["list_path"])
            if not isinstance(items, list):
                raise SourceError(tk._("{url} has no record list at “{path}”.").format(
                    url=next_url, path=config["list_path"]))
            yield from items
            page, count = page + 1, count + len(items)
            next_url = self._next(url, next_url, data, paging, page, len(items), count, config)

    @staticmethod
    def _page_url(url: str, paging: dict[str, Any], page: int) -> str:
        size = paging.get("size")
        params: dict[str, Any] = {paging["size_param"]: size} if paging.get("size_param") and size else {}
        if paging.get("param"):
            params[paging["param"]] = paging.get("start", 1) + page
        elif paging.get("offset_param"):
            params[paging["offset_param"]] = paging.get("start", 0) + page * (size or 0)
        return _with_params(url, params) if params else url

    def _next(self, url: str, current: str, data: Any, paging: dict[str, Any], page: int,
              found: int, count: int, config: dict[str, Any]) -> Optional[str]:
        total = jsonpaths.get(data, config["total_path"]) if config.get("total_path") else jsonpaths.MISSING
        if total is not jsonpaths.MISSING and str(total).isdigit() and count >= int(total):
            return None
        if paging.get("next_path"):
            link = jsonpaths.get(data, paging["next_path"])
            return urljoin(current, link) if isinstance(link, str) and link else None
        if not (paging.get("param") or paging.get("offset_param")) or found == 0:
            return None
        if paging.get("size") and found < paging["size"]:
            return None
        return self._page_url(url, paging, page)
