"""The access log: one row per download and data call by a user or an app key (who, key, entry,
resource, when, bytes, status); the user reads their own rows, the agency its entries' with
counts; CSV export with a BOM; rows past the retention period are pruned."""
from __future__ import annotations

import datetime as dt

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ...access import access_log
from ...access.model import AccessLog

HEADER = "X-App-Key"


def _download(conditional) -> str:
    return f"/dataset/{conditional.entry['name']}/resource/{conditional.uploaded['id']}/download/x.csv"


@pytest.fixture
def logged(conditional, app):
    """4 downloads with the editor's key, 1 package_show with it, 1 refused download by the citizen,
    1 anonymous download (not logged by name)."""
    access_log.flush()
    model.Session.query(AccessLog).delete()
    model.repo.commit()
    key = tk.get_action("harbin_access_key_create")({"user": conditional.people.editor}, {"name": "日志"})
    sizes = [len(app.get(_download(conditional), headers={HEADER: key["key"]}).body.encode()) for _ in range(4)]
    app.get(f"/api/action/package_show?id={conditional.entry['name']}", headers={HEADER: key["key"]})
    app.get(_download(conditional), extra_environ={"REMOTE_USER": conditional.outsider})
    app.get(_download(conditional))
    return conditional, key, sizes


def test_n_downloads_make_n_rows(logged):
    conditional, key, sizes = logged
    assert access_log.flush() == 6
    editor = model.User.get(conditional.people.editor)
    rows = model.Session.query(AccessLog).filter(AccessLog.user_id == editor.id).order_by(AccessLog.id).all()
    assert [row.kind for row in rows] == ["download"] * 4 + ["package_show"]
    assert {row.key_id for row in rows} == {key["id"]}
    assert {row.package_id for row in rows} == {conditional.entry["id"]}
    assert {row.organization_id for row in rows} == {conditional.people.agency["id"]}
    assert [row.resource_id for row in rows[:4]] == [conditional.uploaded["id"]] * 4
    assert [row.bytes for row in rows[:4]] == sizes and rows[0].status == 200
    refused = model.Session.query(AccessLog).filter(AccessLog.user_id == model.User.get(conditional.outsider).id).one()
    assert refused.status == 403 and refused.key_id is None


def test_users_read_their_own_rows_and_agencies_their_entries(logged):
    conditional, _, _ = logged
    mine = tk.get_action("harbin_access_log_list")({"user": conditional.outsider}, {})
    assert mine["count"] == 1 and mine["rows"][0]["status"] == 403
    agency = tk.get_action("harbin_access_log_list")({"user": conditional.people.editor},
                                                      {"organization": conditional.people.agency["name"]})
    assert agency["count"] == 6 and agency["entries"][0]["count"] == 6 and agency["entries"][0]["users"] == 2
    for outsider in (conditional.outsider, conditional.people.other_editor):
        with pytest.raises(tk.NotAuthorized):
            tk.get_action("harbin_access_log_list")({"user": outsider}, {"organization": conditional.people.agency["id"]})


def test_the_pages_and_the_csv(logged, app):
    conditional, _, _ = logged
    editor = {"REMOTE_USER": conditional.people.editor}
    page = app.get(f"/organization/{conditional.people.agency['name']}/access-log", extra_environ=editor)
    assert page.status_code == 200 and "共 6 次下载和数据调用" in page.body
    exported = app.get(f"/organization/{conditional.people.agency['name']}/access-log.csv", extra_environ=editor)
    assert exported.data.startswith("\ufeff".encode()) and exported.data.decode("utf-8-sig").count("\n") == 7
    refused = app.get(f"/organization/{conditional.people.agency['name']}/access-log",
                      extra_environ={"REMOTE_USER": conditional.outsider})
    assert refused.status_code == 403
    mine = app.get("/user/access/log", extra_environ={"REMOTE_USER": conditional.outsider})
    assert mine.status_code == 200 and "共 1 次下载和数据调用" in mine.body


@pytest.mark.ckan_config("ckanext.harbin_opendata.access.log_retention_days", 30)
def test_rows_past_the_retention_are_pruned(logged):
    access_log.flush()
    model.Session.query(AccessLog).filter(AccessLog.kind == "package_show").update(
        {"at": dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=31)})
    model.repo.commit()
    assert access_log.prune() == 1
    assert model.Session.query(AccessLog).count() == 5
