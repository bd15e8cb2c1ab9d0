"""Fail closed on files that cannot be checked with certainty: a table whose header row is uncertain
blocks publication until its agency confirms the header (the file is scanned again that way); a
file that cannot be read at all (a PDF, a zip bomb) blocks until a reviewer exempts it with a
reason; neither is public meanwhile."""
from __future__ import annotations

import io
import zipfile

import pytest

import ckan.plugins.toolkit as tk

from .conftest import upload
from .jobs import run_scans

UNCERTAIN = "张伟,南岗区\r\n李娜,道里区\r\n王强,香坊区\r\n".encode("gbk")  # names, no header row at all


def _act(action: str, user: str, **data):
    return tk.get_action(action)({"user": user}, data)


def _state(people, resource_id: str) -> dict:
    status = _act("harbin_privacy_status", people.editor, id=people.entry["id"])
    return next(res for res in status["resources"] if res["id"] == resource_id)


@pytest.mark.usefixtures("storage")
def test_uncertain_header_blocks_until_the_agency_confirms_it(people):
    resource = upload(people.entry["id"], people.editor, UNCERTAIN, "名册.csv", "CSV")
    run_scans(people.entry["id"])
    res = _state(people, resource["id"])
    # Every row was scanned as data: the names were found by their shape, without a header.
    assert res["state"] == "personal" and res["scan"]["tables"][0]["confident"] is False
    _act("harbin_review_submit", people.editor, id=people.entry["id"])
    with pytest.raises(tk.ValidationError):
        _act("harbin_review_publish", people.reviewer, id=people.entry["id"])

    _act("harbin_review_withdraw", people.editor, id=people.entry["id"], comment="补充说明文件")  # submitted: frozen
    clean = upload(people.entry["id"], people.editor, "甲,乙\r\n丙,丁\r\n".encode(), "说明.csv", "CSV")
    run_scans(people.entry["id"])
    assert _state(people, clean["id"])["state"] == "unconfirmed"
    with pytest.raises(tk.ValidationError, match="Unknown tables"):
        _act("harbin_privacy_confirm_layout", people.editor, resource_id=clean["id"], header_rows={"Sheet9": 1})
    _act("harbin_privacy_confirm_layout", people.editor, resource_id=clean["id"], header_rows={"": 1})
    run_scans(people.entry["id"])
    res = _state(people, clean["id"])
    assert res["state"] == "clear" and res["scan"]["tables"][0]["header_row"] == 0 and res["scan"]["confident"]


@pytest.mark.usefixtures("storage")
def test_unreadable_files_block_until_a_reviewer_exempts_them(people):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * (60 << 20))  # 360 MB packed into ~350 KB
    resource = upload(people.entry["id"], people.editor, bomb.getvalue(), "统计表.xlsx", "XLSX")
    run_scans(people.entry["id"])
    res = _state(people, resource["id"])
    assert res["state"] == "failed" and "zip bomb" in res["scan"]["error_message"].replace("\u201c", "").replace(
        "\u201d", "")
    _act("harbin_review_submit", people.editor, id=people.entry["id"])
    with pytest.raises(tk.ValidationError) as error:
        _act("harbin_review_publish", people.reviewer, id=people.entry["id"])
    assert "统计表.xlsx" in " ".join(error.value.error_dict["publication"])
    with pytest.raises(tk.NotAuthorized):
        _act("harbin_privacy_exempt", people.editor, scan_id=res["scan"]["id"], reason="无个人信息。")
    _act("harbin_privacy_exempt", people.reviewer, scan_id=res["scan"]["id"], reason="统计汇总表，已人工核对无个人信息。")
    _act("harbin_review_publish", people.reviewer, id=people.entry["id"])
    public = {res["id"] for res in tk.get_action("package_show")({"user": ""}, {"id": people.entry["id"]})["resources"]}
    assert public == {resource["id"]}
