"""The review workflow: state of each entry, transitions, and what edits of entries do to it."""
from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo
from typing import Any, Optional

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ..common import roles
from ..common.data_items import unconfirmed_items
from ..common.licence import licence_refusal
from . import audit, notify, revision
from .held_rows import hold
from ..common.interfaces import IPublicationGate
from .model import AuditEvent, ReviewEntry
from .states import DRAFT, PUBLISHED, SUBMITTED, TRANSITIONS, WITHDRAWN, state_label

__all__ = ["entry_for", "transition", "unconfirmed_refusal", "on_created", "on_updated", "reviewed_values", "publication_blockers", "publication_holds",
           "is_catalog_entry",
           "publish_cleared_harvest"]

_BEIJING = ZoneInfo("Asia/Shanghai")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def reviewed_values(package: model.Package) -> dict[str, Any]:
    """The reviewed fields of an entry as stored (core columns and scheming extras)."""
    values = {}
    for field in tk.config["ckanext.harbin_opendata.review.reviewed_fields"]:
        value = getattr(package, field) if field in model.package_table.c else package.extras.get(field)
        values[field] = value if value not in ("", None) else None
    return values


def is_catalog_entry(package: Optional[model.Package]) -> bool:
    """Datasets of the catalog type; harvest sources and other dataset types are not reviewed."""
    return package is not None and package.type == "dataset"


def publication_blockers(package: model.Package) -> list[str]:
    """What stands in the way of publishing: data items still to confirm, and what the plugins
    implementing IPublicationGate say."""
    return [reason for reason in [unconfirmed_refusal(package)] if reason] + [
        reason for gate in p.PluginImplementations(IPublicationGate) for reason in gate.publication_blockers(package)]


def unconfirmed_refusal(package: model.Package) -> Optional[str]:
    """Why the entry may be neither submitted nor published while a drafted data item still says
    待确认 (a marker for the agency to clear, not a description); None when every item is confirmed."""
    names = unconfirmed_items(package.extras.get("data_items"))
    return tk._("Data items (数据项) still marked 待确认, drafted from the file's header: {names}. "
                "Check each one and write its own description on the entry's form first.").format(
        names="、".join(names)) if names else None


def publication_holds(package_ids: list[str]) -> dict[str, list[str]]:
    """Short labels of what holds each entry back, from every IPublicationGate (for lists)."""
    found: dict[str, list[str]] = {}
    for gate in p.PluginImplementations(IPublicationGate):
        for package_id, labels in gate.publication_holds(package_ids).items():
            found.setdefault(package_id, []).extend(labels)
    return found


def entry_for(package: model.Package) -> ReviewEntry:
    """The review row of an entry; entries older than the plugin get one from their visibility."""
    entry = model.Session.get(ReviewEntry, package.id)
    if entry is None:
        published = not package.private
        entry = ReviewEntry(package_id=package.id, state=PUBLISHED if published else DRAFT,
                            reviewed_fields=reviewed_values(package) if published else None)
        model.Session.add(entry)
    return hold(entry)


def _set_visibility(package: model.Package, state: str) -> None:
    # Only published entries are public: private ones stay out of search, the API and DCAT
    # for everyone outside the agency.
    package.private = state != PUBLISHED
    if state == PUBLISHED and not package.extras.get("publish_date"):
        # 发布日期: the day (Beijing time) the entry is first published, unless the agency gave one
        package.extras["publish_date"] = dt.datetime.now(_BEIJING).date().isoformat()


def transition(package: model.Package, action: str, actor: model.User, comment: Optional[str]) -> ReviewEntry:
    """Apply a review action to an entry, record and notify it. Raises ValidationError when the
    entry's state does not allow the action. The caller commits."""
    entry = entry_for(package)
    move = TRANSITIONS[action]
    if entry.state not in move.sources:
        raise tk.ValidationError({"state": [tk._("An entry in state “{state}” cannot be {action}.").format(
            state=state_label(entry.state), action=_action_label(action))]})
    if action == "return" and not (comment or "").strip():
        raise tk.ValidationError({"comment": [tk._("Give the reasons for returning the entry.")]})
    if action == "submit":
        _complete_draft(package)
    if move.target in (SUBMITTED, PUBLISHED) and unconfirmed_refusal(package):
        raise tk.ValidationError({"data_items": [unconfirmed_refusal(package)]})
    if move.target in (SUBMITTED, PUBLISHED) and licence_refusal(package.license_id):
        raise tk.ValidationError({"license_id": [licence_refusal(package.license_id)]})
    blockers = publication_blockers(package) if move.target == PUBLISHED else []
    if blockers:
        raise tk.ValidationError({"publication": blockers})
    previous, entry.state, entry.comment = entry.state, move.target, comment
    if action == "submit":
        entry.submitted_by, entry.submitted_at = actor.id, _now()
    elif action in ("publish", "return"):
        entry.reviewed_by, entry.reviewed_at = actor.id, _now()
    if move.target == PUBLISHED:
        entry.reviewed_fields = reviewed_values(package)
    _set_visibility(package, entry.state)
    audit.record(action, actor, package, from_state=previous, to_state=entry.state, comment=comment)
    notify.notify(_audience(action, entry, package), action, package, actor, comment)
    return entry


