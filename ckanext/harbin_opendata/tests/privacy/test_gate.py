"""The publication gate and what the public sees: findings stop publication and hide the
resource; a masked copy (original withheld) or a reviewer's audited exemption lets it open."""
from __future__ import annotations

import csv
import io
import json

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import uploader

from .jobs import mask_now, run_scans
from ckanext.harbin_opendata.privacy.scan.detectors import find_all
from ckanext.harbin_opendata.review.model import AuditEvent

from .conftest import REVIEWER, csv_bytes, upload, xlsx_bytes

ROWS = 2000


def _act(action: str, user: str, **data):
    return tk.get_action(action)({"user": user}, data)


def _submitted_with_findings(people, data=None, filename="subsidy.csv", fmt="CSV"):
    resource = upload(people.entry["id"], people.editor, data or csv_bytes(ROWS, "gbk"), filename, fmt)
    run_scans(people.entry["id"])
    _act("harbin_review_submit", people.editor, id=people.entry["id"])
    return resource


def _public_resource_ids(entry_id: str) -> set[str]:
    return {res["id"] for res in tk.get_action("package_show")({"user": ""}, {"id": entry_id})["resources"]}


def _file_rows(resource_id: str) -> list[list[str]]:
    resource = model.Resource.get(resource_id)
    path = uploader.get_resource_uploader(resource.as_dict()).get_path(resource.id)
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


@pytest.mark.usefixtures("storage")
def test_findings_stop_publication_with_the_reason(people):
    _submitted_with_findings(people)
    with pytest.raises(tk.ValidationError) as error:
        _act("harbin_review_publish", REVIEWER, id=people.entry["id"])
    [reason] = error.value.error_dict["publication"]
    assert "subsidy.csv" in reason and "身份证号" in reason
    assert _act("harbin_review_history", REVIEWER, id=people.entry["id"])["entry"]["state"] == "submitted"


@pytest.mark.usefixtures("storage")
def test_unfinished_scan_stops_publication(people):
    upload(people.entry["id"], people.editor, csv_bytes(20), "a.csv", "CSV")
    _act("harbin_review_submit", people.editor, id=people.entry["id"])
    with pytest.raises(tk.ValidationError, match="not finished"):
        _act("harbin_review_publish", REVIEWER, id=people.entry["id"])


@pytest.mark.usefixtures("storage")
def test_masked_copy_opens_and_the_original_stays_private(people, app):
    original = _submitted_with_findings(people)
    status = _act("harbin_privacy_status", people.editor, id=people.entry["id"])
    keys = {column["header"]: column["key"] for column in status["resources"][0]["scan"]["columns"]}
    rules = {key: "mask" for key in keys.values()} | {keys["银行卡号"]: "drop"}
    masked_id = mask_now(people.editor, original["id"], rules)  # the copy is scanned like any upload

    rows = _file_rows(masked_id)
    header = rows[0]
    assert "银行卡号" not in header and len(rows) == ROWS + 1
    ids = [row[header.index("身份证号")] for row in rows[1:]]
    assert all(len(value) == 18 and value[6:14] == "********" for value in ids)
    assert not any(list(find_all(cell)) for row in rows[1:] for cell in row[:header.index("订单编号")])
    decoys = [row[header.index("订单编号")] for row in rows[1:]]
    assert all(value.isdigit() and len(value) == 18 for value in decoys)  # untouched

    status = _act("harbin_privacy_status", people.editor, id=people.entry["id"])
    by_id = {res["id"]: res for res in status["resources"]}
    assert by_id[original["id"]]["withheld"] and by_id[masked_id]["masked_from"] == original["id"]
    assert by_id[masked_id]["scan"]["state"] == "done" and not by_id[masked_id]["scan"]["personal"]
    assert status["blockers"] == []
    entry = _act("package_show", people.editor, id=people.entry["id"])
    assert (people.entry["desensitization_status"], entry["desensitization_status"]) == ("not_required", "desensitized")
    [event] = model.Session.query(AuditEvent).filter(AuditEvent.event == "privacy_desensitized").all()
    assert event.details["declared"] == "not_required"

    _act("harbin_review_publish", REVIEWER, id=people.entry["id"])
    assert _public_resource_ids(people.entry["id"]) == {masked_id}
    assert {res["id"] for res in _act("package_show", people.editor, id=people.entry["id"])["resources"]} == \
        {original["id"], masked_id}
    with pytest.raises(tk.ObjectNotFound):
        tk.get_action("resource_show")({"user": ""}, {"id": original["id"]})
    # The public's ways in: the search API, the download link, the DCAT catalog.
    found = app.get("/api/3/action/package_search", query_string={"q": "name:" + people.entry["name"]}).json
    assert [res["id"] for res in found["result"]["results"][0]["resources"]] == [masked_id]
    assert app.get(f"/dataset/{people.entry['id']}/resource/{original['id']}/download").status_code == 404
    assert app.get(f"/dataset/{people.entry['id']}/resource/{masked_id}/download").status_code == 200
    catalog = app.get("/catalog.ttl").body
    assert masked_id in catalog and original["id"] not in catalog
    assert model.Session.query(AuditEvent).filter(AuditEvent.event == "privacy_masked").count() == 1


