"""The import stage every Harbin harvester shares: create or update the catalog entry of one
harvested record through the review workflow, skip it when nothing changed, refuse a duplicate of
an entry from another channel, and withdraw entries whose record is gone at the source."""
from __future__ import annotations

import uuid
from typing import Any, Optional, Union

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.harvest.model import HarvestObject, HarvestObjectError, HarvestObjectExtra

from . import dedup
from .codes import next_code
from .mapping import MappingError, content_hash, to_package

__all__ = ["HASH_KEY", "STATUS_KEY", "WITHDRAW", "import_record", "withdraw", "source_name",
           "previous_object", "object_extra", "site_user"]

HASH_KEY, STATUS_KEY, WITHDRAW = "harbin_hash", "status", "withdraw"
Result = Union[bool, str]


def site_user() -> str:
    return tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]


def source_name(harvest_object: HarvestObject) -> str:
    """The harvest source's name: what harbin_review's trusted_harvest_sources lists."""
    package = model.Package.get(harvest_object.source.id)
    return package.name if package else harvest_object.source.id


def object_extra(harvest_object: HarvestObject, key: str) -> Optional[str]:
    return next((extra.value for extra in harvest_object.extras if extra.key == key), None)


def previous_object(harvest_object: HarvestObject) -> Optional[HarvestObject]:
    """The last object of this source and guid that was imported into an entry (current or not,
    so a record that comes back after being withdrawn finds its entry again)."""
    return (model.Session.query(HarvestObject)
            .filter(HarvestObject.harvest_source_id == harvest_object.source.id,
                    HarvestObject.guid == harvest_object.guid,
                    HarvestObject.package_id.isnot(None),
                    HarvestObject.id != harvest_object.id)
            .order_by(HarvestObject.current.desc(), HarvestObject.import_finished.desc().nullslast(),
                      HarvestObject.gathered.desc())
            .first())


def _error(harvest_object: HarvestObject, message: str) -> bool:
    HarvestObjectError(message=message, object=harvest_object, stage="Import").save()
    return False


def _validation_text(error: tk.ValidationError) -> str:
    parts = []
    for field, messages in (error.error_dict or {}).items():
        flat = [m if isinstance(m, str) else str(m) for m in (messages if isinstance(messages, list) else [messages])]
        parts.append(f"{field}: {' '.join(flat)}")
    return "; ".join(parts) or str(error)


def _context(harvest_object: HarvestObject) -> dict[str, Any]:
    return {"user": site_user(), "ignore_auth": True,
            "harbin_harvest_source": source_name(harvest_object)}


def _make_current(harvest_object: HarvestObject, package_id: str, digest: str) -> None:
    model.Session.query(HarvestObject).filter(
        HarvestObject.harvest_source_id == harvest_object.source.id,
        HarvestObject.guid == harvest_object.guid,
        HarvestObject.id != harvest_object.id).update({"current": False}, synchronize_session=False)
    harvest_object.package_id, harvest_object.current = package_id, True
    harvest_object.extras.append(HarvestObjectExtra(key=HASH_KEY, value=digest))
    harvest_object.add()


def _live_package(previous: Optional[HarvestObject]) -> Optional[model.Package]:
    package = model.Package.get(previous.package_id) if previous else None
    return package if package is not None and package.state == "active" else None


def import_record(harvest_object: HarvestObject, record: dict[str, Any], config: dict[str, Any]) -> Result:
    """Import one record: True when an entry was created or updated, "unchanged", or False with
    the reasons saved as object errors."""
    previous = previous_object(harvest_object)
    existing = _live_package(previous)
    if existing is None and harvest_object.package_id:
        # This object's earlier attempt created the entry, then its fetch consumer died before the
        # object was marked complete: bring that entry up to date, it is not another channel's.
        existing = _live_package(harvest_object)
    fallback_org = config.get("owner_org") or (existing.owner_org if existing else None) or \
        model.Package.get(harvest_object.source.id).owner_org
    if fallback_org and model.Group.get(fallback_org) is not None:
        fallback_org = model.Group.get(fallback_org).id
    try:
        package = to_package(record, config.get("defaults") or {}, fallback_org)
    except MappingError as error:
        return _error(harvest_object, tk._("Record {guid}: {problems}").format(
            guid=harvest_object.guid, problems="; ".join(error.problems)))
    if not package.get("resource_code") and config.get("resource_code_prefix"):
        given = existing.extras.get("resource_code") if existing is not None else None
        package["resource_code"] = given or next_code(config["resource_code_prefix"])
    digest = content_hash(package)
    if existing is not None and previous is not None and previous.current and object_extra(previous, HASH_KEY) == digest:
        return "unchanged"  # no package_update: no new revision, activity or audit event
    duplicate = dedup.find_duplicate(package, existing.id if existing else None)
    if duplicate:
        return _error(harvest_object, duplicate)
    try:
        if existing is None:
            _create(harvest_object, package, digest)
        else:
            _update(harvest_object, existing, package, digest)
    except tk.ValidationError as error:
        model.Session.rollback()
        return _error(harvest_object, tk._("Record {guid} is not a valid catalog entry: {errors}").format(
            guid=harvest_object.guid, errors=_validation_text(error)))
    return True