def _complete_draft(package: model.Package) -> None:
    """An entry left before the form's last step (完成) is a CKAN draft, which no list shows:
    submitting completes it, or refuses while it has no data to review."""
    if package.state != "draft":
        return
    if not [resource for resource in package.resources if resource.state == "active"]:
        raise tk.ValidationError({"state": [tk._(
            "This entry is unfinished: add its data (upload a file or give a link) on the form's "
            "second step and finish the form before submitting it.")]})
    if package.extras.get("data_items") in (None, "", "[]", "null"):  # a harvested record's draft
        raise tk.ValidationError({"data_items": [tk._(
            "This entry lists no data items (数据项): add them before submitting it.")]})
    package.state = "active"


def _action_label(action: str) -> str:
    return {"submit": tk._("submitted"), "publish": tk._("published"), "return": tk._("returned"),
            "withdraw": tk._("withdrawn")}[action]


def _audience(action: str, entry: ReviewEntry, package: model.Package) -> list[model.User]:
    if action == "submit":
        return notify.reviewers()
    submitter = roles.user_object(entry.submitted_by)
    return [submitter] if submitter else []


def _trusted(harvest_source: Optional[str]) -> bool:
    return bool(harvest_source) and \
        harvest_source in tk.config["ckanext.harbin_opendata.review.trusted_harvest_sources"]


def on_created(package: model.Package, actor: Optional[model.User], harvest_source: Optional[str],
               missing: Optional[list[str]] = None) -> None:
    """A new entry is a draft; a harvested one is published (trusted source) or awaits review,
    unless the harvest could not complete it: then it is a draft whose comment says what is missing."""
    state, details = DRAFT, {}
    if harvest_source and (missing or package.state == "draft"):
        details.update(harvest_source=harvest_source, missing=missing)
    elif harvest_source:
        state, details["harvest_source"] = PUBLISHED if _trusted(harvest_source) else SUBMITTED, harvest_source
    if state == PUBLISHED:
        blockers = publication_blockers(package)
        state, details["blockers"] = (SUBMITTED, blockers) if blockers else (state, None)
    entry = ReviewEntry(package_id=package.id, state=state, comment=_missing_text(missing),
                        submitted_by=actor.id if actor and state != DRAFT else None,
                        submitted_at=_now() if state != DRAFT else None,
                        reviewed_fields=reviewed_values(package) if state == PUBLISHED else None)
    model.Session.add(entry)
    _set_visibility(package, state)
    details = {key: value for key, value in details.items() if value}
    audit.record("created", actor, package, to_state=state, details=details or None)
    if state == SUBMITTED:
        notify.notify(notify.reviewers(), "submit", package, actor)


def _missing_text(missing: Optional[list[str]]) -> Optional[str]:
    return tk._("To complete (待补充): {missing}").format(missing="; ".join(missing)) if missing else None


def publish_cleared_harvest(package: model.Package) -> bool:
    """Publish an entry of a trusted harvest source that on_created held in review only because
    of publication blockers (its files not checked yet), once none is left and nobody has moved
    it since; returns whether it did. The caller commits."""
    entry = model.Session.get(ReviewEntry, package.id)
    if entry is None or entry.state != SUBMITTED:
        return False
    last_move = (model.Session.query(AuditEvent).filter(AuditEvent.package_id == package.id,
                                                        AuditEvent.to_state.isnot(None))
                 .order_by(AuditEvent.id.desc()).first())
    details = (last_move.details or {}) if last_move is not None and last_move.event == "created" else {}
    if not details.get("blockers") or not _trusted(details.get("harvest_source")) or publication_blockers(package):
        return False
    entry.state, entry.reviewed_at, entry.reviewed_fields = PUBLISHED, _now(), reviewed_values(package)
    _set_visibility(package, PUBLISHED)
    audit.record("publish", None, package, from_state=SUBMITTED, to_state=PUBLISHED,
                 details={"harvest_source": details["harvest_source"]})
    return True


