"""The strict rescan of a masked copy refuses values masked too lightly (more digits shown than
their kind's mask keeps: 136456*1235, 2301021975****5000; an e-mail's local part beyond its first
character: wangwu****@*q.com), whoever wrote the copy; properly masked ones pass."""
from __future__ import annotations

import io

import pytest
from werkzeug.datastructures import FileStorage

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.privacy.jobs import limits
from ckanext.harbin_opendata.review.model import AuditEvent
from ckanext.harbin_opendata.privacy.scan.columns import LIGHT_REASON
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .conftest import upload
from .jobs import mask_now, run_scans
from .publishing import publish
from .registers import register_csv

LIGHT = ["136456*1235", "136456* 1235", "wangwu****@*q.com", "zhaoli*#*q.com", "2301021975****5000",
         "6222021234*****0128", "１３６４５６＊１２３５"]
PROPER = ["136****1235", "w*********@qq.com", "230102********5000", "622202*********0128", "+861******0006",
          "0451-****3456", "张*", "13*** ****02", "联系138****5678，2024年3月"]


def _csv(values: list[str]) -> bytes:
    return ("序号,证件或联系方式\r\n" + "".join(f"{number},{value}\r\n" for number, value in
                                        enumerate(values, start=1))).encode("utf-8")


@pytest.mark.parametrize("value", LIGHT)
def test_a_lightly_masked_value_is_a_finding_of_every_scan(tmp_path, value):
    """Of the masked copy's strict rescan, and of the scan of any file: an agency that masked its
    file too lightly itself publishes the person as much as a masked copy would (probe 3 H5)."""
    path = tmp_path / "copy.csv"
    path.write_bytes(_csv(["张*", value, "136****1235"]))
    for strict in (True, False):
        [column] = [col for col in scan_file(str(path), limits(), strict=strict).columns if col["kinds"]]
        assert column["header"] == "证件或联系方式" and LIGHT_REASON in column["reasons"].values(), strict


def test_properly_masked_values_pass_the_strict_scan(tmp_path):
    path = tmp_path / "copy.csv"
    path.write_bytes(_csv(PROPER))
    assert not any(col["kinds"] for col in scan_file(str(path), limits(), strict=True).columns)


@pytest.mark.usefixtures("storage")
def test_a_copy_replaced_by_a_lightly_masked_file_is_held(people):
    original = upload(people.entry["id"], people.editor, register_csv(), "登记表.csv", "CSV")
    run_scans(people.entry["id"])
    copy_id = mask_now(people.editor, original["id"])
    tk.get_action("resource_patch")({"user": people.editor}, {
        "id": copy_id, "url": "", "upload": FileStorage(stream=io.BytesIO(_csv(["136456*1235"])), filename="copy.csv")})
    run_scans(people.entry["id"])
    status = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": people.entry["id"]})
    copy = next(res for res in status["resources"] if res["id"] == copy_id)
    assert copy["scan"]["strict"] and copy["state"] == "personal" and copy["hidden"]
    assert status["blockers"]


def _desensitization(people, user: str) -> str:
    return tk.get_action("package_show")({"user": user}, {"id": people.entry["id"]})["desensitization_status"]


@pytest.fixture
def desensitized(people, storage):
    """A published entry whose register is withheld behind its clean masked copy: 已脱敏."""
    original = upload(people.entry["id"], people.editor, register_csv(), "登记表.csv", "CSV")
    run_scans(people.entry["id"])
    copy_id = mask_now(people.editor, original["id"])
    publish(people, people.entry["id"])
    assert _desensitization(people, "") == "desensitized"
    return original, copy_id


def _withdrawn_events(people) -> list[AuditEvent]:
    return model.Session.query(AuditEvent).filter(AuditEvent.package_id == people.entry["id"],
                                                  AuditEvent.event == "privacy_desensitization_withdrawn").all()


def test_a_copy_masked_again_leaving_personal_data_takes_back_desensitized(people, desensitized):
    """The agency masks the register again keeping every column as it is: the copy's strict rescan
    finds the ID numbers, the copy is hidden and the entry no longer says 已脱敏."""
    original, copy_id = desensitized
    scan = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": people.entry["id"]})
    columns = next(res for res in scan["resources"] if res["id"] == original["id"])["scan"]["all_columns"]
    assert mask_now(people.editor, original["id"], {column["key"]: "keep" for column in columns}) == copy_id
    assert _desensitization(people, "") == _desensitization(people, people.editor) == "pending"
    assert copy_id not in {res["id"] for res in tk.get_action("package_show")({"user": ""}, {"id": people.entry["id"]})["resources"]}
    [event] = _withdrawn_events(people)  # as soon as the copy's new file waited for its strict scan
    assert event.details["declared"] == "desensitized" and event.details["copy_states"] == ["pending"]
    status = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": people.entry["id"]})
    assert {res["id"]: res["state"] for res in status["resources"]}[copy_id] == "personal"
    found = tk.get_action("package_search")({"user": ""}, {"q": f"name:{people.entry['name']}"})["results"]
    assert [entry["desensitization_status"] for entry in found] == ["pending"]


def test_a_copy_replaced_by_a_lightly_masked_file_takes_back_desensitized(people, desensitized):
    _original, copy_id = desensitized
    tk.get_action("resource_patch")({"user": people.editor}, {
        "id": copy_id, "url": "", "upload": FileStorage(stream=io.BytesIO(_csv(["136456*1235"])), filename="copy.csv")})
    run_scans(people.entry["id"])
    assert _desensitization(people, "") == "pending" and len(_withdrawn_events(people)) == 1
