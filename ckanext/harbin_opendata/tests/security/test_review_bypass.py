"""Every route of CKAN's own actions that could make an unreviewed entry public, hide a published
one, change its state or move it to another agency goes through the review workflow or is refused,
and what is allowed is audited (issue 18, item 1)."""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.review.model import AuditEvent, ReviewEntry
from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry

REVIEWER = "centre_reviewer"


def call(action: str, user: str, **data: Any) -> Any:
    return tk.get_action(action)({"user": user, "ignore_auth": False}, data)


def refused(action: str, user: str, error: type = tk.NotAuthorized, **data: Any) -> str:
    with pytest.raises(error) as raised:
        call(action, user, **data)
    return str(raised.value.error_dict if isinstance(raised.value, tk.ValidationError) else raised.value)


def events(package_id: str | None = None, organization_id: str | None = None) -> list[tuple[str, Any]]:
    model.Session.expire_all()
    query = model.Session.query(AuditEvent)
    query = query.filter(AuditEvent.package_id == package_id) if package_id else \
        query.filter(AuditEvent.organization_id == organization_id, AuditEvent.package_id.is_(None))
    return [(e.event, e.actor_name) for e in query.order_by(AuditEvent.id)]


def visible(entry: str) -> bool:
    model.Session.expire_all()
    package = model.Package.get(entry)
    public = not package.private and package.state == "active"
    found = tk.get_action("package_search")({"user": ""}, {"q": f"name:{package.name}"})["count"]
    assert public == bool(found), "database and search disagree"
    return public


def state(entry: str) -> str:
    model.Session.expire_all()
    return model.Session.get(ReviewEntry, model.Package.get(entry).id).state


@pytest.fixture
def cast(with_plugins, clean_db, clean_index):
    """Agency A with an editor and an admin, agency B whose editor is also A's editor, a citizen,
    the reviewer, a sysadmin; A's draft and published entries."""
    editor, admin = factories.User(name="agency_editor"), factories.User(name="agency_admin")
    a = Agency(name="hrb-agency-a", users=[{"name": editor["name"], "capacity": "editor"},
                                           {"name": admin["name"], "capacity": "admin"}])
    b = Agency(name="hrb-agency-b", users=[{"name": editor["name"], "capacity": "editor"},
                                           {"name": admin["name"], "capacity": "admin"}])
    return SimpleNamespace(
        a=a["id"], b=b["id"], editor=editor["name"], admin=admin["name"], citizen=factories.User(name="citizen")["name"],
        reviewer=factories.User(name=REVIEWER)["name"], sysadmin=factories.Sysadmin(name="site_admin")["name"],
        draft=CatalogEntry(owner_org=a["id"], published=False, name="hrb-draft")["id"],
        open=CatalogEntry(owner_org=a["id"], name="hrb-open")["id"])


def test_only_sysadmins_create_agencies(cast, ckan_config, monkeypatch):
    for user in (cast.citizen, cast.admin, cast.reviewer):
        refused("organization_create", user, name="hrb-mine", title="我的机构")
    assert model.Session.query(model.Group).filter_by(name="hrb-mine").first() is None
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.review.users_create_agencies", True)
    tk.check_access("organization_create", {"user": cast.citizen})  # CKAN's own rule decides again


def test_the_attack_of_the_issue_is_closed_for_a_real_agency_admin(cast):
    """A draft of the admin's own agency cannot be made public by any of CKAN's routes."""
    entry = call("package_create", cast.admin, **_entry_fields(cast.a, "hrb-admins-own"))["id"]
    assert not visible(entry) and state(entry) == "draft"
    refused("bulk_update_public", cast.admin, datasets=[entry], org_id=cast.a)
    refused("bulk_update_public", cast.sysadmin, datasets=[entry], org_id=cast.a)
    # refused by the auth function, before CKAN writes anything (403 with the reason)
    refused("package_patch", cast.admin, id=entry, private=False)
    refused("package_update", cast.admin, **{**call("package_show", cast.admin, id=entry), "private": False})
    assert "private" in refused("package_create", cast.admin, tk.ValidationError,
                                **_entry_fields(cast.a, "hrb-born-public", private=False, resource_code="301001/000778"))
    assert not visible(entry) and state(entry) == "draft"
    assert model.Package.get("hrb-born-public") is None


def test_a_published_entry_is_hidden_only_by_withdrawing(cast):
    refused("bulk_update_private", cast.admin, datasets=[cast.open], org_id=cast.a)
    refused("package_patch", cast.admin, id=cast.open, private=True)
    assert visible(cast.open) and state(cast.open) == "published"
    refused("package_delete", cast.admin, id=cast.open)
    refused("bulk_update_delete", cast.admin, datasets=[cast.open], org_id=cast.a)
    assert visible(cast.open)
    call("harbin_review_withdraw", cast.editor, id=cast.open, comment="更正后重新提交")
    call("package_delete", cast.editor, id=cast.open)
    assert events(cast.open)[-2:] == [("withdraw", cast.editor), ("deleted", cast.editor)]


