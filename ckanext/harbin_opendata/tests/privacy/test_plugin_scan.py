"""Scans through the plugin: uploads are scanned by a job on the privacy queue (real Redis and
RQ worker), findings and progress are stored, the agency and reviewers are told."""
from __future__ import annotations

import pytest

import ckan.model as model
from ckan.lib import jobs as ckan_jobs

from .jobs import run_scans
from ckanext.harbin_opendata.privacy.model import Scan
from ckanext.harbin_opendata.review.model import AuditEvent, Notification

from .conftest import csv_bytes, upload, xlsx_bytes

QUEUE = "harbin_opendata:privacy"
ROWS = 3000


def _scans(package_id: str) -> list[Scan]:
    return model.Session.query(Scan).filter(Scan.package_id == package_id).all()


@pytest.mark.usefixtures("storage", "clean_queues")
def test_upload_is_scanned_by_the_worker(people):
    resource = upload(people.entry["id"], people.editor, csv_bytes(ROWS, "gbk"), "subsidy.csv", "CSV")
    [scan] = _scans(people.entry["id"])
    assert (scan.resource_id, scan.state) == (resource["id"], "queued")
    queue = ckan_jobs.get_queue(QUEUE)
    assert len(queue.jobs) == 1

    ckan_jobs.Worker([QUEUE]).work(burst=True)

    model.Session.expire_all()
    scan = model.Session.get(Scan, scan.id)
    assert scan.state == "done" and scan.personal and scan.rows_done == ROWS
    assert scan.bytes_done == scan.bytes_total > 0
    flagged = {column["header"]: column["kinds"] for column in scan.personal_columns}
    assert flagged == {"申请人姓名": ["person_name"], "身份证号": ["resident_id"], "联系电话": ["mobile"],
                       "银行卡号": ["bank_card"], "备注": ["mobile"]}
    ids = next(column for column in scan.columns if column["header"] == "身份证号")
    assert ids["counts"] == {"resident_id": ROWS} and all("********" in e for e in ids["examples"]["resident_id"])
    told = {n.user_id for n in model.Session.query(Notification).filter(Notification.event == "privacy_findings")}
    assert {model.User.get(people.editor).id, model.User.get(people.reviewer).id} <= told
    assert model.Session.query(AuditEvent).filter(AuditEvent.event == "privacy_findings").count() == 1


@pytest.mark.usefixtures("storage")
def test_xlsx_upload_every_sheet(people):
    upload(people.entry["id"], people.editor, xlsx_bytes(ROWS), "subsidy.xlsx", "XLSX")
    [scan] = run_scans(people.entry["id"])
    assert (scan.state, scan.error, scan.rows_done) == ("done", None, ROWS + 1)  # the summary sheet's row
    flagged = {(c["sheet"], c["header"]) for c in scan.personal_columns}
    assert flagged == {("补贴发放", h) for h in ("申请人姓名", "身份证号", "联系电话", "银行卡号", "备注")}


@pytest.mark.usefixtures("storage")
def test_unchanged_file_is_not_scanned_again_but_a_new_upload_is(people):
    resource = upload(people.entry["id"], people.editor, csv_bytes(50), "a.csv", "CSV")
    run_scans(people.entry["id"])
    import ckan.plugins.toolkit as tk

    tk.get_action("resource_patch")({"user": people.editor}, {"id": resource["id"], "description": "说明"})
    assert len(_scans(people.entry["id"])) == 1
    from werkzeug.datastructures import FileStorage
    import io

    tk.get_action("resource_patch")({"user": people.editor}, {
        "id": resource["id"], "upload": FileStorage(io.BytesIO(csv_bytes(60)), "a.csv")})
    assert len(_scans(people.entry["id"])) == 2


def test_cli_scans_with_progress(people, cli):
    from ckan.cli.cli import ckan as ckan_command

    # The command loads the configuration file afresh: the upload goes to its storage path.
    upload(people.entry["id"], people.editor, csv_bytes(ROWS), "subsidy.csv", "CSV")
    result = cli.invoke(ckan_command, ["harbin", "privacy", "scan", people.entry["name"]])
    assert result.exit_code == 0, result.output
    assert f"{ROWS} rows" in result.output and "13 columns, 5 with personal data" in result.output
    assert "身份证号" in result.output and "********" in result.output
