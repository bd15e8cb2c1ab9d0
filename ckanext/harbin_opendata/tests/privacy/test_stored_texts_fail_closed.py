"""Texts stored before the metadata check (an upgraded portal, a restored dump, a harvest writing
directly) fail closed without anyone running a command (issue 16): the upgrade's migration
(d4c8e2a6f913) and the scheduler's round check them again; a published entry whose texts hold
personal data is no longer public by any way in (API, search, page, DCAT) and is back in review
with the field named in the audit log (never the value); a clean entry stays public; an agency's
ID number in its description is no longer shown to the public."""
from __future__ import annotations

import json

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.cli.cli import ckan as ckan_command

from ckanext.harbin_opendata.ops.scheduler import commands
from ckanext.harbin_opendata.privacy.model import TextCheck
from ckanext.harbin_opendata.review.model import AuditEvent, ReviewEntry
from ckanext.harbin_opendata.tests.factories import CatalogEntry

from ..web import logged_in_client
from .migrations import migrate_privacy

MOBILE = "13812345678"
RESIDENT_ID = "230103198503121239"
NOTES = f"本数据由道里区民政局维护，如有疑问请联系经办人王建国，手机 {MOBILE}。"


def _as_an_old_portal_stored(package_id: str, notes: str) -> None:
    """Written past the save check, straight to the database, with no mark of a re-check."""
    model.Package.get(package_id).notes = notes
    model.Session.query(TextCheck).filter(TextCheck.object_id == package_id).delete()
    model.repo.commit()


@pytest.fixture
def entries(people, clean_index):
    """A published entry of agency A whose notes an old portal stored with a clerk's mobile, and a
    published clean entry of agency B."""
    old = CatalogEntry(owner_org=people.agency["id"], name="hrb-dibao-recipients")
    clean = CatalogEntry(owner_org=people.other["id"], name="hrb-market-licences",
                         notes="哈尔滨市食品经营许可证信息，咨询电话 0451-86300000，统一社会信用代码 11230100MB1234567X。")
    _as_an_old_portal_stored(old["id"], NOTES)
    _as_an_old_portal_stored(clean["id"], model.Package.get(clean["id"]).notes)
    return old, clean


def _public(app, entry: dict) -> bool:
    """Whether the public reaches the entry: package_show, search, its page, the DCAT catalog."""
    try:
        tk.get_action("package_show")({"user": ""}, {"id": entry["id"]})
        shown = True
    except (tk.NotAuthorized, tk.ObjectNotFound):
        shown = False
    found = app.get("/api/3/action/package_search", query_string={"q": "name:" + entry["name"]}).json["result"]
    page = app.get(f"/dataset/{entry['name']}").status_code
    catalog = entry["id"] in app.get("/catalog.ttl").body
    assert {shown, found["count"] == 1, page == 200, catalog} in ({True}, {False}), (shown, found, page, catalog)
    return shown


def _texts_events() -> list[AuditEvent]:
    return model.Session.query(AuditEvent).filter(AuditEvent.event == "privacy_stored_texts").all()


def _assert_withdrawn_with_the_field_named(app, old: dict, clean: dict) -> None:
    assert not _public(app, old)
    assert _public(app, clean)
    assert model.Session.get(ReviewEntry, old["id"]).state == "withdrawn"
    [event] = [event for event in _texts_events() if event.package_id == old["id"]]
    assert event.details["findings"] == [{"field": "notes", "kinds": ["mobile", "person_name"]}]
    assert MOBILE not in json.dumps(event.details) and "王建国" not in json.dumps(event.details)
    assert "notes" in model.Session.get(ReviewEntry, old["id"]).comment
    assert model.Session.get(TextCheck, clean["id"]).findings == []


def test_the_upgrade_withdraws_an_old_entry_with_personal_data_and_keeps_a_clean_one(app, entries):
    old, clean = entries
    migrate_privacy("c1e7a4b9d2f6", forward=False)  # the portal as it was before this check's version
    assert _public(app, old)
    migrate_privacy()  # ckan db upgrade
    _assert_withdrawn_with_the_field_named(app, old, clean)


def test_the_scheduled_round_withdraws_it(app, cli, entries):
    old, clean = entries
    assert _public(app, old)  # written after the upgrade: public until the round
    result = cli.invoke(ckan_command, commands()["stored_texts"])
    assert result.exit_code == 1 and f"{old['name']}: withdrawn" in result.output, result.output
    _assert_withdrawn_with_the_field_named(app, old, clean)


