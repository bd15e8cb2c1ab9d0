"""Nothing is public before it is checked: a file with personal data added to a published entry is
never visible or downloadable anonymously — right after the upload, at every step of its scan
(polled from the scan's own progress), and after it (hidden for its findings)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import uploader

from ckanext.harbin_opendata.common.tabular import columnar
from ckanext.harbin_opendata.privacy import jobs
from ckanext.harbin_opendata.privacy.model import Scan

from .conftest import csv_bytes, upload
from .jobs import run_scans
from .publishing import publish

ROWS = 30000  # several 1 MiB batches of the reader (set below): the progress is reported more than twice


def _anonymous_sees(entry_id: str, resource_id: str) -> bool:
    resources = tk.get_action("package_show")({"user": ""}, {"id": entry_id})["resources"]
    try:
        tk.get_action("resource_show")({"user": ""}, {"id": resource_id})
        shown = True
    except (tk.ObjectNotFound, tk.NotAuthorized):
        shown = False
    return shown or resource_id in {res["id"] for res in resources}


@pytest.mark.usefixtures("storage")
def test_new_personal_file_on_a_published_entry_is_never_public(people, app, monkeypatch):
    monkeypatch.setattr(columnar, "_BATCH_BYTES", 1 << 20)  # more progress reports from a file under 10 MB
    publish(people, people.entry["id"])
    resource = upload(people.entry["id"], people.editor, csv_bytes(ROWS, "gbk"), "名单.csv", "CSV")
    download = f"/dataset/{people.entry['id']}/resource/{resource['id']}/download"
    assert not _anonymous_sees(people.entry["id"], resource["id"])
    assert app.get(download).status_code == 404

    [scan] = model.Session.query(Scan).filter(Scan.resource_id == resource["id"]).all()
    polls: list[bool] = []

    def poll(rows: int) -> None:
        polls.append(_anonymous_sees(people.entry["id"], resource["id"]))

    assert jobs.run_scan(scan.id, poll) == "done"
    print(f"\npolled {len(polls)} times during the scan; visible anonymously: {sum(polls)} times")
    assert len(polls) > 2 and not any(polls)
    assert not _anonymous_sees(people.entry["id"], resource["id"])  # findings keep it hidden
    assert app.get(download).status_code == 404


@pytest.mark.usefixtures("storage")
def test_a_clean_file_opens_once_its_scan_is_done(people, app):
    publish(people, people.entry["id"])
    resource = upload(people.entry["id"], people.editor, "区,人数\r\n道里区,3\r\n南岗区,5\r\n".encode("gbk"),
                      "人数.csv", "CSV")
    assert not _anonymous_sees(people.entry["id"], resource["id"])
    run_scans(people.entry["id"])
    assert _anonymous_sees(people.entry["id"], resource["id"])
    assert app.get(f"/dataset/{people.entry['id']}/resource/{resource['id']}/download").status_code == 200


@pytest.mark.usefixtures("storage")
def test_a_file_with_findings_stays_hidden_until_its_new_version_is_checked(people, app, ckan_config, monkeypatch):
    """Whatever privacy.hide_unscanned says: the new version of a file whose scan found personal
    data is held while its own scan waits, and opens once that scan finds it clean."""
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.privacy.hide_unscanned", False)
    publish(people, people.entry["id"])
    resource = upload(people.entry["id"], people.editor, csv_bytes(20), "名单.csv", "CSV")
    run_scans(people.entry["id"])
    assert not _anonymous_sees(people.entry["id"], resource["id"])  # personal data found

    tk.get_action("resource_patch")({"user": people.editor}, {
        "id": resource["id"], "url": "", "upload": FileStorage(stream=io.BytesIO("区,人数\r\n道里区,3\r\n".encode()),
                                                               filename="名单.csv")})
    assert not _anonymous_sees(people.entry["id"], resource["id"])
    status = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": people.entry["id"]})
    assert {res["id"]: res["state"] for res in status["resources"]}[resource["id"]] == "held"
    assert app.get(f"/dataset/{people.entry['id']}/resource/{resource['id']}/download").status_code == 404
    run_scans(people.entry["id"])
    assert _anonymous_sees(people.entry["id"], resource["id"])


def _replace(people, resource_id: str, data: bytes) -> None:
    """The agency's editor uploads a new version of the file, in a transaction left open."""
    tk.get_action("resource_patch")({"user": people.editor, "defer_commit": True}, {
        "id": resource_id, "url": "", "upload": FileStorage(stream=io.BytesIO(data), filename="人数.csv")})


@pytest.mark.usefixtures("storage")
def test_a_replaced_file_is_stored_only_when_its_unchecked_record_is_committed(people, app):
    """CKAN wrote the new file over the stored one before its record committed: for that time the
    old record (checked, public) served the new file to everyone. The stored file changes only at
    the commit, which marks it unchecked; a rolled-back upload leaves nothing behind."""
    clean = "区,人数\r\n道里区,3\r\n".encode()
    publish(people, people.entry["id"])
    resource = upload(people.entry["id"], people.editor, clean, "人数.csv", "CSV")
    run_scans(people.entry["id"])
    download = f"/dataset/{people.entry['id']}/resource/{resource['id']}/download"
    assert app.get(download).data == clean
    stored = Path(uploader.get_resource_uploader({}).get_path(resource["id"]))

    _replace(people, resource["id"], csv_bytes(20))
    assert stored.read_bytes() == clean  # what the committed, public record says was checked
    model.Session.rollback()
    assert stored.read_bytes() == clean and list(stored.parent.iterdir()) == [stored]

    _replace(people, resource["id"], csv_bytes(20))
    assert stored.read_bytes() == clean
    model.repo.commit()
    assert stored.read_bytes() == csv_bytes(20) and list(stored.parent.iterdir()) == [stored]
    assert not _anonymous_sees(people.entry["id"], resource["id"])
    assert app.get(download).status_code == 404


@pytest.mark.usefixtures("storage")
@pytest.mark.parametrize("package_type", ["dataset", "harvest"])  # CKAN serves the view under each type
def test_a_download_checked_before_a_replacement_serves_the_checked_file(people, app, monkeypatch, package_type):
    """A download whose record was checked before the agency's new file was committed and moved
    into place serves the file that was checked, not the new one (the probe: 2 of 4 downloads in a
    ~1.3 s window served the personal data), at every address of the download view."""
    import threading

    import flask

    clean = "区,人数\r\n道里区,3\r\n".encode()
    publish(people, people.entry["id"])
    resource = upload(people.entry["id"], people.editor, clean, "人数.csv", "CSV")
    run_scans(people.entry["id"])
    send_file = flask.send_file

    def replaced_meanwhile(*args, **kwargs):  # the agency's replacement commits as the file is sent
        def replace() -> None:
            tk.get_action("resource_patch")({"user": people.editor}, {
                "id": resource["id"], "url": "", "upload": FileStorage(stream=io.BytesIO(csv_bytes(20)),
                                                                       filename="人数.csv")})
            model.Session.remove()
        agency = threading.Thread(target=replace)
        agency.start()
        agency.join(60)
        return send_file(*args, **kwargs)

    monkeypatch.setattr(flask, "send_file", replaced_meanwhile)
    download = f"/{package_type}/{people.entry['id']}/resource/{resource['id']}/download/人数.csv"
    assert app.get(download).data == clean
    monkeypatch.setattr(flask, "send_file", send_file)
    assert app.get(download).status_code == 404  # the new file: hidden until its scan
