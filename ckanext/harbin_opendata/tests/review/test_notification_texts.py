"""Notifications of privacy findings say which case it is, as sentences: personal data found (the
columns named) or a file that could not be checked (its stored code said in words), never the raw
code blocked_host:0x7f000001 (walk F-R5)."""
from __future__ import annotations

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.web import logged_in_client


def _finding(people, comment: str) -> None:
    tk.get_action("harbin_review_record_event")({"ignore_auth": True, "user": "", "defer_commit": True}, {
        "id": people.entry["id"], "event": "privacy_findings", "comment": comment, "announce": True,
        "details": {"columns": [], "error": comment, "confident": None}})
    model.repo.commit()


@pytest.mark.parametrize("prefix, unchecked, blocked, found", [
    ("", "文件无法检查个人信息", "该链接指向平台不从其获取文件的地址（0x7f000001）", "发现个人信息"),
    ("/en", "A file could not be checked for personal data",
     "The link points at an address the portal does not fetch files from (0x7f000001).",
     "Personal data found in a resource")])
def test_each_case_has_its_own_human_message(app, people, prefix, unchecked, blocked, found):
    _finding(people, "blocked_host:0x7f000001")
    _finding(people, "经办人身份证、联系电话")
    page = logged_in_client(app, people.editor).get(f"{prefix}/review/notifications").body
    assert "blocked_host" not in page and unchecked in page and blocked in page
    assert found in page and "经办人身份证、联系电话" in page