@pytest.mark.usefixtures("storage")
def test_masked_xlsx_stays_a_workbook(people):
    import openpyxl

    original = _submitted_with_findings(people, xlsx_bytes(300), "subsidy.xlsx", "XLSX")
    masked_id = mask_now(people.editor, original["id"])
    resource = model.Resource.get(masked_id)
    assert resource.format == "XLSX"
    path = uploader.get_resource_uploader(resource.as_dict()).get_path(resource.id)
    workbook = openpyxl.load_workbook(open(path, "rb"), read_only=True)
    assert workbook.sheetnames == ["补贴发放", "汇总"]
    rows = list(workbook["补贴发放"].iter_rows(values_only=True))
    assert rows[0][0] == "2025年度哈尔滨市惠民补贴发放明细"  # the title row is kept
    assert rows[2][2][6:14] == "********" and rows[2][3][3:7] == "****"


@pytest.mark.usefixtures("storage")
def test_exemption_by_another_reviewer_is_audited(people):
    _submitted_with_findings(people)
    scan_id = _act("harbin_privacy_status", REVIEWER, id=people.entry["id"])["resources"][0]["scan"]["id"]
    for user in (people.editor, people.other_editor):
        with pytest.raises(tk.NotAuthorized):
            _act("harbin_privacy_exempt", user, scan_id=scan_id, reason="理由")
    with pytest.raises(tk.ValidationError):
        _act("harbin_privacy_exempt", REVIEWER, scan_id=scan_id, reason="  ")
    _act("harbin_privacy_exempt", REVIEWER, scan_id=scan_id, reason="经单位书面同意公开联系方式。")
    # Exempted data is published as it is: the entry is not thereby "desensitized".
    assert _act("package_show", REVIEWER, id=people.entry["id"])["desensitization_status"] == "not_required"
    [event] = model.Session.query(AuditEvent).filter(AuditEvent.event == "privacy_exemption").all()
    assert event.comment == "经单位书面同意公开联系方式。" and event.actor_name == REVIEWER
    _act("harbin_review_publish", REVIEWER, id=people.entry["id"])
    assert len(_public_resource_ids(people.entry["id"])) == 1
    # The audit CSV says which resource, columns and kinds the exemption was about.
    from ckanext.harbin_opendata.review import audit

    out = io.StringIO()
    audit.write_csv(audit.events_since(), out)
    rows = {row["event"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    details = json.loads(rows["privacy_exemption"]["details"])
    assert details["resource_name"] == "subsidy.csv" and "身份证号" in details["columns"]
    assert "resident_id" in details["kinds"] and json.loads(rows["privacy_findings"]["details"])["columns"]


@pytest.mark.usefixtures("storage")
def test_submitting_reviewer_cannot_exempt(people):
    upload(people.entry["id"], people.editor, csv_bytes(100), "a.csv", "CSV")
    run_scans(people.entry["id"])
    _act("harbin_review_submit", people.sysadmin, id=people.entry["id"])
    scan_id = _act("harbin_privacy_status", people.sysadmin, id=people.entry["id"])["resources"][0]["scan"]["id"]
    with pytest.raises(tk.NotAuthorized):
        _act("harbin_privacy_exempt", people.sysadmin, scan_id=scan_id, reason="自己提交的")


@pytest.mark.usefixtures("storage")
def test_personal_data_added_to_a_published_entry_is_hidden_after_the_scan(people):
    clean = upload(people.entry["id"], people.editor, "区,人数\r\n道里区,12\r\n".encode(), "count.csv", "CSV")
    run_scans(people.entry["id"])
    _act("harbin_review_submit", people.editor, id=people.entry["id"])
    _act("harbin_review_publish", REVIEWER, id=people.entry["id"])
    leaked = upload(people.entry["id"], people.editor, csv_bytes(100), "names.csv", "CSV")
    run_scans(people.entry["id"])
    assert _public_resource_ids(people.entry["id"]) == {clean["id"]}
    assert _act("harbin_privacy_status", people.editor, id=people.entry["id"])["resources"][1]["hidden"]
    assert leaked["id"] in {res["id"] for res in _act("package_show", people.editor, id=people.entry["id"])["resources"]}


def test_linked_files_are_fetched_and_failures_explained(people, http_files, ckan_config, monkeypatch):
    good = http_files.add("/data/subsidy.csv", csv_bytes(500, "gb18030"))
    old_excel = http_files.add("/data/old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    big = http_files.add("/data/big.csv", b"a,b\r\n" + b"1,2\r\n" * 50000)
    for url, fmt in ((good, "CSV"), (http_files.url + "/missing.csv", "CSV"), (old_excel, "XLS"), (big, "CSV")):
        _act("resource_create", people.editor, package_id=people.entry["id"], url=url, format=fmt, name=url)
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.privacy.max_bytes", 100_000)
    run_scans(people.entry["id"])
    scans = {res["name"]: res["scan"] for res in _act("harbin_privacy_status", people.editor, id=people.entry["id"])["resources"]}
    assert scans[good]["state"] == "done" and scans[good]["rows_done"] == 500 and scans[good]["personal"]
    assert "404" in scans[http_files.url + "/missing.csv"]["error_message"]
    assert "XLS" in scans[old_excel]["error_message"]
    assert scans[big]["error"] == "too_large:100000"
