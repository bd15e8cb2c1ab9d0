"""Config keys renamed because ckanext-harvest copies every key of a source's config onto the
source's own package dict (harvest_source_convert_from_config): the JSON API harvester's
`resources` replaced the source's list of resources, and every package_show of the source — its
creation, `ckan harbin harvest run/report`, the indexing — failed ('str' object has no attribute
'get'). New configs are saved with the new names; a source saved before is repaired when it is
next read through harvest_source_show (its config rewritten, its search document made again)."""
from __future__ import annotations

import json
from typing import Any

import ckan.lib.search as search
import ckan.model as model
from ckanext.harvest.model import HarvestSource

__all__ = ["RENAMED", "renamed", "repair"]

RENAMED = {"harbin_json_api": {"resources": "resources_path"}}


def renamed(source_type: str, config: dict[str, Any]) -> dict[str, Any]:
    """The config with the old keys under their new names (a new name given too wins)."""
    old_names = RENAMED.get(source_type, {})
    if not set(config) & set(old_names):
        return config
    result = {key: value for key, value in config.items() if key not in old_names}
    for old, new in old_names.items():
        if old in config:
            result.setdefault(new, config[old])
    return result


def repair(source_ref: Any) -> bool:
    """Rewrite a saved source config holding an old key (the package's copy and the harvest
    source's own); True when it did."""
    package = model.Package.get(str(source_ref or ""))
    source = model.Session.get(HarvestSource, package.id) if package is not None else None
    if source is None:
        return False
    try:
        config = json.loads(package.extras.get("config") or "{}")
    except ValueError:
        return False
    new = renamed(source.type, config) if isinstance(config, dict) else config
    if new is config:
        return False
    source.config = package.extras["config"] = json.dumps(new, ensure_ascii=False, indent=1)
    model.Session.commit()
    search.rebuild(package.id)
    return True