def _agency_page(app, name: str) -> str:
    return app.get(f"/organization/about/{name}").body


def test_an_agency_id_number_is_no_longer_shown_to_the_public(app, cli, people, entries):
    old, clean = entries
    agency = model.Group.get(people.other["id"])
    agency.description = f"本局负责全市市场主体登记，法定代表人身份证号 {RESIDENT_ID}。"
    model.repo.commit()  # written directly: the mark of its last save stays
    assert RESIDENT_ID in _agency_page(app, agency.name)
    result = cli.invoke(ckan_command, commands()["stored_texts"])
    assert result.exit_code == 1, result.output
    assert RESIDENT_ID not in _agency_page(app, agency.name)
    assert RESIDENT_ID not in json.dumps(tk.get_action("organization_show")({"user": ""}, {"id": agency.id}))
    assert RESIDENT_ID not in json.dumps(tk.get_action("package_show")({"user": ""}, {"id": clean["id"]}))
    assert RESIDENT_ID not in app.get(f"/dataset/{clean['name']}").body
    assert _public(app, clean)  # the agency's entries stay public: only its texts are withheld
    assert tk.get_action("organization_show")({"user": people.sysadmin}, {"id": agency.id})["description"]
    [event] = [event for event in _texts_events() if event.organization_id == agency.id and not event.package_id]
    assert event.details["findings"] == [{"field": "description", "kinds": ["resident_id"]}]
    assert RESIDENT_ID not in json.dumps(event.details)
    review_page = logged_in_client(app, people.reviewer).get("/review").body  # the reviewers are told
    listed = review_page[review_page.index('id="withheld-agency-texts"'):]
    assert agency.display_name in listed and "description" in listed and "身份证号" in listed


def test_an_agency_never_checked_is_withheld_until_its_check(app, cli, people):
    agency = model.Group.get(people.other["id"])
    agency.description = "本局负责全市市场主体登记。"
    model.Session.query(TextCheck).filter(TextCheck.object_id == agency.id).delete()
    model.repo.commit()  # as a restored dump of an old portal has it
    assert "本局负责全市市场主体登记" not in _agency_page(app, agency.name)
    result = cli.invoke(ckan_command, commands()["stored_texts"])
    assert result.exit_code == 0, result.output
    assert "本局负责全市市场主体登记" in _agency_page(app, agency.name)


def test_an_old_submitted_entry_is_not_published_with_its_texts(people):
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": people.entry["id"]})
    _as_an_old_portal_stored(people.entry["id"], NOTES)  # submitted before the upgrade, never saved since
    with pytest.raises(tk.ValidationError) as refused:
        tk.get_action("harbin_review_publish")({"user": people.reviewer}, {"id": people.entry["id"]})
    assert "notes" in str(refused.value.error_dict["publication"]) and MOBILE not in str(refused.value.error_dict)
    assert model.Package.get(people.entry["id"]).private


def test_texts_clean_by_rules_1_are_checked_again_by_rules_2(app, people, clean_index):
    """An ID number whose check character is wrong (region and birth date still tell who) passed
    rules 1; an entry whose mark says rules 1, clean, is checked again by f6b2d8a4c1e9's upgrade."""
    entry = CatalogEntry(owner_org=people.agency["id"], name="hrb-reports")
    findings = checked_again_by_the_upgrade(app, entry, "举报人身份证号码：230102196506161050（核对用）", 1, "d4c8e2a6f913")
    assert findings == [{"field": "notes", "kinds": ["resident_id"]}]


def checked_again_by_the_upgrade(app, entry: dict, notes: str, rules: int, revision: str) -> list:
    """The entry's notes stored clean under `rules` by an old portal, public with the privacy tables at
    `revision`; withdrawn by the upgrade past it: its findings."""
    _as_an_old_portal_stored(entry["id"], notes)
    model.Session.add(TextCheck(object_id=entry["id"], object_type="entry", rules=rules, findings=[]))
    model.repo.commit()
    migrate_privacy(revision, forward=False)
    assert _public(app, entry)
    migrate_privacy()
    assert not _public(app, entry)
    return model.Session.get(TextCheck, entry["id"]).findings
