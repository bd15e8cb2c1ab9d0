"""Harvester `harbin_json_api`: an agency portal's own JSON API, described in the source config.

Config: ``list_path`` (where a page holds its records, e.g. ``data.list``), ``fields`` (record
field → path inside one record, e.g. ``{"title": "zymc", "resource_code": "zydm"}``; a list of
paths takes the first one found), optionally ``resources_path`` (path of a record's list of files)
with ``resource_fields`` (``url``/``name``/``format``/``description`` → path inside one file),
``paging``: ``{"param": "page", "start": 1, "size_param": "pageSize", "size": 100}`` (page
numbers), ``{"offset_param": "offset", "size_param": "limit", "size": 100}`` (offsets) or
``{"next_path": "links.next"}`` (a next-page link); ``total_path`` (the record count) ends paging
and tells a complete listing. ``"preset": "dcat_us"`` reads a DCAT-US ``data.json`` catalog.

``resources`` is the old name of ``resources_path`` (renamed_keys.py), still read, saved under the
new name.
"""
from __future__ import annotations

import json
from typing import Any, Optional

import ckan.plugins.toolkit as tk
from ckanext.harvest.harvesters.base import HarvesterBase
from ckanext.harvest.model import HarvestJob

from .. import jsonpaths, renamed_keys, sourceconfig
from ..base import HarbinHarvesterMixin
from ..listing import Listing
from ..records import RECORD_FIELDS, RESOURCE_FIELDS
from .jsonpaging import read_pages

__all__ = ["HarbinJSONAPIHarvester", "PRESETS", "effective_config", "OLD_RESOURCES_KEY"]

SOURCE_TYPE = "harbin_json_api"
OLD_RESOURCES_KEY = "resources"  # renamed_keys.py: collided with the source package's own resources

_PAGING_KEYS = {"param", "start", "size_param", "size", "offset_param", "next_path"}
PRESETS: dict[str, dict[str, Any]] = {
    # DCAT-US (Project Open Data) data.json, as US federal, state and ArcGIS Hub portals publish it.
    "dcat_us": {
        "list_path": "dataset",
        "fields": {"id": "identifier", "title": "title", "notes": "description", "tags": "keyword",
                   "last_updated": "modified", "publish_date": "issued", "agency": "publisher.name",
                   "contact_name": "contactPoint.fn", "contact_email": "contactPoint.hasEmail",
                   "open_type": "accessLevel", "update_frequency": "accrualPeriodicity", "data_domain": "theme",
                   "spatial_coverage": "spatial", "license_id": "license"},
        "resources_path": "distribution",
        "resource_fields": {"url": ["downloadURL", "accessURL"], "name": "title", "description": "description",
                            "format": ["format", "mediaType"]},
    },
}


def effective_config(config: dict[str, Any]) -> dict[str, Any]:
    """The source config over its preset's: the source's own fields win."""
    preset = PRESETS.get(config.get("preset") or "", {})
    merged = {**preset, **_renamed(config)}
    merged["fields"] = {**preset.get("fields", {}), **config.get("fields", {})}
    if "resource_fields" in preset or "resource_fields" in config:
        merged["resource_fields"] = {**preset.get("resource_fields", {}), **config.get("resource_fields", {})}
    return merged


def _renamed(config: dict[str, Any]) -> dict[str, Any]:
    return renamed_keys.renamed(SOURCE_TYPE, config)


def _check_files(config: dict[str, Any]) -> None:
    """The path of a record's files and where the address is inside one file go together."""
    has_path, fields = bool(config.get("resources_path")), config.get("resource_fields") or {}
    if has_path and "url" not in fields:
        raise ValueError(tk._("“resource_fields” must say where a file's address is, e.g. {example}.").format(
            example='{"url": "xzdz", "name": "wjmc"}'))
    if fields and not has_path:
        raise ValueError(tk._("“resource_fields” needs “resources_path”: the path of a record's list of files, "
                              "e.g. {example}.").format(example="附件"))


def _paths(value: Any) -> list[str]:
    return value if isinstance(value, list) else [value]


def _value(item: Any, paths: Any) -> Any:
    for path in _paths(paths):
        value = jsonpaths.get(item, path)
        if value is not jsonpaths.MISSING and value not in (None, "", []):
            return value
    return None


