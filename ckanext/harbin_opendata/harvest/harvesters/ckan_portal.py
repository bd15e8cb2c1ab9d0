"""Harvester `harbin_ckan`: another CKAN portal, read through its action API.

Gather pages through package_search (sorted by id, 100 at a time, with the organization and group
filters of ckanext-harvest's CKAN harvester) and checks that it got as many datasets as the portal
counts: a portal that stops paging early cannot withdraw entries. Each dataset becomes a record
(CKAN's author/maintainer and dates included). A dataset without data items gets them, in the
fetch stage, from the columns of its first DataStore table (one call per dataset; none at all
once the portal answered that it has no DataStore), else they are drafted from its data file like
every harvester's (drafting.py).
"""
from __future__ import annotations

import json
from typing import Any, Optional
from urllib.parse import urlencode

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.harvest.harvesters.base import HarvesterBase
from ckanext.harvest.model import HarvestJob, HarvestObject

from ..base import HarbinHarvesterMixin
from ..download import Limits, SourceError, get_json_bytes
from ..listing import Listing, check_total
from ..records import record_from_package
from .jsonpaging import decode_json

__all__ = ["HarbinCKANHarvester", "datastore_item"]

_ROWS = 100
_FILTERS = ("organizations_filter_include", "organizations_filter_exclude", "groups_filter_include",
            "groups_filter_exclude")
# DataStore (PostgreSQL) column types → data item types.
_DATASTORE_TYPES = {"text": "string", "int": "integer", "int4": "integer", "int8": "integer", "bigint": "integer",
                    "integer": "integer", "smallint": "integer", "numeric": "number", "float8": "number",
                    "float": "number", "double precision": "number", "date": "date", "timestamp": "datetime",
                    "time": "time", "bool": "boolean", "boolean": "boolean"}
_DATASTORE_KEY = "_datastore_resources"


def datastore_item(field: Any) -> Optional[dict[str, str]]:
    if not isinstance(field, dict) or field.get("id") in (None, "", "_id"):
        return None
    info = field.get("info") if isinstance(field.get("info"), dict) else {}
    item = {"name": str(info.get("label") or field["id"]),
            "type": _DATASTORE_TYPES.get(str(field.get("type", "text")).lower(), "string")}
    if info.get("notes"):
        item["description"] = str(info["notes"])
    return item


def _filter_query(config: dict[str, Any]) -> str:
    terms = []
    for kind, key in (("organization", "organizations"), ("groups", "groups")):
        include, exclude = config.get(f"{key}_filter_include") or [], config.get(f"{key}_filter_exclude") or []
        if include:
            terms.append(" OR ".join(f"{kind}:{name}" for name in include))
        else:
            terms.extend(f"-{kind}:{name}" for name in exclude)
    return " ".join(terms)


class HarbinCKANHarvester(HarbinHarvesterMixin, HarvesterBase):

    own_config_keys = set(_FILTERS) | {"api_key", "user_agent", "default_tags"}
    _no_datastore: set[str] = set()  # jobs whose portal has no DataStore API

    def info(self) -> dict[str, str]:
        return {
            "name": "harbin_ckan",
            "title": tk._("CKAN portal (Harbin schema)"),
            "description": tk._("Another CKAN portal; its datasets are mapped into Harbin catalog entries."),
            "form_config_interface": "Text",
        }

    def check_own_config(self, config: dict[str, Any]) -> None:
        for key in (*_FILTERS, "default_tags"):
            if key in config and not (isinstance(config[key], list) and all(isinstance(v, str) for v in config[key])):
                raise ValueError(tk._("“{key}” must be a list of names.").format(key=key))

    @staticmethod
    def _headers(config: dict[str, Any]) -> dict[str, str]:
        headers = dict(config.get("headers") or {})
        if config.get("user_agent"):
            headers["User-Agent"] = str(config["user_agent"])
        if config.get("api_key"):
            headers["Authorization"] = str(config["api_key"])
        return headers

    def _action(self, base: str, action: str, params: dict[str, Any], config: dict[str, Any]) -> Any:
        url = f"{base.rstrip('/')}/api/3/action/{action}?{urlencode(params)}"
        answer = decode_json(get_json_bytes(url, Limits(config), self._headers(config)), url)
        if not isinstance(answer, dict) or not answer.get("success") or not isinstance(answer.get("result"), dict):
            raise SourceError(tk._("{url} did not answer as a CKAN action API.").format(url=url))
        return answer["result"]

    def list_records(self, job: HarvestJob, config: dict[str, Any]) -> Listing:
        listing, datasets, count = Listing(), {}, None
        params = {"rows": _ROWS, "start": 0, "sort": "id asc", "fq": _filter_query(config)}
        for page in range(Limits(config).max_pages + 1):
            if page == Limits(config).max_pages:
                raise SourceError(tk._("Paging of {url} did not end after {pages} pages: nothing harvested.").format(
                    url=job.source.url, pages=page))
            result = self._action(job.source.url, "package_search", {**params, "start": page * _ROWS}, config)
            count, found = int(result.get("count") or 0), result.get("results") or []
            datasets.update({d["id"]: d for d in found if isinstance(d, dict) and d.get("id")})
            if not found or (page + 1) * _ROWS >= count:
                break
        listing.records = [self._record(dataset, config) for dataset in datasets.values()
                           if dataset.get("type", "dataset") != "harvest"]
        check_total(listing, count, job.source.url)
        return listing

    @staticmethod
    def _record(dataset: dict[str, Any], config: dict[str, Any]) -> dict[str, Any]:
        record = record_from_package(dataset)
        record["tags"] = list(dict.fromkeys(record.get("tags", []) + (config.get("default_tags") or [])))
        tables = [r["id"] for r in dataset.get("resources") or [] if r.get("datastore_active") and r.get("id")]
        if tables and not record.get("data_items"):
            record[_DATASTORE_KEY] = tables[:1]
        return record

    def fetch_stage(self, harvest_object: HarvestObject) -> bool:
        """Data items from the columns of the dataset's DataStore table at the remote portal, else
        drafted from its file (the mixin's fetch stage)."""
        self._datastore_items(harvest_object)
        return super().fetch_stage(harvest_object)

    def _datastore_items(self, harvest_object: HarvestObject) -> None:
        record = json.loads(harvest_object.content or "{}")
        tables = record.pop(_DATASTORE_KEY, None) if isinstance(record, dict) else None
        if not tables or harvest_object.harvest_job_id in self._no_datastore:
            return
        config = self.source_config(harvest_object)
        try:
            result = self._action(harvest_object.source.url, "datastore_search",
                                  {"resource_id": str(tables[0]), "limit": 0}, config)
        except SourceError:
            self._no_datastore.add(harvest_object.harvest_job_id)  # do not ask again in this job
            return
        record["data_items"] = [item for item in map(datastore_item, result.get("fields") or []) if item]
        harvest_object.content = json.dumps(record, ensure_ascii=False)
        model.Session.add(harvest_object)
