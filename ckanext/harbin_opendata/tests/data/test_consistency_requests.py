"""The catalog never silently drifts from its data: every data update checks the loaded table
against the entry's 数据项 again; on a published entry a new mismatch opens a correction request
(纠错) to the agency with its working-day deadline, the same mismatch checked again opens nothing
more, and a table that matches again closes the platform's request. Optionally the mismatch holds
an entry back from publication, and the agencies' assessment counts matching tables."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from werkzeug.datastructures import FileStorage

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.data.jobs import sync_entry
from ckanext.harbin_opendata.feedback.model import FeedbackRequest
from ckanext.harbin_opendata.feedback.workdays import add_workdays

from ..privacy.publishing import publish
from .conftest import HEADER, company_csv, run_jobs, upload

ITEMS = [{"name": "序号", "type": "integer"}, {"name": "企业名称", "type": "string"},
         {"name": "所属区县", "type": "string"}, {"name": "注册资本（万元）", "type": "number", "unit": "万元"},
         {"name": "成立日期", "type": "date"}, {"name": "区县代码", "type": "string"}]


def _drifted_csv() -> bytes:
    """The agency's next version: 所属区县 dropped, 经营状态 added, title rows as before (GBK)."""
    header = [name for name in HEADER if name != "所属区县"] + ["经营状态"]
    rows = [["1", "哈尔滨冰城科技有限公司", "100.5", "2025-01-05", "0451", "存续"],
            ["2", "黑龙江松花江物流有限公司", "2000", "2024-11-30", "0452", "注销"]]
    lines = ["哈尔滨市企业登记表", "数据截止日期：2026年6月30日", ",".join(header), *(",".join(r) for r in rows)]
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


def _replace(people, resource_id: str, data: bytes) -> None:
    tk.get_action("resource_patch")({"user": people.editor}, {
        "id": resource_id, "url": "", "upload": FileStorage(stream=io.BytesIO(data), filename="企业登记.csv")})
    run_jobs()


def _requests(entry_id: str) -> list[FeedbackRequest]:
    model.Session.expire_all()
    return (model.Session.query(FeedbackRequest).filter(FeedbackRequest.package_id == entry_id)
            .order_by(FeedbackRequest.created_at).all())


def _five_working_days_from_today() -> dt.date:
    """An oracle of its own: Monday to Friday count (the test site configures no holidays)."""
    day, left = dt.date.today(), 5
    while left:
        day += dt.timedelta(days=1)
        left -= day.weekday() < 5
    return day


@pytest.mark.usefixtures("storage")
def test_a_drifting_data_update_opens_a_correction_for_the_agency(people, app):
    entry = people.entry["id"]
    tk.get_action("package_patch")({"user": people.editor}, {"id": entry, "data_items": ITEMS})
    resource = upload(entry, people.editor, _drifted_csv(), "企业登记.csv", "CSV")
    run_jobs()
    assert _requests(entry) == []  # not published: the review page shows it, nothing public is opened
    _replace(people, resource["id"], company_csv("gbk", "哈尔滨市企业登记表"))
    publish(people, entry)
    assert _requests(entry) == []  # the published table matches its items

    _replace(people, resource["id"], _drifted_csv())
    [request] = _requests(entry)
    assert (request.kind, request.state, request.origin) == ("correction", "submitted", "data_check")
    assert request.organization_id == people.agency["id"] and request.resource_id == resource["id"]
    assert request.due_date == _five_working_days_from_today()
    assert request.details == [{"kind": "missing", "name": "所属区县"}, {"kind": "extra", "name": "经营状态"}]
    # written by the job in the site's language (zh_Hans_CN), whatever language the job had
    assert "数据项“所属区县”在数据表中没有对应的列。" in request.description and "数据与目录不一致" in request.title
    inbox = tk.get_action("harbin_feedback_list")({"user": people.editor}, {"inbox": True})
    assert [r["id"] for r in inbox["results"]] == [request.id]
    page = app.get(f"/feedback/{request.id}").body
    assert "数据项“所属区县”在数据表中没有对应的列。" in page and "列“经营状态”未在数据项中声明。" in page
    assert "存续" not in page and "注销" not in page  # findings name columns, never cells
    english = app.get(f"/en/feedback/{request.id}").body  # the findings in the reader's language
    assert "Data item “所属区县” has no column in the table." in english
    assert "The data of “企业登记.csv” does not match its catalog entry" in english  # the title too
    assert "does not match its catalog entry" in app.get("/en/feedback").body and "数据与目录不一致" not in english

    # the entry's public page says a correction is being handled, and lists the entry's requests
    assert "1 条纠错办理中" in app.get(f"/dataset/{people.entry['name']}").body
    assert request.id in app.get(f"/feedback?kind=correction&dataset={people.entry['name']}").body
    assert request.id not in app.get("/feedback?kind=correction&dataset=hrb-no-such-entry").body

    sync_entry(entry)  # the same table checked again: nothing new to open
    assert len(_requests(entry)) == 1

    # the agency corrects the catalog rather than the file: the edit of the items checks again
    items = [item for item in ITEMS if item["name"] != "所属区县"] + [{"name": "经营状态", "type": "string"}]
    tk.get_action("package_patch")({"user": people.sysadmin}, {"id": entry, "data_items": items})
    run_jobs()
    [closed] = _requests(entry)
    assert closed.state == "resolved" and closed.closed_at is not None and "一致" in closed.reply

    # the old file comes back; the agency rejects the new request with its reason: not reopened
    _replace(people, resource["id"], company_csv("gbk", "哈尔滨市企业登记表"))
    reopened = [r for r in _requests(entry) if r.closed_at is None]
    assert len(reopened) == 1
    tk.get_action("harbin_feedback_reject")({"user": people.editor}, {
        "id": reopened[0].id, "comment": "经营状态列本期停报，已书面说明。"})
    sync_entry(entry)
    assert [r.state for r in _requests(entry)] == ["resolved", "rejected"]

    # withdrawn: the public page no longer names the entry's file or its columns
    tk.get_action("harbin_review_withdraw")({"user": people.reviewer}, {"id": entry, "comment": "撤回更正"})
    hidden = app.get(f"/feedback/{request.id}").body
    assert "企业登记.csv" not in hidden and "所属区县" not in hidden and "经营状态" not in hidden


