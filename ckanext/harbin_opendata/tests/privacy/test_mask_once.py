"""One masked copy per original: asked again, the same copy gets the new file (its address and
name stay); asked while a copy is being written, the request is refused with a 409 in the user's
language — also when two requests arrive at once."""
from __future__ import annotations

import threading

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.common.jobs import run_queued_jobs
from ckanext.harbin_opendata.privacy.decisions import MASKED_SUFFIX
from ckanext.harbin_opendata.review.model import AuditEvent

from .conftest import upload
from .jobs import mask_now, run_scans
from .publishing import publish
from .registers import register_csv


def _copies(entry_id: str) -> list[str]:
    return [res.id for res in model.Package.get(entry_id).resources if res.name.endswith(MASKED_SUFFIX)]


_API = {"zh_Hans_CN": "/api/3/action/harbin_privacy_mask", "en": "/en/api/3/action/harbin_privacy_mask"}


def _original(people) -> dict:
    original = upload(people.entry["id"], people.editor, register_csv(), "登记表.csv", "CSV")
    run_scans(people.entry["id"])
    return original


def _mixed_key(people, original_id: str) -> str:
    """The column's key in the original's scan (the status lists the masked copy too, in no set order)."""
    status = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": people.entry["id"]})
    [original] = [res for res in status["resources"] if res["id"] == original_id]
    return next(col["key"] for col in original["scan"]["columns"] if col["header"] == "证件或联系方式")


@pytest.mark.usefixtures("storage")
def test_masking_again_replaces_the_copys_file(people, app):
    original = _original(people)
    first = mask_now(people.editor, original["id"])
    second = mask_now(people.editor, original["id"], {_mixed_key(people, original["id"]): "drop"})
    assert second == first and _copies(people.entry["id"]) == [first]
    publish(people, people.entry["id"])
    body = app.get(f"/dataset/{people.entry['id']}/resource/{first}/download").data.decode("utf-8-sig")
    assert "证件或联系方式" not in body and "136****1235" not in body  # the second rules' file
    events = model.Session.query(AuditEvent).filter(AuditEvent.event == "privacy_masked").order_by(AuditEvent.id).all()
    assert [event.details["replaced"] for event in events] == [False, True]


@pytest.mark.usefixtures("storage")
@pytest.mark.parametrize("lang, words", [("zh_Hans_CN", "正在生成"), ("en", "being written")])
def test_two_requests_at_once_write_one_copy(people, app, lang, words):
    original = _original(people)
    token = tk.get_action("api_token_create")({"ignore_auth": True, "user": people.editor},
                                               {"user": people.editor, "name": "masking"})["token"]
    start, answers = threading.Barrier(2), []

    def ask() -> None:
        client = app.test_client()  # the whole stack, language prefix too
        start.wait()
        response = client.post(_API[lang], json={"resource_id": original["id"]}, headers={"Authorization": token})
        answers.append((response.status_code, response.get_json()))

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(status for status, _ in answers) == [200, 409]
    [refused] = [body for status, body in answers if status == 409]
    assert words in refused["error"]["resource_id"][0]
    run_queued_jobs()
    run_queued_jobs()
    model.Session.expire_all()
    [copy] = _copies(people.entry["id"])
    # the job ended: the resource may be masked again, into the same copy
    assert mask_now(people.editor, original["id"]) == copy and _copies(people.entry["id"]) == [copy]
