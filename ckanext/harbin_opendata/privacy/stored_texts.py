"""Texts stored before the metadata check (metadata_check.py) existed or learnt what it now finds
(a label, a field): the check only sees what is saved from now on, so an entry's notes, a file's
description, a view's settings, an agency's duties or a relationship's comment typed earlier stay
public until someone reads them again. This reads them again, by the same check, for
`ckan harbin privacy texts`; a published entry whose texts fail may be withdrawn (private) until
its agency corrects them."""
from __future__ import annotations

import dataclasses
from typing import Any, Iterator, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from .metadata_check import agency_errors, entry_errors, relationship_errors, view_errors

__all__ = ["Failing", "failing_texts", "entry_failing", "agency_failing", "active_groups", "site_context", "error_lines", "findings_of"]


@dataclasses.dataclass
class Failing:
    what: str  # entry, view, agency, relationship
    name: str
    errors: dict[str, Any]
    public_entry: Optional[str] = None  # the id of the published entry that shows the texts
    where: str = ""  # which of the entry's parts, by ids (views[<id>], relationships[<id>]): never a text


def _leaves(errors: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(errors, dict):
        for key, value in errors.items():
            yield from _leaves(value, f"{path}.{key}" if path else str(key))
    elif isinstance(errors, list) and all(isinstance(item, str) for item in errors):
        yield from ((path, message) for message in errors)
    elif isinstance(errors, list):
        for index, item in enumerate(errors):
            yield from _leaves(item, f"{path}[{index}]")


def error_lines(errors: Any, path: str = "") -> Iterator[str]:
    """`field: message` lines of a CKAN error dict (resources[2].description: …)."""
    yield from (f"{field}: {message}" for field, message in _leaves(errors, path))


def findings_of(failing: list[Failing]) -> list[dict[str, Any]]:
    """Which field (by path and ids) held which kinds, for the audit log and the marks: no value."""
    return [{"field": f"{item.where}.{field}" if item.where else field,
             "kinds": sorted(getattr(message, "kinds", ()))}
            for item in failing for field, message in _leaves(item.errors)]


def _public(package: model.Package) -> Optional[str]:
    return package.id if package.state == "active" and not package.private else None


def _entry(context: dict[str, Any], package: model.Package) -> Iterator[Failing]:
    shown = tk.get_action("package_show")(dict(context), {"id": package.id})
    if errors := entry_errors(shown):
        yield Failing("entry", package.name, errors, _public(package))
    for resource in shown.get("resources", []):
        for view in tk.get_action("resource_view_list")(dict(context), {"id": resource["id"]}):
            if errors := view_errors(view):
                yield Failing("view", f"{package.name} / {resource.get('name') or resource['id']} / {view['title']}",
                              errors, _public(package), f"views[{view['id']}]")


def active_groups() -> list[model.Group]:
    """Every active agency and group."""
    return model.Session.query(model.Group).filter(model.Group.state == "active").order_by(model.Group.name).all()


def agency_failing(context: dict[str, Any], group: model.Group) -> Iterator[Failing]:
    action = "organization_show" if group.is_organization else "group_show"
    shown = tk.get_action(action)(dict(context), {"id": group.id, "include_datasets": False, "include_users": False})
    if errors := agency_errors(shown):
        yield Failing("agency", group.name, errors)


def _relationships(packages: list[model.Package]) -> Iterator[Failing]:
    ids = [package.id for package in packages]
    query = model.Session.query(model.PackageRelationship).filter(model.PackageRelationship.state == "active",
                                                                  model.PackageRelationship.subject_package_id.in_(ids))
    for relationship in query:
        if errors := relationship_errors({"comment": relationship.comment}):
            subject = relationship.subject
            yield Failing("relationship", f"{subject.name} {relationship.type} {relationship.object.name}", errors,
                          _public(subject), f"relationships[{relationship.id}]")


def site_context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    return {"ignore_auth": True, "user": site_user}


def entry_failing(context: dict[str, Any], package: model.Package) -> list[Failing]:
    """What the metadata check refuses now in one entry's stored texts, its views' and its relationships'."""
    return [*_entry(context, package), *_relationships([package])]


def failing_texts(packages: list[model.Package], agencies: bool) -> Iterator[Failing]:
    """The stored texts of these entries (their files and views, their relationships) and, with
    `agencies`, of every agency and group, that the metadata check refuses now."""
    context = site_context()
    for package in packages:
        yield from _entry(context, package)
    yield from _relationships(packages)
    if agencies:
        for group in active_groups():
            yield from agency_failing(context, group)