@pytest.mark.usefixtures("storage")
def test_a_mismatch_can_hold_publication_and_counts_in_the_assessment(people, ckan_config, monkeypatch):
    entry = people.entry["id"]
    tk.get_action("package_patch")({"user": people.editor}, {"id": entry, "data_items": ITEMS})
    resource = upload(entry, people.editor, _drifted_csv(), "企业登记.csv", "CSV")
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.data.consistency_blocks_publication", True)
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.data.auto_load", False)
    with pytest.raises(tk.ValidationError) as held:  # scanned clean, not loaded: nothing to check against
        publish(people, entry)
    assert "is not loaded into the DataStore yet" in str(held.value.error_dict)
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.data.auto_load", True)
    sync_entry(entry)
    with pytest.raises(tk.ValidationError) as held:
        tk.get_action("harbin_review_publish")({"user": people.reviewer}, {"id": entry})
    assert "Data item “所属区县” has no column in the table." in str(held.value.error_dict)
    assert "Column “经营状态” is not declared as a data item." in str(held.value.error_dict)

    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.data.consistency_blocks_publication", False)
    tk.get_action("harbin_review_publish")({"user": people.reviewer}, {"id": entry})
    sync_entry(entry)
    card = _scorecard(people)
    assert card["figures"]["tables_checked"] == 1 and card["figures"]["tables_consistent"] == 0
    assert card["values"]["data_consistency"] == 0.0

    _replace(people, resource["id"], company_csv("gbk", "哈尔滨市企业登记表"))
    assert _scorecard(people)["values"]["data_consistency"] == 1.0


def _scorecard(people) -> dict:
    tk.get_action("harbin_assessment_compute")({"user": people.sysadmin}, {})
    return tk.get_action("harbin_assessment_agency_show")({"user": people.sysadmin},
                                                          {"organization": people.agency["id"]})


@pytest.mark.usefixtures("storage")
def test_two_checks_of_one_file_at_once_open_one_request(people, app):
    """Two data workers checking the same new table at once: the second waits for the first's
    request and opens nothing more."""
    import threading

    from ckanext.harbin_opendata.feedback.data_check import record_check

    entry = people.entry["id"]
    resource = upload(entry, people.editor, _drifted_csv(), "企业登记.csv", "CSV")
    publish(people, entry)
    findings = [{"kind": "missing", "name": "所属区县"}]
    first_done, results = threading.Event(), {}

    def check(name: str, commit_after: threading.Event | None) -> None:
        with app.flask_app.test_request_context():
            try:
                package, file = model.Package.get(entry), model.Resource.get(resource["id"])
                actor = model.User.get(people.sysadmin)
                results[name] = record_check(package, file, findings, ["数据项“所属区县”在数据表中没有对应的列。"], actor)
                first_done.set()
                if commit_after is not None:
                    commit_after.wait(10)
                model.Session.commit()
            finally:
                model.Session.remove()

    go_on = threading.Event()
    first = threading.Thread(target=check, args=("first", go_on))
    first.start()
    assert first_done.wait(10)
    second = threading.Thread(target=check, args=("second", None))
    second.start()
    second.join(1)  # it waits for the first's transaction
    go_on.set()
    first.join(10)
    second.join(10)
    assert results["first"]["opened"] and results["second"] == {"opened": None, "closed": []}
    assert len(_requests(entry)) == 1


def test_a_check_kept_in_another_shape_is_checked_again_not_an_error(people, loaded):
    """A kept result that is not {"items", "findings"} (an early version kept the findings list
    alone; the demo database of a development machine had them) counts as other items: an edit of
    the entry saves and checks the table again instead of failing the save."""
    from ckanext.harbin_opendata.data import consistency_check
    from ckanext.harbin_opendata.data.task_rows import task_rows

    row = task_rows("consistency", [loaded])[0]
    row.value = '[{"kind": "missing", "name": "所属区县"}]'
    model.Session.commit()
    assert consistency_check.items_changed(people.entry["id"], ITEMS)
    assert consistency_check.stored_findings([loaded]) in ({}, {loaded: []})
    tk.get_action("package_patch")({"user": people.sysadmin}, {"id": people.entry["id"], "data_items": ITEMS})
