"""One data, one source (第十四条): a record whose entry already exists — harvested from another
channel or made on the platform — is reported, not imported a second time."""
from __future__ import annotations

from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.harvest.model import HarvestObject

__all__ = ["find_duplicate", "origin_of"]


def _active_entries() -> Any:
    return model.Session.query(model.Package).filter(model.Package.state == "active",
                                                     model.Package.type == "dataset")


def origin_of(package: model.Package) -> str:
    """Where an entry came from: the title of its harvest source, or the platform itself."""
    source_id = (model.Session.query(HarvestObject.harvest_source_id)
                 .filter(HarvestObject.package_id == package.id).order_by(HarvestObject.gathered.desc()).first())
    source = model.Package.get(source_id[0]) if source_id else None
    if source is not None:
        return tk._("harvest source “{title}”").format(title=source.title or source.name)
    return tk._("entered on the platform")


def find_duplicate(package: dict[str, Any], own_id: Optional[str]) -> Optional[str]:
    """Why the mapped entry duplicates another one (same resource code, or same title in the same
    agency), or None."""
    code = package.get("resource_code")
    if code:
        query = (_active_entries().join(model.PackageExtra, model.PackageExtra.package_id == model.Package.id)
                 .filter(model.PackageExtra.key == "resource_code", model.PackageExtra.value == code))
        other = query.filter(model.Package.id != own_id).first() if own_id else query.first()
        if other:
            return tk._("Duplicate not imported: entry “{title}” ({name}, {origin}) has the same resource "
                        "code {code}.").format(title=other.title, name=other.name, origin=origin_of(other), code=code)
    query = _active_entries().filter(model.Package.title == package.get("title"),
                                     model.Package.owner_org == package.get("owner_org"))
    other = query.filter(model.Package.id != own_id).first() if own_id else query.first()
    if other:
        return tk._("Duplicate not imported: entry {name} ({origin}) has the same title “{title}” in the "
                    "same agency.").format(name=other.name, origin=origin_of(other), title=other.title)
    return None
