"""The JSON configuration of a Harbin harvest source: reading it and checking it with messages an
operator understands (in the interface language)."""
from __future__ import annotations

import json
from typing import Any, Callable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.resource_code import is_resource_code
from .records import RECORD_FIELDS
from .values import CODE_LISTS, ValueMaps, allowed_labels

__all__ = ["COMMON_KEYS", "SOURCE_CODES", "load", "validate", "check_fields", "check_known"]

# Keys every Harbin harvester understands.
COMMON_KEYS = {"owner_org", "defaults", "max_size_mb", "timeout", "max_pages", "id_field",
               "allow_empty", "headers", "resource_code_prefix", "value_maps", "draft_data_items",
               "allowed_agencies", "source_codes"}
SOURCE_CODES = ("keep", "renumber_invalid", "renumber_all")


def load(config_text: Optional[str]) -> dict[str, Any]:
    """The config of a source as a dict ({} when empty); ValueError when it is not a JSON object."""
    if not config_text or not config_text.strip():
        return {}
    try:
        config = json.loads(config_text)
    except ValueError as error:
        raise ValueError(tk._("The configuration is not valid JSON: {error}").format(error=error))
    if not isinstance(config, dict):
        raise ValueError(tk._("The configuration must be a JSON object, e.g. {example}.").format(
            example='{"owner_org": "hrb-scjgj"}'))
    return config


def _positive(config: dict[str, Any], key: str) -> None:
    if key in config:
        value = config[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise ValueError(tk._("“{key}” must be a positive number.").format(key=key))


def check_fields(mapping: Any, key: str) -> None:
    """A mapping from record fields (title, resource_code, …) to source names or paths."""
    if not isinstance(mapping, dict) or not all(isinstance(v, str) and v for v in mapping.values()):
        raise ValueError(tk._("“{key}” must map field names to texts, e.g. {example}.").format(
            key=key, example='{"title": "资源名称"}'))
    check_known(mapping, key, RECORD_FIELDS)


def check_known(names: Any, key: str, known: Any) -> None:
    """Every name one of `known`, else the names that are not and those that are."""
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise ValueError(tk._("Unknown fields in “{key}”: {fields}. Known fields: {known}.").format(
            key=key, fields=", ".join(unknown), known=", ".join(known)))


def _not_allowed(field: str, value: Any) -> ValueError:
    return ValueError(tk._("“{value}” is not a value of {field}; allowed: {allowed}.").format(
        value=value, field=field, allowed=", ".join(allowed_labels(field))))


def _check_value_maps(maps: Any) -> None:
    """{field: {source value: Harbin code or label}}, for the fields with code lists."""
    if not isinstance(maps, dict) or not all(isinstance(m, dict) for m in maps.values()):
        raise ValueError(tk._("“value_maps” must map fields to {{source value: Harbin value}}, e.g. {example}.").format(
            example='{"open_type": {"依申请开放": "有条件开放"}}'))
    unknown = sorted(set(maps) - set(CODE_LISTS))
    if unknown:
        raise ValueError(tk._("“value_maps” cannot map {fields}; it maps: {known}.").format(
            fields=", ".join(unknown), known=", ".join(CODE_LISTS)))
    labels_only = ValueMaps()
    for field, mapping in maps.items():
        for target in mapping.values():
            if target is not None and labels_only.code(field, target) is None:
                raise _not_allowed(field, target)


def _check_defaults(defaults: Any, maps: ValueMaps) -> None:
    if not isinstance(defaults, dict):
        raise ValueError(tk._("“defaults” must be a JSON object of field values."))
    check_fields({k: "x" for k in defaults}, "defaults")
    for field in ("data_domain", "update_frequency", "open_type", "desensitization_status"):
        if field in defaults and maps.code(field, defaults[field]) is None:
            raise _not_allowed(field, defaults[field])


def _check_org(name: Any) -> None:
    group = model.Group.get(str(name)) if name else None
    if group is None or not group.is_organization or group.state != "active":
        raise ValueError(tk._("Agency “{name}” does not exist.").format(name=name))


def _check_code_prefix(front: Any) -> None:
    if not isinstance(front, str) or not is_resource_code(f"{front}/000001"):
        raise ValueError(tk._("“resource_code_prefix” “{front}” is not the front part of a resource code: the "
                              "front code is 6 or 9 digits whose first digit is the class, 1 (基础), 2 (主题) or 3 "
                              "(部门), such as 307001 (records without a code then get 307001/000001, …); the "
                              "site's rule: {pattern}").format(
            front=front, pattern=tk.config["ckanext.harbin_opendata.metadata.resource_code_pattern"]))


def _check_source_codes(config: dict[str, Any]) -> None:
    policy = config.get("source_codes", "keep")
    if policy not in SOURCE_CODES:
        raise ValueError(tk._("“source_codes” must be one of: {allowed}.").format(allowed=", ".join(SOURCE_CODES)))
    if policy != "keep" and "resource_code_prefix" not in config:
        raise ValueError(tk._("“source_codes”: “{policy}” numbers records under “resource_code_prefix”, which is "
                              "missing.").format(policy=policy))


def validate(config_text: Optional[str], own_keys: set[str],
             check_own: Optional[Callable[[dict[str, Any]], None]] = None) -> str:
    """The config text if it is valid for a harvester knowing `own_keys`; else ValueError."""
    config = load(config_text)
    unknown = sorted(set(config) - COMMON_KEYS - own_keys)
    if unknown:
        raise ValueError(tk._("Unknown configuration keys: {keys}. Allowed: {allowed}.").format(
            keys=", ".join(unknown), allowed=", ".join(sorted(COMMON_KEYS | own_keys))))
    for key in ("max_size_mb", "timeout", "max_pages"):
        _positive(config, key)
    if "value_maps" in config:
        _check_value_maps(config["value_maps"])
    if "defaults" in config:
        _check_defaults(config["defaults"], ValueMaps(config.get("value_maps")))
    if "owner_org" in config:
        _check_org(config["owner_org"])
    if "resource_code_prefix" in config:
        _check_code_prefix(config["resource_code_prefix"])
    _check_source_codes(config)
    if "id_field" in config and config["id_field"] not in RECORD_FIELDS:
        raise ValueError(tk._("“id_field” must be one of: {known}.").format(known=", ".join(RECORD_FIELDS)))
    if "headers" in config and not (isinstance(config["headers"], dict)
                                    and all(isinstance(v, str) for v in config["headers"].values())):
        raise ValueError(tk._("“headers” must map HTTP header names to texts."))
    for key in ("allow_empty", "draft_data_items"):
        if key in config and not isinstance(config[key], bool):
            raise ValueError(tk._("“{key}” must be true or false.").format(key=key))
    if check_own:
        check_own(config)
    return config_text or ""
