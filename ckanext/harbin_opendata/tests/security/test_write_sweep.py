"""Auth sweep over every registered action that writes (CKAN's, the plugins' and ours), each asked
by every role — anonymous, a self-registered citizen, another agency's editor, agency A's editor
and admin, the centre's reviewer and a sysadmin — with the references that would do the most harm
(agency A's unpublished entries, its agency, `private: false`, `state`, another agency as owner,
the citizen as a new admin, a harvest source writing anywhere). After every call:
1. every public catalog entry is published in the review workflow;
2. no entry changed its visibility, state, agency or review state without an audit event;
3. only sysadmins created agencies or sysadmins, and only sysadmins touched harvest sources;
4. no agency's members changed without an audit event (issue 18, items 1 and 4)."""
from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa

import ckan.logic as logic
import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.review.model import AuditEvent
from ckanext.harbin_opendata.tests.factories import CatalogEntry

from .conftest import ROLES, SECRET_TITLES

_ENTRIES = sa.text("""SELECT p.id, p.private, p.state, p.owner_org, r.state AS review FROM package p
                      LEFT JOIN harbin_review_entry r ON r.package_id = p.id WHERE p.type = 'dataset'""")
_MEMBERS = sa.text("""SELECT m.group_id, m.table_id, m.capacity, m.state FROM member m JOIN "group" g ON g.id = m.group_id
                      WHERE m.table_name = 'user' AND g.is_organization""")
_OTHERS = sa.text("""SELECT (SELECT count(*) FROM "group" WHERE is_organization),
                            (SELECT string_agg(name, ',' ORDER BY name) FROM "user" WHERE sysadmin),
                            (SELECT string_agg(p.id || coalesce(e.value, ''), ',' ORDER BY p.id) FROM package p
                             LEFT JOIN package_extra e ON e.package_id = p.id AND e.key = 'config' WHERE p.type = 'harvest')""")
ENTRY_FIELDS = {"notes": "摘要。", "resource_code": "301001/000999", "data_domain": "market_regulation",
                "update_frequency": "monthly", "open_type": "unconditional", "data_formats": ["CSV"],
                "data_items": [{"name": "名称", "type": "string", "description": "名称"}],
                "desensitization_status": "not_required"}
# Slow or outside the portal, and unrelated to entries and agencies.
SKIPPED = {"send_email_notifications", "harvest_jobs_run", "harvest_send_job_to_gather_queue", "job_clear", "job_cancel"}


class Snapshot(SimpleNamespace):
    @classmethod
    def take(cls) -> "Snapshot":
        model.Session.expire_all()
        return cls(entries={row.id: tuple(row)[1:] for row in model.Session.execute(_ENTRIES)},
                   members=set(map(tuple, model.Session.execute(_MEMBERS))),
                   others=tuple(model.Session.execute(_OTHERS).one()),
                   last_event=model.Session.query(sa.func.coalesce(sa.func.max(AuditEvent.id), 0)).scalar())


def _audited(since: int, package_id: str | None = None, organization_id: str | None = None) -> bool:
    query = model.Session.query(AuditEvent).filter(AuditEvent.id > since)
    query = query.filter(AuditEvent.package_id == package_id) if package_id else \
        query.filter(AuditEvent.organization_id == organization_id)
    return query.first() is not None


def violations(before: Snapshot, role: str) -> list[str]:
    after, found = Snapshot.take(), []
    for ident, (private, state, _, review) in after.entries.items():
        if not private and state == "active" and review != "published":
            found.append(f"entry {ident} is public in review state {review}")
    for ident in set(before.entries) | set(after.entries):
        if before.entries.get(ident) != after.entries.get(ident) and not _audited(before.last_event, package_id=ident):
            found.append(f"entry {ident} changed {before.entries.get(ident)} -> {after.entries.get(ident)} unaudited")
    for group_id in {m[0] for m in before.members ^ after.members}:
        if not _audited(before.last_event, organization_id=group_id):
            found.append(f"members of agency {group_id} changed unaudited")
    if role != "sysadmin" and after.others != before.others:
        found.append(f"agencies, sysadmins or harvest sources changed: {before.others} -> {after.others}")
    return found


def _data(action: str, world: SimpleNamespace, target: str) -> dict[str, Any]:
    unpublished = list(world.secret_ids.values())
    if action.startswith(("organization_", "group_", "member_", "bulk_", "user_invite")):
        return {"id": world.agency_id, "group_id": world.agency_id, "org_id": world.agency_id, "datasets": unpublished,
                "username": world.citizen, "object": world.citizen, "object_type": "user", "role": "admin",
                "capacity": "admin", "email": "x@example.org", "name": "hrb-new-agency", "title": "新机构",
                "users": [{"name": world.citizen, "capacity": "admin"}]}
    if action.startswith("harvest_"):
        return {"id": world.harvest_source, "source_id": world.harvest_source, "name": "hrb-evil-source", "title": "x",
                "url": "http://127.0.0.1:9/x", "source_type": "harbin_json_api", "owner_org": world.agency_id,
                "config": json.dumps({"allowed_agencies": ["*"]})}
    if action.startswith("user_"):
        return {"id": world.citizen, "sysadmin": True, "email": "x@example.org"}
    return {"id": target, "package_id": target, "name": "hrb-new-entry", "title": SECRET_TITLES["draft"],
            "private": False, "state": "active", "owner_org": world.agency_id, "organization_id": world.other_agency,
            "datasets": unpublished, "org_id": world.agency_id, "comment": "x", "type": "dataset", **ENTRY_FIELDS}


def _writes() -> list[str]:
    logic.get_action("package_show")
    return sorted(name for name, action in logic._actions.items()
                  if not getattr(action, "side_effect_free", False) and name not in SKIPPED)


def test_no_role_publishes_around_the_review(world, capsys):
    target, tried, wrong = world.secret_ids["draft"], 0, []
    for role in ROLES:
        for action in _writes():
            if model.Package.get(target) is None or model.Package.get(target).state != "active":
                target = CatalogEntry(owner_org=world.agency_id, published=False)["id"]
            before = Snapshot.take()
            try:
                tk.get_action(action)({"user": getattr(world, role), "ignore_auth": False}, _data(action, world, target))
            except Exception:  # refusals, and what the fuzz test hunts
                model.Session.rollback()
            tried += 1
            wrong += [f"{action} as {role}: {problem}" for problem in violations(before, role)]
            if model.Group.get(world.agency_id).state != "active":
                wrong.append(f"{action} as {role}: agency A deleted, the sweep cannot go on")
                break
        if wrong and wrong[-1].endswith("cannot go on"):
            break
    with capsys.disabled():
        print(f"\n[security] write sweep: {len(_writes())} actions x {len(ROLES)} roles, {tried} calls, "
              f"{len(wrong)} violations")
    assert not wrong, "\n".join(wrong)