def _check_paths(mapping: Any, key: str, known: Any) -> None:
    if not isinstance(mapping, dict) or not all(
            isinstance(v, (str, list)) and v and all(isinstance(p, str) and p for p in _paths(v))
            for v in mapping.values()):
        raise ValueError(tk._("“{key}” must map field names to JSON paths, e.g. {example}.").format(
            key=key, example='{"title": "zymc"}'))
    sourceconfig.check_known(mapping, key, known)
    bad = [path for value in mapping.values() for path in _paths(value) if not jsonpaths.check(path)]
    if bad:
        raise ValueError(tk._("Not a JSON path: {paths}.").format(paths=", ".join(map(str, bad))))


class HarbinJSONAPIHarvester(HarbinHarvesterMixin, HarvesterBase):

    own_config_keys = {"list_path", "fields", "paging", "total_path", "resources_path", OLD_RESOURCES_KEY,
                       "resource_fields", "preset"}

    def info(self) -> dict[str, str]:
        return {
            "name": SOURCE_TYPE,
            "title": tk._("Agency JSON API"),
            "description": tk._("An agency portal's own JSON API; where the records and their fields are "
                                "is set in the configuration (list_path, fields, paging)."),
        }

    def validate_config(self, config: Optional[str]) -> str:
        """The checked config, `resources` saved as `resources_path` (see the module's docstring)."""
        text = super().validate_config(config)
        given = sourceconfig.load(text)
        if OLD_RESOURCES_KEY not in given:
            return text
        if "resources_path" in given:
            raise ValueError(tk._("Give “resources_path” only (“resources” is its old name)."))
        return json.dumps(_renamed(given), ensure_ascii=False, indent=1)

    def check_own_config(self, given: dict[str, Any]) -> None:
        if given.get("preset") not in (None, *PRESETS):
            raise ValueError(tk._("“preset” must be one of: {presets}.").format(presets=", ".join(PRESETS)))
        config = effective_config(given)
        if not jsonpaths.check(config.get("list_path")):
            raise ValueError(tk._("“list_path” is required: the path of the record list in a page, e.g. {example}.")
                             .format(example="data.list"))
        if not config.get("fields"):
            raise ValueError(tk._("“fields” is required: where each field is in a record, e.g. {example}.")
                             .format(example='{"title": "zymc", "resource_code": "zydm"}'))
        _check_paths(config["fields"], "fields", RECORD_FIELDS)
        _check_paths(config.get("resource_fields", {}), "resource_fields", RESOURCE_FIELDS)
        if "title" not in config["fields"]:
            raise ValueError(tk._("“fields” must say where the title (资源名称) is."))
        _check_files(config)
        for key in ("total_path", "resources_path"):
            if key in config and not jsonpaths.check(config[key]):
                raise ValueError(tk._("Not a JSON path: {paths}.").format(paths=config[key]))
        paging = config.get("paging", {})
        if not isinstance(paging, dict) or set(paging) - _PAGING_KEYS:
            raise ValueError(tk._("“paging” must be a JSON object with the keys {keys}.").format(
                keys=", ".join(sorted(_PAGING_KEYS))))
        for key in ("start", "size"):
            if key in paging and (not isinstance(paging[key], int) or isinstance(paging[key], bool) or paging[key] < 0):
                raise ValueError(tk._("“paging.{key}” must be a whole number.").format(key=key))

    def list_records(self, job: HarvestJob, config: dict[str, Any]) -> Listing:
        config = effective_config(config)
        listing = Listing()
        items = read_pages(job.source.url, config, listing)
        listing.records = [self._record(item, config) for item in items]
        return listing

    @staticmethod
    def _record(item: Any, config: dict[str, Any]) -> dict[str, Any]:
        record = {field: value for field, paths in config["fields"].items()
                  if (value := _value(item, paths)) is not None}
        files = jsonpaths.get(item, config["resources_path"]) if config.get("resources_path") else jsonpaths.MISSING
        if isinstance(files, list):
            record["resources"] = [{field: _value(file, paths) for field, paths in config["resource_fields"].items()}
                                   for file in files if isinstance(file, dict)]
        return record