def test_state_changes_only_by_deletion_or_the_form(cast):
    for user in (cast.admin, cast.sysadmin):
        refused("package_patch", user, id=cast.open, state="deleted")
        refused("package_patch", user, id=cast.draft, state="draft")
    call("package_delete", cast.editor, id=cast.draft)
    refused("package_patch", cast.sysadmin, id=cast.draft, state="active")  # no undeleting around review
    form_draft = call("package_create", cast.editor, **_entry_fields(cast.a, "hrb-two-steps", state="draft"))["id"]
    assert call("package_patch", cast.editor, id=form_draft, state="active")["state"] == "active"
    assert not visible(form_draft)


def test_visibility_is_checked_before_anything_is_written(cast):
    """CKAN commits in the middle of package_update when the agency changes: a draft moved and
    made public at once must be refused before that."""
    call("package_owner_org_update", cast.sysadmin, id=cast.draft, organization_id=cast.b)
    refused("package_patch", cast.sysadmin, id=cast.draft, owner_org=cast.a, private=False)
    model.Session.expire_all()
    assert not visible(cast.draft) and model.Package.get(cast.draft).owner_org == cast.b


def test_bulk_deletion_is_audited(cast):
    other = CatalogEntry(owner_org=cast.a, published=False)["id"]
    call("bulk_update_delete", cast.admin, datasets=[cast.draft, other], org_id=cast.a)
    for entry in (cast.draft, other):
        assert events(entry)[-1] == ("deleted", cast.admin)


def test_moving_entries_between_agencies(cast, ckan_config, monkeypatch):
    refused("package_patch", cast.editor, id=cast.open, owner_org=cast.b)
    call("package_patch", cast.editor, id=cast.draft, owner_org=cast.b)
    last = model.Session.query(AuditEvent).filter_by(package_id=cast.draft).order_by(AuditEvent.id.desc()).first()
    assert last.details["owner_org"] == {"from": cast.a, "to": cast.b}
    call("package_owner_org_update", cast.sysadmin, id=cast.open, organization_id=cast.b)
    assert events(cast.open)[-1] == ("owner_changed", cast.sysadmin)
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.review.sysadmins_review", False)
    refused("package_owner_org_update", cast.sysadmin, id=cast.open, organization_id=cast.a)


def test_purge_is_audited(cast):
    call("package_delete", cast.editor, id=cast.draft)
    call("dataset_purge", cast.sysadmin, id="hrb-draft")
    assert events(cast.draft)[-1] == ("purged", cast.sysadmin)
    refused("dataset_purge", cast.sysadmin, id=cast.open)  # published: withdrawn first, with its reason
    assert not model.Package.get(cast.open).private


def test_who_acts_for_an_agency_is_audited(cast):
    before = len(events(organization_id=cast.a))
    call("organization_member_create", cast.admin, id=cast.a, username=cast.citizen, role="editor")
    call("organization_member_delete", cast.admin, id=cast.a, username=cast.citizen)
    call("member_create", cast.admin, id=cast.a, object=cast.citizen, object_type="user", capacity="member")
    created = call("organization_create", cast.sysadmin, **_agency_fields("hrb-new-agency"))["id"]
    call("user_delete", cast.sysadmin, id=cast.citizen)
    assert events(organization_id=cast.a)[before:] == [("member_added", cast.admin), ("member_removed", cast.admin),
                                                       ("member_added", cast.admin), ("member_removed", cast.sysadmin)]
    # its creator becomes its admin
    assert events(organization_id=created) == [("member_added", cast.sysadmin), ("agency_created", cast.sysadmin)]


def test_refusals_are_clear_over_the_api(app, cast):
    """403 with the reason in the reader's language (Chinese by default, English on /en)."""
    client = app.test_client()
    token = tk.get_action("api_token_create")({"user": cast.admin, "ignore_auth": True},
                                              {"user": cast.admin, "name": "t"})["token"]
    for prefix, words in (("", "审核"), ("/en", "review")):
        response = client.post(f"{prefix}/api/3/action/bulk_update_public", headers={"Authorization": token},
                               json={"datasets": [cast.draft], "org_id": cast.a})
        assert response.status_code == 403 and words in response.json["error"]["message"], response.json


def _agency_fields(name: str) -> dict[str, Any]:
    return {"name": name, "title": "新机构", "credit_code": "91230100MA0NP0DX7X", "agency_kind": "government",
            "district": "230100"}


def _entry_fields(owner: str, name: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "title": "新条目", "notes": "摘要。", "owner_org": owner, "resource_code": "301001/000777",
            "data_domain": "market_regulation", "update_frequency": "monthly", "open_type": "unconditional",
            "data_items": [{"name": "名称", "type": "string", "description": "名称"}], "data_formats": ["CSV"],
            "desensitization_status": "not_required", **extra}
