"""Migration d7a3f19c2e58: scans made before the reader found tables stacked in one sheet no longer
count. A published entry's files scanned that way are held from the public behind a queued rescan
(the scheduler's job recovery queues it) — those whose old scan found personal data even with
privacy.hide_unscanned off; what people decided survives: a confirmed header is read
again, an exemption carries over when the rescan finds nothing more, and a file whose second table
holds personal data the old scan never saw waits for a reviewer again."""
from __future__ import annotations

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.common.jobs import run_queued_jobs
from ckanext.harbin_opendata.common.tabular import tables
from ckanext.harbin_opendata.privacy import jobs

from .conftest import csv_bytes, upload
from .jobs import run_scans
from .migrations import migrate_privacy
from .publishing import publish

BEFORE = "b41c7e2f9d03"
STACKED = "\r\n".join([
    "表一：办事窗口", "序号,窗口类别,联系电话", "1,综合窗口,13904511234", "2,社保窗口,15545012345", "",
    "表二：临时救助申请人", "序号,申请人,手机号码", "1,阿依努尔·托合提,18745678901", "2,Li Na,13351234567",
    "3,司马相如之,17604519876", ""]).encode()
# The same column 姓名 in both tables: the officials of 表一 were exempted (named in public notices);
# the exemption does not reach 表二's applicants.
OFFICIALS = "\r\n".join([
    "表一：窗口负责人", "序号,姓名,职务", "1,王秀兰,科长", "2,李建国,主任", "",
    "表二：临时救助申请人", "序号,姓名,申请事项", "1,张桂芬,临时救助", "2,刘志强,最低生活保障", ""]).encode()


def _act(action: str, user: str, **data):
    return tk.get_action(action)({"user": user}, data)


def _states(people) -> dict[str, dict]:
    status = _act("harbin_privacy_status", people.editor, id=people.entry["id"])
    return {res["name"]: res for res in status["resources"]}


def _public(people) -> set[str]:
    return {res["name"] for res in tk.get_action("package_show")({"user": ""}, {"id": people.entry["id"]})["resources"]}


def _migrate_from_before_the_stacked_reader() -> None:
    migrate_privacy(BEFORE, forward=False)
    migrate_privacy()


@pytest.mark.usefixtures("storage")
def test_old_reader_scans_are_held_and_rescanned_keeping_what_people_decided(people, ckan_config, monkeypatch):
    with monkeypatch.context() as old_reader:  # the reader before stacked tables: one table per sheet
        old_reader.setattr(tables, "table_starts", lambda rows, first: [0])
        for name, body in (("stacked.csv", STACKED), ("roster.csv", csv_bytes(20)), ("officials.csv", OFFICIALS),
                           ("notes.csv", "甲,乙\r\n丙,丁\r\n".encode())):
            upload(people.entry["id"], people.editor, body, name, "CSV")
        run_scans(people.entry["id"])
        notes = _states(people)["notes.csv"]
        _act("harbin_privacy_confirm_layout", people.editor, resource_id=notes["id"], header_rows={"": 1})
        run_scans(people.entry["id"])
        before = _states(people)
        assert {name: res["state"] for name, res in before.items()} == {
            "stacked.csv": "personal", "roster.csv": "personal", "officials.csv": "personal", "notes.csv": "clear"}
        assert {c["sheet"] for c in before["stacked.csv"]["scan"]["columns"]} == {""}  # 表二 unseen
        assert [(c["sheet"], c["header"]) for c in before["officials.csv"]["scan"]["columns"] if c["kinds"]] == [
            ("", "姓名")]
        for name in ("stacked.csv", "roster.csv", "officials.csv"):
            _act("harbin_privacy_exempt", people.reviewer, scan_id=before[name]["scan"]["id"], reason="经核对可公开。")
        publish(people, people.entry["id"])
    assert _public(people) == {"stacked.csv", "roster.csv", "officials.csv", "notes.csv"}

    _migrate_from_before_the_stacked_reader()  # the old scans that found personal data hold their files
    assert _public(people) == set()
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.privacy.hide_unscanned", False)
    assert _public(people) == {"notes.csv"}  # held whatever hide_unscanned says
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.privacy.hide_unscanned", True)
    assert {name: res["state"] for name, res in _states(people).items()} == {
        "stacked.csv": "held", "roster.csv": "held", "officials.csv": "held", "notes.csv": "pending"}

    assert len(jobs.requeue_orphans(minutes=0)) == 4  # what the scheduler does for scans without a job
    run_queued_jobs()
    model.Session.expire_all()
    after = _states(people)
    assert {name: res["state"] for name, res in after.items()} == {
        "stacked.csv": "personal", "roster.csv": "exempted", "officials.csv": "personal", "notes.csv": "clear"}
    assert [(c["sheet"], c["header"]) for c in after["officials.csv"]["scan"]["columns"] if c["kinds"]] == [
        ("", "姓名"), ("表2", "姓名")]  # exempted in 表一 only: 表二's names wait for a reviewer
    assert after["roster.csv"]["scan"]["exemption"]["reason"] == "经核对可公开。"
    assert ("表2", "申请人") in {(c["sheet"], c["header"]) for c in after["stacked.csv"]["scan"]["columns"]}
    assert _public(people) == {"roster.csv", "notes.csv"}
