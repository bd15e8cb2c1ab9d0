"""Applications become grants: a registered user applies accepting the agreement; the agency
approves (until a day) or rejects with a reason by a working-day deadline; the grant opens the
files until it expires or is revoked; every step is in the entry's audit log."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.access.model import Application
from ckanext.harbin_opendata.common.workdays import Calendar

from .conftest import AGREEMENT, CONTENT, application_form


def _apply(conditional, **changes):
    tk.get_action("harbin_access_agreement_update")({"user": conditional.people.editor}, {
        "id": conditional.entry["id"], "text": AGREEMENT})
    return tk.get_action("harbin_access_apply")({"user": conditional.outsider},
                                                application_form(conditional.entry["id"], **changes))


def _download(app, conditional, user):
    url = f"/dataset/{conditional.entry['name']}/resource/{conditional.uploaded['id']}/download/x.csv"
    return app.get(url, extra_environ={"REMOTE_USER": user})


def test_approved_grant_opens_the_files_until_revoked(conditional, app):
    application = _apply(conditional)
    assert application["state"] == "pending"
    assert _download(app, conditional, conditional.outsider).status_code == 403
    last_day = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    approved = tk.get_action("harbin_access_approve")({"user": conditional.people.editor}, {
        "id": application["id"], "expires_on": last_day})
    assert approved["current_grant"] and approved["expires_on"] == last_day
    response = _download(app, conditional, conditional.outsider)
    assert response.status_code == 200 and CONTENT in response.body
    tk.get_action("harbin_access_revoke")({"user": conditional.people.editor}, {
        "id": application["id"], "reason": "超范围使用"})
    assert _download(app, conditional, conditional.outsider).status_code == 403
    events = [row[0] for row in model.Session.execute(sa.text(
        "SELECT event FROM harbin_review_audit_log WHERE package_id = :id ORDER BY id"), {"id": conditional.entry["id"]})]
    assert [e for e in events if e.startswith("access_")] == [
        "access_agreement", "access_applied", "access_approved", "access_revoked"]


def test_grant_ends_after_its_last_day(conditional, app):
    application = _apply(conditional)
    tk.get_action("harbin_access_approve")({"user": conditional.people.editor}, {
        "id": application["id"], "expires_on": dt.date.today().isoformat()})
    assert _download(app, conditional, conditional.outsider).status_code == 200
    row = model.Session.get(Application, application["id"])
    row.expires_on = dt.date.today() - dt.timedelta(days=1)
    model.Session.commit()
    assert _download(app, conditional, conditional.outsider).status_code == 403


def test_rejection_needs_a_reason_and_is_final(conditional):
    application = _apply(conditional)
    with pytest.raises(tk.ValidationError):
        tk.get_action("harbin_access_reject")({"user": conditional.people.editor}, {"id": application["id"]})
    rejected = tk.get_action("harbin_access_reject")({"user": conditional.people.editor}, {
        "id": application["id"], "reason": "用途与开放条件不符"})
    assert rejected["state"] == "rejected" and rejected["reason"] == "用途与开放条件不符"
    with pytest.raises(tk.ValidationError):
        tk.get_action("harbin_access_approve")({"user": conditional.people.editor}, {
            "id": application["id"], "expires_on": dt.date.today().isoformat()})


@pytest.mark.parametrize("who", ["outsider", "other_editor", "reviewer"])
def test_only_the_owning_agency_decides(conditional, who):
    application = _apply(conditional)
    user = conditional.outsider if who == "outsider" else getattr(conditional.people, who)
    with pytest.raises(tk.NotAuthorized):
        tk.get_action("harbin_access_approve")({"user": user}, {
            "id": application["id"], "expires_on": dt.date.today().isoformat()})


@pytest.mark.parametrize("changes, field", [
    ({"credit_code": "12345"}, "credit_code"),
    ({"accept_agreement": False}, "accept_agreement"),
    ({"agreement_version": 2}, "agreement_version"),
    ({"wanted_until": "2020-01-01"}, "wanted_until"),
    ({"wanted_until": "明天"}, "wanted_until"),
    ({"purpose": ""}, "purpose"),
])
def test_bad_applications_are_refused_with_the_field(conditional, changes, field):
    with pytest.raises(tk.ValidationError) as error:
        _apply(conditional, **changes)
    assert field in error.value.error_dict


def test_anonymous_visitors_cannot_apply(conditional, app):
    response = app.post("/api/3/action/harbin_access_apply", json={"id": conditional.entry["id"]})
    assert response.status_code == 403


def test_deadline_counts_working_days_across_a_holiday(conditional, ckan_config, monkeypatch):
    today = dt.date.today()
    holiday = Calendar([], []).add_workdays(today, 2)
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.feedback.holidays", [holiday.isoformat()])
    application = _apply(conditional)
    assert application["due_date"] == Calendar([holiday.isoformat()], []).add_workdays(today, 10).isoformat()
    assert application["due_date"] == Calendar([], []).add_workdays(today, 11).isoformat()


def test_a_grant_may_not_outlast_what_the_applicant_asked_for(conditional):
    """Probe 2 finding 13: asked until 2027-01-31, granted until 2027-12-01."""
    wanted = dt.date.today() + dt.timedelta(days=40)
    application = _apply(conditional, wanted_until=wanted.isoformat())
    with pytest.raises(tk.ValidationError) as refused:
        tk.get_action("harbin_access_approve")({"user": conditional.people.editor}, {
            "id": application["id"], "expires_on": (wanted + dt.timedelta(days=1)).isoformat()})
    assert wanted.isoformat() in refused.value.error_dict["expires_on"][0]
    approved = tk.get_action("harbin_access_approve")({"user": conditional.people.editor}, {
        "id": application["id"], "expires_on": wanted.isoformat()})
    assert approved["expires_on"] == wanted.isoformat()
