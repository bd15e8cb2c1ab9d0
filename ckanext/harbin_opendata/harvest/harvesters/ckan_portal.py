"""Harvester `harbin_ckan`: another CKAN portal, through the built-in CKAN harvester.

ckanext-harvest's CKANHarvester keeps doing what it does well — searching the remote portal page
by page, organization filters, remote groups and organizations. Its hooks are used to add what
Harbin needs: every gather lists the whole portal (so records gone from it are withdrawn),
downloads are bounded in size and time, `modify_package_dict` maps each dataset into the Harbin
schema, and the save goes through the shared importer (review workflow, idempotency, duplicates).
"""
from __future__ import annotations

import json
from typing import Any, Optional
from urllib.parse import quote

import ckan.plugins.toolkit as tk
from ckanext.harvest.harvesters.ckanharvester import CKANHarvester, ContentFetchError
from ckanext.harvest.model import HarvestJob, HarvestObject

from .. import importer, sourceconfig
from ..base import HarbinHarvesterMixin
from ..download import Limits, SourceError, get_json_bytes
from ..mapping import record_from_package

__all__ = ["HarbinCKANHarvester"]

# DataStore (PostgreSQL) column types → data item types.
_DATASTORE_TYPES = {"text": "string", "int": "integer", "int4": "integer", "int8": "integer", "bigint": "integer",
                    "integer": "integer", "smallint": "integer", "numeric": "number", "float8": "number",
                    "float": "number", "double precision": "number", "date": "date", "timestamp": "datetime",
                    "time": "time", "bool": "boolean", "boolean": "boolean"}


def _datastore_item(field: Any) -> Optional[dict[str, str]]:
    if not isinstance(field, dict) or field.get("id") in (None, "", "_id"):
        return None
    info = field.get("info") if isinstance(field.get("info"), dict) else {}
    item = {"name": str(info.get("label") or field["id"]),
            "type": _DATASTORE_TYPES.get(str(field.get("type", "text")).lower(), "string")}
    if info.get("notes"):
        item["description"] = str(info["notes"])
    return item

# Keys of CKANHarvester's own configuration that still apply.
_CKAN_KEYS = {"api_version", "default_tags", "default_groups", "default_extras", "override_extras",
              "organizations_filter_include", "organizations_filter_exclude", "groups_filter_include",
              "groups_filter_exclude", "remote_groups", "remote_orgs", "api_key", "user_agent", "user",
              "read_only", "force_all", "clean_tags", "default_group_dicts"}  # the last one is added by validation


class HarbinCKANHarvester(HarbinHarvesterMixin, CKANHarvester):

    own_config_keys = _CKAN_KEYS

    def info(self) -> dict[str, str]:
        return {
            "name": "harbin_ckan",
            "title": tk._("CKAN portal (Harbin schema)"),
            "description": tk._("Another CKAN portal; its datasets are mapped into Harbin catalog entries."),
            "form_config_interface": "Text",
        }

    def validate_config(self, config: Optional[str]) -> str:
        sourceconfig.validate(config, self.own_config_keys)  # first: its messages are translated
        return CKANHarvester.validate_config(self, config) or ""

    def _set_config(self, config_str: Optional[str]) -> None:
        super()._set_config(config_str)
        # Always the whole portal: an incremental search cannot tell which datasets disappeared.
        self.config["force_all"] = True

    def _get_content(self, url: str) -> str:
        headers = {}
        if self.config.get("user_agent"):
            headers["User-Agent"] = str(self.config["user_agent"])
        if self.config.get("api_key"):
            headers["Authorization"] = self.config["api_key"]
        try:
            body = get_json_bytes(url, Limits(self.config), headers)
        except SourceError as error:
            raise ContentFetchError(str(error))
        return body.decode("utf-8", errors="replace")

    def gather_stage(self, harvest_job: HarvestJob) -> Optional[list[str]]:
        ids = super().gather_stage(harvest_job)
        if not ids:  # the search failed or found nothing: withdraw nothing
            return ids
        guids = {guid for (guid,) in HarvestObject.filter(harvest_job_id=harvest_job.id)
                 .with_entities(HarvestObject.guid)}
        return ids + self.withdrawal_objects(harvest_job, guids)

    def modify_package_dict(self, package_dict: dict[str, Any], harvest_object: HarvestObject) -> dict[str, Any]:
        record = record_from_package(package_dict)
        if not record.get("data_items"):  # a plain CKAN dataset: its DataStore tables have the fields
            record["data_items"] = self._datastore_items(package_dict, harvest_object.source.url)
        return record

    def _datastore_items(self, package_dict: dict[str, Any], base_url: str) -> list[dict[str, str]]:
        """Data items from the columns of the dataset's DataStore tables at the remote portal."""
        items: dict[str, dict[str, str]] = {}
        for resource in package_dict.get("resources") or []:
            if not resource.get("datastore_active"):
                continue
            url = (f"{base_url.rstrip('/')}{self._get_action_api_offset()}/datastore_search"
                   f"?resource_id={quote(str(resource.get('id', '')))}&limit=0")
            try:
                fields = json.loads(self._get_content(url))["result"]["fields"]
            except (ContentFetchError, ValueError, KeyError, TypeError):
                continue  # without fields the record is reported as lacking data items
            for field in fields:
                item = _datastore_item(field)
                if item:
                    items.setdefault(item["name"], item)
        return list(items.values())

    def import_stage(self, harvest_object: HarvestObject) -> Any:
        if importer.object_extra(harvest_object, importer.STATUS_KEY) == importer.WITHDRAW:
            return importer.withdraw(harvest_object)
        return CKANHarvester.import_stage(self, harvest_object)  # not the mixin's: records come from here

    def _create_or_update_package(self, package_dict: dict[str, Any], harvest_object: HarvestObject,
                                  package_dict_form: str = "package_show") -> Any:
        # package_dict is the record from modify_package_dict; its owner_org is the local agency
        # CKANHarvester chose (the source's, or the remote one when remote_orgs is set).
        config = dict(sourceconfig.load(harvest_object.source.config))
        chosen = package_dict.pop("owner_org", None)
        if chosen:
            config.setdefault("owner_org", chosen)
        return importer.import_record(harvest_object, package_dict, config)

    def fetch_stage(self, harvest_object: HarvestObject) -> bool:
        return True
