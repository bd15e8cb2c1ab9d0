"""What the harbin_dcat profile reads from the portal's database besides the dict it is given."""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Optional

import sqlalchemy as sa

import ckan.model as model
from ckanext.dcat.utils import dataset_uri

__all__ = ["organization_with_credit_code", "public_entry_uris", "first_entry_created"]


def organization_with_credit_code(code: str) -> Optional[str]:
    """The name of the active organisation with this unified social credit code, or None."""
    row = (model.Session.query(model.Group.name)
           .join(model.GroupExtra, model.GroupExtra.group_id == model.Group.id)
           .filter(model.GroupExtra.key == "credit_code", model.GroupExtra.value == code,
                   model.GroupExtra.state == "active", model.Group.state == "active",
                   model.Group.is_organization.is_(True))
           .first())
    return row.name if row else None


def _public_entries() -> sa.orm.Query:
    return model.Session.query(model.Package).filter(
        model.Package.state == "active", model.Package.private.is_(False), model.Package.type == "dataset")


def public_entry_uris(codes: Iterable[str]) -> dict[str, str]:
    """The DCAT URIs of the public entries with these resource codes, by code. Unpublished entries
    are left out: their URI is not public."""
    codes = list(codes)
    if not codes:
        return {}
    extra = sa.orm.aliased(model.PackageExtra)
    uri = sa.orm.aliased(model.PackageExtra)
    rows = (_public_entries()
            .join(extra, sa.and_(extra.package_id == model.Package.id, extra.key == "resource_code",
                                 extra.state == "active"))
            .outerjoin(uri, sa.and_(uri.package_id == model.Package.id, uri.key == "uri",
                                    uri.state == "active"))
            .filter(extra.value.in_(codes))
            .with_entities(extra.value, model.Package.id, uri.value))
    return {code: dataset_uri({"id": package_id, "uri": own_uri}) for code, package_id, own_uri in rows}


def first_entry_created() -> Optional[dt.datetime]:
    """When the first public entry of the catalog was created."""
    return _public_entries().with_entities(sa.func.min(model.Package.metadata_created)).scalar()
