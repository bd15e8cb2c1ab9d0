"""A masked copy asked for by a reviewer of a submitted (待审核) entry is written: reviewers are not
editors of the entry's agency, and the job used to create the copy in the requester's name, which
CKAN refused — the request answered 200, no copy came, the original stayed withheld and nobody was
told why. A copy that cannot be written is now announced with its reason."""
from __future__ import annotations

import os

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.common.jobs import run_queued_jobs
from ckanext.harbin_opendata.privacy.model import Withheld, states
from ckanext.harbin_opendata.review.model import AuditEvent, Notification

from .conftest import upload
from .jobs import run_scans
from .registers import register_csv


def _submitted_with_personal_file(people) -> dict:
    original = upload(people.entry["id"], people.editor, register_csv(), "登记表.csv", "CSV")
    run_scans(people.entry["id"])
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": people.entry["id"]})
    return original


def _copy_of(original_id: str):
    model.Session.expire_all()
    withheld = model.Session.get(Withheld, original_id)
    return model.Resource.get(withheld.masked_resource_id) if withheld and withheld.masked_resource_id else None


@pytest.mark.usefixtures("storage")
def test_a_reviewers_masked_copy_of_a_submitted_entry_is_written(people, app):
    original = _submitted_with_personal_file(people)
    token = tk.get_action("api_token_create")({"ignore_auth": True, "user": people.reviewer},
                                               {"user": people.reviewer, "name": "masking"})["token"]
    answer = app.post("/api/3/action/harbin_privacy_mask", json={"resource_id": original["id"]},
                      headers={"Authorization": token})
    assert answer.status_code == 200 and answer.json["result"]["job_id"]
    run_queued_jobs()
    run_queued_jobs()  # the copy's own strict scan
    copy = _copy_of(original["id"])
    assert copy is not None and copy.state == "active" and copy.package_id == people.entry["id"]
    assert states([people.entry["id"]])[people.entry["id"]][copy.id] == "clear"
    body = app.get(f"/dataset/{people.entry['id']}/resource/{copy.id}/download",
                   headers={"Authorization": token}).data.decode("utf-8-sig")
    assert "230102197505055000" not in body and "张*" in body
    published = tk.get_action("harbin_review_publish")({"user": people.reviewer}, {"id": people.entry["id"]})
    assert published  # the entry is published with the copy shown and the original withheld
    shown = [res["id"] for res in tk.get_action("package_show")({"user": ""}, {"id": people.entry["id"]})["resources"]]
    assert copy.id in shown and original["id"] not in shown


@pytest.mark.usefixtures("storage")
def test_an_editors_masked_copy_of_a_submitted_entry_is_written(people):
    original = _submitted_with_personal_file(people)
    tk.get_action("harbin_privacy_mask")({"user": people.editor}, {"resource_id": original["id"]})
    run_queued_jobs()
    copy = _copy_of(original["id"])
    assert copy is not None and copy.state == "active"


@pytest.mark.usefixtures("storage")
def test_a_copy_that_cannot_be_written_is_announced_with_its_reason(people, storage):
    original = _submitted_with_personal_file(people)
    tk.get_action("harbin_privacy_mask")({"user": people.reviewer}, {"resource_id": original["id"]})
    for folder, _, files in os.walk(storage / "resources"):  # the stored file lost before the job runs
        for name in files:
            os.unlink(os.path.join(folder, name))
    run_queued_jobs()
    assert _copy_of(original["id"]) is None
    [event] = model.Session.query(AuditEvent).filter(AuditEvent.event == "privacy_mask_failed").all()
    assert event.details["resource_id"] == original["id"] and event.details["requested_by"] == people.reviewer
    reviewer = model.User.get(people.reviewer)
    told = model.Session.query(Notification).filter(Notification.user_id == reviewer.id,
                                                    Notification.event == "privacy_mask_failed").all()
    assert told and "storage" in told[0].comment  # the reason, in words
    tk.get_action("harbin_privacy_mask")({"user": people.reviewer}, {"resource_id": original["id"]})
