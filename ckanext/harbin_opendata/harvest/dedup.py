"""One data, one source (第十四条): a record whose entry already exists — harvested from another
channel or made on the platform — is reported, not imported a second time.

The resource codes and titles of the active entries are read once per job (a query per record
would scan every entry's extras) and kept up to date with what the job itself creates."""
from __future__ import annotations

from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.harvest.model import HarvestObject

__all__ = ["Duplicates", "origin_of"]


def origin_of(package: model.Package) -> str:
    """Where an entry came from: the title of its harvest source, or the platform itself."""
    source_id = (model.Session.query(HarvestObject.harvest_source_id)
                 .filter(HarvestObject.package_id == package.id).order_by(HarvestObject.gathered.desc()).first())
    source = model.Package.get(source_id[0]) if source_id else None
    if source is not None:
        return tk._("harvest source “{title}”").format(title=source.title or source.name)
    return tk._("entered on the platform")


class Duplicates:
    def __init__(self) -> None:
        entries = (model.Session.query(model.Package.id, model.Package.title, model.Package.owner_org)
                   .filter(model.Package.state == "active", model.Package.type == "dataset"))
        self.by_title = {(owner, title): ident for ident, title, owner in entries}
        codes = (model.Session.query(model.PackageExtra.value, model.PackageExtra.package_id)
                 .join(model.Package, model.Package.id == model.PackageExtra.package_id)
                 .filter(model.PackageExtra.key == "resource_code", model.PackageExtra.state == "active",
                         model.Package.state == "active", model.Package.type == "dataset"))
        self.by_code = {code: ident for code, ident in codes}

    def add(self, package: dict[str, Any]) -> None:
        self.by_title[(package.get("owner_org"), package.get("title"))] = package["id"]
        if package.get("resource_code"):
            self.by_code[package["resource_code"]] = package["id"]

    def _other(self, ident: Optional[str], own_id: Optional[str]) -> Optional[model.Package]:
        other = model.Package.get(ident) if ident and ident != own_id else None
        return other if other is not None and other.state == "active" else None

    def find(self, package: dict[str, Any], own_id: Optional[str]) -> Optional[str]:
        """Why the mapped entry duplicates another one (same resource code, or same title in the
        same agency), or None."""
        code = package.get("resource_code")
        other = self._other(self.by_code.get(code), own_id) if code else None
        if other is not None and other.extras.get("resource_code") == code:
            return tk._("Duplicate not imported: entry “{title}” ({name}, {origin}) has the same resource "
                        "code {code}.").format(title=other.title, name=other.name, origin=origin_of(other), code=code)
        other = self._other(self.by_title.get((package.get("owner_org"), package.get("title"))), own_id)
        if other is not None and (other.owner_org, other.title) == (package.get("owner_org"), package.get("title")):
            return tk._("Duplicate not imported: entry {name} ({origin}) has the same title “{title}” in the "
                        "same agency.").format(name=other.name, origin=origin_of(other), title=other.title)
        return None
