"""The JSON configuration of a Harbin harvest source: reading it and checking it with messages an
operator understands (in the interface language)."""
from __future__ import annotations

import json
from typing import Any, Callable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.resource_code import is_resource_code
from .mapping import RECORD_FIELDS, VOCABULARY_FIELDS, term_value

__all__ = ["COMMON_KEYS", "load", "validate", "check_fields"]

# Keys every Harbin harvester understands.
COMMON_KEYS = {"owner_org", "defaults", "max_size_mb", "timeout", "max_pages", "id_field",
               "allow_empty", "headers", "resource_code_prefix", "allowed_agencies"}


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
    unknown = sorted(set(mapping) - set(RECORD_FIELDS))
    if unknown:
        raise ValueError(tk._("Unknown fields in “{key}”: {fields}. Known fields: {known}.").format(
            key=key, fields=", ".join(unknown), known=", ".join(RECORD_FIELDS)))


def _check_defaults(defaults: Any) -> None:
    if not isinstance(defaults, dict):
        raise ValueError(tk._("“defaults” must be a JSON object of field values."))
    check_fields({k: "x" for k in defaults}, "defaults")
    for field, terms in VOCABULARY_FIELDS.items():
        if field in defaults and term_value(terms, defaults[field]) is None:
            raise ValueError(tk._("“{value}” is not a known value of {field}.").format(
                value=defaults[field], field=field))


def _check_org(name: Any) -> None:
    group = model.Group.get(str(name)) if name else None
    if group is None or not group.is_organization or group.state != "active":
        raise ValueError(tk._("Agency “{name}” does not exist.").format(name=name))


def _check_code_prefix(front: Any) -> None:
    if not isinstance(front, str) or not is_resource_code(f"{front}/000001"):
        raise ValueError(tk._("“resource_code_prefix” must be the front part of a resource code, such as "
                              "307001: records without a code then get 307001/000001, 307001/000002, …"))


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
    if "defaults" in config:
        _check_defaults(config["defaults"])
    if "owner_org" in config:
        _check_org(config["owner_org"])
    if "resource_code_prefix" in config:
        _check_code_prefix(config["resource_code_prefix"])
    if "id_field" in config and config["id_field"] not in RECORD_FIELDS:
        raise ValueError(tk._("“id_field” must be one of: {known}.").format(known=", ".join(RECORD_FIELDS)))
    if "headers" in config and not (isinstance(config["headers"], dict)
                                    and all(isinstance(v, str) for v in config["headers"].values())):
        raise ValueError(tk._("“headers” must map HTTP header names to texts."))
    if check_own:
        check_own(config)
    return config_text or ""
