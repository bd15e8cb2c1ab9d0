"""A harvest source writes entries into its own agency only, unless a sysadmin lists others in
the source's `allowed_agencies` (agency names or ids, or "*" for any): a record naming another
agency, or a source configuration whose `owner_org` names one, creates or moves no entry there.
Checked on every entry saved with `harbin_harvest_source` in the action context (importer.py)."""
from __future__ import annotations

import json
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk

__all__ = ["check_target_agency"]


def _allowed(source: model.Package) -> tuple[set[str], bool]:
    try:
        listed = json.loads(source.extras.get("config") or "{}").get("allowed_agencies") or []
    except (ValueError, AttributeError):
        listed = []
    listed = listed if isinstance(listed, list) else [listed]
    groups = [model.Group.get(ref) for ref in listed if isinstance(ref, str) and ref != "*"]
    allowed = {group.id for group in groups if group is not None and group.is_organization}
    return allowed | ({source.owner_org} if source.owner_org else set()), "*" in listed


def check_target_agency(context: Any, pkg_dict: dict[str, Any]) -> None:
    """IPackageController.after_dataset_create/update: refuse (ValidationError, rolled back) an
    entry a harvest source puts into an agency it may not write into."""
    name = context.get("harbin_harvest_source")
    source = model.Package.get(context.get("harbin_harvest_source_id") or name) if name else None
    if source is None:
        return
    package = model.Package.get(pkg_dict["id"])
    allowed, anywhere = _allowed(source)
    if anywhere or package is None or package.owner_org in allowed:
        return
    agency = model.Group.get(package.owner_org) if package.owner_org else None
    agency_name = agency.name if agency else package.owner_org
    model.Session.rollback()
    raise tk.ValidationError({"owner_org": [tk._(
        "Harvest source {source} may not write into agency {agency}: a sysadmin can add it to the "
        "source's allowed_agencies.").format(source=name, agency=agency_name)]})
