"""Records whose data items cannot be drafted (no readable file) are kept, not refused (issue 20,
"data items"): each becomes a CKAN draft that nobody outside its agency sees, listed in the agency's
review list with what is missing named in Chinese; re-harvests add no duplicates, and the entry is
completed (and sent to review) once its source gains a readable file."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from . import samples
from ..http_server import Route
from ..web import logged_in_client
from .conftest import review_state
from .test_drafting import STOPS_CSV

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ERROR_PAGE = "<!DOCTYPE html><html><head><title>系统错误</title></head><body><h1>500 内部错误</h1></body></html>"
FILES = {"/files/gone.csv": Route(b"Not Found", status=404),
         "/files/report.pdf": Route(PDF, content_type="application/pdf"),
         "/files/error.csv": Route(ERROR_PAGE.encode("utf-8"), content_type="text/html; charset=utf-8")}


def _catalog(server) -> str:
    rows = [list(row) for row in samples.ROWS[:3]]
    for row, path in zip(rows, FILES):
        row[7], row[8] = "", server.url + path  # no data items; a file that gives none
    server.routes.update(FILES)
    server.routes["/catalog.csv"] = Route(samples.csv_bytes(rows), content_type="text/csv")
    return server.url + "/catalog.csv"


def _drafts() -> dict[str, SimpleNamespace]:
    """The catalog entries by title, as plain values (web requests end the ORM session)."""
    model.Session.expire_all()
    packages = model.Session.query(model.Package).filter(model.Package.type == "dataset",
                                                          model.Package.state != "deleted")
    return {package.title: SimpleNamespace(id=package.id, name=package.name, title=package.title, state=package.state,
                                           private=package.private, notes=package.notes) for package in packages}


def _editor(harbin) -> str:
    user = tk.get_action("user_create")({"ignore_auth": True}, {
        "name": "scjg_editor", "email": "scjg@example.com", "password": "Harbin-Catalog-2026"})
    tk.get_action("organization_member_create")({"user": harbin.sysadmin}, {
        "id": harbin.agencies["scjg"]["id"], "username": user["name"], "role": "editor"})
    return user["name"]


def test_records_without_readable_files_become_drafts_for_their_agency(harbin, server, app):
    source = harbin.source("old-portal", _catalog(server), "harbin_spreadsheet")
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"draft": 3}, summary
    drafts = _drafts()
    assert sorted(drafts) == sorted(row[1] for row in samples.ROWS[:3])
    assert all(package.state == "draft" and package.private for package in drafts.values())
    assert {review_state(package.id) for package in drafts.values()} == {"draft"}
    assert any("数据项" in group["cause"] for group in summary["warnings"]), summary

    for package in drafts.values():  # never public: not found by anyone outside the agency
        assert package.title not in app.get(f"/api/3/action/package_show?id={package.id}", status=404).body
        app.get(f"/dataset/{package.name}", status=404)
    assert app.get("/api/3/action/package_search?q=哈尔滨市&include_drafts=true").json["result"]["count"] == 0
    assert app.get("/dataset/?q=哈尔滨市企业登记信息").body.count(drafts["哈尔滨市企业登记信息"].name) == 0

    editor = _editor(harbin)  # the agency finds its drafts, with what is missing in Chinese
    listed = tk.get_action("harbin_review_list")({"user": editor}, {"state": "draft"})["results"]
    comments = {entry["title"]: entry["comment"] for entry in listed}
    assert sorted(comments) == ["哈尔滨市企业登记信息", "哈尔滨市食品经营许可信息"]  # its own agency's two
    assert "数据项" in comments["哈尔滨市企业登记信息"] and "404" in comments["哈尔滨市企业登记信息"]
    page = logged_in_client(app, editor).get("/review?state=draft", headers={"Accept-Language": "zh-CN"}).body
    assert "哈尔滨市企业登记信息" in page and "数据项" in page and "哈尔滨市医疗机构名录" not in page
    with pytest.raises(tk.ValidationError, match="data_items"):  # nothing to review yet
        tk.get_action("harbin_review_submit")({"user": editor}, {"id": drafts["哈尔滨市企业登记信息"].id})

    assert harbin.run(source["id"])["counts"] == {"unchanged": 3}  # idempotent: no duplicates
    server.routes["/files/gone.csv"] = Route(STOPS_CSV, content_type="text/csv")  # the source gains its file
    assert harbin.run(source["id"])["counts"] == {"updated": 1, "unchanged": 2}
    after = _drafts()
    assert len(after) == 3 and after["哈尔滨市企业登记信息"].id == drafts["哈尔滨市企业登记信息"].id
    completed = tk.get_action("package_show")({"user": harbin.sysadmin}, {"id": after["哈尔滨市企业登记信息"].id})
    assert completed["state"] == "active" and completed["private"] and completed["data_items"]
    assert review_state(completed["id"]) == "submitted"  # to review, with the drafted items 待确认


def test_items_the_agency_completed_are_kept_at_the_next_harvest(harbin, server):
    source = harbin.source("old-portal", _catalog(server), "harbin_spreadsheet")
    harbin.run(source["id"])
    editor = _editor(harbin)
    draft = _drafts()["哈尔滨市食品经营许可信息"]
    items = [{"name": "许可证编号", "type": "string", "description": "食品经营许可证编号"}]
    tk.get_action("package_patch")({"user": editor}, {"id": draft.id, "data_items": items})
    tk.get_action("harbin_review_submit")({"user": editor}, {"id": draft.id})
    rows = [list(row) for row in samples.ROWS[:3]]  # the source changes an abstract, still no items
    for row, path in zip(rows, FILES):
        row[7], row[8] = "", server.url + path
    rows[1][3] = "食品经营许可证的发放、变更与注销信息。"
    rows[2][3] = "全市医疗机构名称、地址、类别、床位数和诊疗科目。"  # still no readable file: stays a draft
    server.routes["/catalog.csv"] = Route(samples.csv_bytes(rows), content_type="text/csv")
    assert harbin.run(source["id"])["counts"] == {"updated": 1, "draft": 1, "unchanged": 1}
    hospitals = _drafts()["哈尔滨市医疗机构名录"]
    assert hospitals.state == "draft" and hospitals.private and review_state(hospitals.id) == "draft"
    assert hospitals.notes == "全市医疗机构名称、地址、类别、床位数和诊疗科目。"
    entry = tk.get_action("package_show")({"user": harbin.sysadmin}, {"id": draft.id})
    assert entry["notes"] == "食品经营许可证的发放、变更与注销信息。"
    assert entry["state"] == "active" and entry["data_items"][0]["name"] == "许可证编号"
    assert review_state(draft.id) == "submitted" and len(_drafts()) == 3