def _create(harvest_object: HarvestObject, package: dict[str, Any], digest: str) -> None:
    package["id"] = str(uuid.uuid4())
    package["name"] = _name(harvest_object)
    _make_current(harvest_object, package["id"], digest)
    # The harvest plugin indexes the entry with its harvest object: let the object row exist first.
    model.Session.execute(sa.text("SET CONSTRAINTS harvest_object_package_id_fkey DEFERRED"))
    model.Session.flush()
    tk.get_action("package_create")(_context(harvest_object), package)


def _trusted(harvest_object: HarvestObject) -> bool:
    return source_name(harvest_object) in tk.config["ckanext.harbin_opendata.review.trusted_harvest_sources"]


def _update(harvest_object: HarvestObject, existing: model.Package, package: dict[str, Any], digest: str) -> None:
    from ..review.states import PUBLISHED, WITHDRAWN
    from ..review.workflow import entry_for, reviewed_values

    entry = entry_for(existing)
    was, reviewed_before = entry.state, dict(entry.reviewed_fields or {})
    package.update(id=existing.id, name=existing.name)
    context = _context(harvest_object)
    tk.get_action("package_update")(context, package)
    _make_current(harvest_object, existing.id, digest)
    model.Session.commit()
    user = {"user": context["user"]}
    if was == WITHDRAWN:  # the record came back
        tk.get_action("harbin_review_submit")(user, {"id": existing.id, "comment": tk._("Back at the harvest source.")})
    elif was == PUBLISHED and not _trusted(harvest_object) and \
            reviewed_values(model.Package.get(existing.id)) != reviewed_before:
        # The harvest user is a sysadmin, whose edits count as reviewed; a source that is not
        # trusted must not change published catalog fields without a reviewer.
        comment = tk._("Catalog fields changed at harvest source {source}: back to review.").format(
            source=source_name(harvest_object))
        tk.get_action("harbin_review_withdraw")(user, {"id": existing.id, "comment": comment})
        tk.get_action("harbin_review_submit")(user, {"id": existing.id, "comment": comment})


def _name(harvest_object: HarvestObject) -> str:
    """A URL name from the source and the record's guid: stable, ASCII, unique."""
    import hashlib

    digest = hashlib.sha1(f"{harvest_object.source.id}|{harvest_object.guid}".encode("utf-8")).hexdigest()[:12]
    prefix = "".join(c for c in source_name(harvest_object).lower() if c.isalnum() or c in "-_")[:60]
    return f"{prefix or 'harvest'}-{digest}"


def withdraw(harvest_object: HarvestObject) -> Result:
    """Withdraw (never delete) the entry of a record that is gone at the source."""
    from ..review.states import PUBLISHED, SUBMITTED
    from ..review.workflow import entry_for

    package = model.Package.get(harvest_object.package_id) if harvest_object.package_id else None
    model.Session.query(HarvestObject).filter(
        HarvestObject.harvest_source_id == harvest_object.source.id,
        HarvestObject.guid == harvest_object.guid).update({"current": False}, synchronize_session=False)
    harvest_object.current = False
    harvest_object.add()
    model.Session.commit()
    if package is None or package.state != "active" or entry_for(package).state not in (PUBLISHED, SUBMITTED):
        model.Session.commit()
        return True
    tk.get_action("harbin_review_withdraw")({"user": site_user()}, {
        "id": package.id,
        "comment": tk._("No longer at harvest source {source}.").format(source=source_name(harvest_object))})
    return True