def _meaning(value: Any) -> Any:
    """A stored value without the empty parts a form adds: the edit form posts every data item's
    unit and example, so '[{"name": "x", "unit": ""}]' says what '[{"name": "x"}]' does."""
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, dict):
        return {key: _meaning(item) for key, item in value.items() if item not in ("", None, [], {})}
    if isinstance(value, list):
        return [_meaning(item) for item in value]
    return value


def _same_meaning(one: Any, other: Any) -> bool:
    """Equal without the form's empty parts, and of the same JSON types (True is not 1, 1 not 1.0)."""
    def canonical(value: Any) -> str:
        return json.dumps(_meaning(value), sort_keys=True, ensure_ascii=False)
    return canonical(one) == canonical(other)


def _changed_reviewed_fields(entry: ReviewEntry, package: model.Package) -> list[str]:
    before, now = entry.reviewed_fields or {}, reviewed_values(package)
    return sorted(field for field in now if now[field] != before.get(field)
                  and not _same_meaning(now[field], before.get(field)))


def _resubmit(entry: ReviewEntry, package: model.Package, actor: Optional[model.User],
              details: dict[str, Any], event: str = "resubmitted_by_edit") -> None:
    previous = entry.state
    entry.state, entry.submitted_by, entry.submitted_at = SUBMITTED, actor.id if actor else None, _now()
    audit.record(event, actor, package, from_state=previous, to_state=SUBMITTED, details=details)
    notify.notify(notify.reviewers(), "submit", package, actor)


def _on_harvested(entry: ReviewEntry, package: model.Package, actor: Optional[model.User], source: str,
                  missing: Optional[list[str]], edited: list[str]) -> list[str]:
    """A harvest updated the entry. Its record came back after a withdrawal: to review again. A
    trusted source's change of a published entry is reviewed; any other source's goes to review
    (the harvest user is a sysadmin, whose own edits would count as reviewed). A submitted entry
    changed at its source is submitted again by its submitter, the harvest (`edited`: the fields
    changed): the reviewers are told, and a reviewer who read the earlier record cannot publish
    or return it (its revision stamp changed)."""
    changed = _changed_reviewed_fields(entry, package) if entry.state == PUBLISHED else []
    if entry.state == SUBMITTED and edited:
        _resubmit(entry, package, actor, {"fields": edited, "harvest_source": source})
    elif entry.state == DRAFT and package.state == "draft":
        entry.comment = _missing_text(missing) or entry.comment  # still incomplete at the source
    elif entry.state == DRAFT:  # the source now gives what was missing
        entry.comment = None
        _resubmit(entry, package, actor, {"harvest_source": source}, "completed_at_harvest_source")
    elif entry.state == WITHDRAWN:
        _resubmit(entry, package, actor, {"harvest_source": source}, "back_at_harvest_source")
    elif changed and _trusted(source):
        entry.reviewed_fields = reviewed_values(package)
    elif changed:
        _resubmit(entry, package, actor, {"fields": changed, "harvest_source": source})
    return changed


def on_updated(package: model.Package, actor: Optional[model.User], harvest_source: Optional[str] = None,
               missing: Optional[list[str]] = None, before: Optional[dict[str, Any]] = None) -> None:
    """Record an edit (`before`: what the entry said before it, revision.snapshot: the audit row
    names the changed fields); hold back or re-review changes of reviewed fields of a published entry."""
    entry = entry_for(package)
    edits = revision.changes(before, package)
    if harvest_source:
        changed = _on_harvested(entry, package, actor, harvest_source, missing, edits.get("fields", []))
    else:
        changed = _changed_reviewed_fields(entry, package) if entry.state == PUBLISHED else []
        if changed and roles.is_reviewer(actor):
            entry.reviewed_fields = reviewed_values(package)  # a reviewer's edit is reviewed
        elif changed and tk.config["ckanext.harbin_opendata.review.published_edits"] == "rereview":
            _resubmit(entry, package, actor, {"fields": changed})
        elif changed:
            model.Session.rollback()
            raise tk.ValidationError({field: [tk._(
                "This entry is published: a change here needs a reviewer. Withdraw the entry, change it "
                "and submit it again.")] for field in changed})
    _set_visibility(package, entry.state)
    details: dict[str, Any] = dict(edits, **({"reviewed_fields_changed": changed} if changed else {}))
    last = audit.last_event_of_entry(package.id)
    if last is not None and last.organization_id != package.owner_org:
        details["owner_org"] = {"from": last.organization_id, "to": package.owner_org}
    audit.record("updated", actor, package, details=details or None)
