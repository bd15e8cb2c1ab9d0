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
from .conftest import CONTENT
from .test_sql_reads import table  # noqa: F401 - the conditional table fixture

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


def _flushed_rows(user: str) -> list[AccessLog]:
    access_log.flush()
    return model.Session.query(AccessLog).filter(AccessLog.user_id == model.User.get(user).id) \
        .order_by(AccessLog.id).all()


def test_a_streamed_table_download_logs_the_bytes_sent(conditional, table, app):  # noqa: F811
    """A table downloaded as CSV/JSON or dumped is streamed, with no length known beforehand: the
    log counted 0 bytes for it (walk finding F-C8); it counts what went out, once the answer is closed."""
    access_log.flush()
    editor = {"REMOTE_USER": conditional.people.editor}
    sizes = []
    for url in (f"/datastore/download/{table}?format=csv", f"/datastore/download/{table}?format=json",
                f"/datastore/dump/{table}"):
        answer = app.get(url, extra_environ=editor)
        assert answer.status_code == 200 and CONTENT in answer.get_data(as_text=True)
        sizes.append(len(answer.get_data()))
        answer.close()  # as the server does once the last byte is out
    rows = _flushed_rows(conditional.people.editor)
    assert [row.bytes for row in rows] == sizes and all(size > 0 for size in sizes)


def test_the_log_names_the_app_key_the_user_and_the_file(logged, app):
    """Rows name the key as the keys page does (its name, the first characters of its secret), the
    user by name, the file by name, and the call in words; the CSV says the same."""
    conditional, key, sizes = logged
    editor = {"REMOTE_USER": conditional.people.editor}
    agency = conditional.people.agency["name"]
    page = app.get(f"/organization/{agency}/access-log", extra_environ=editor).body
    assert f"应用密钥“日志”（{key['prefix']}…）" in page and "网站（已登录）" in page
    assert conditional.people.editor in page and conditional.uploaded["name"] in page and "下载文件" in page
    assert f"{sizes[0]}字节" in page  # CKAN's size words: under 1 KiB in bytes
    exported = app.get(f"/organization/{agency}/access-log.csv", extra_environ=editor).data.decode("utf-8-sig")
    lines = exported.splitlines()
    keyed = [line for line in lines if f"应用密钥“日志”（{key['prefix']}…）" in line]
    assert len(keyed) == 5 and all(conditional.people.editor in line and "已提供" in line for line in keyed)
    assert sum(conditional.uploaded["name"] in line and line.endswith(f",{sizes[0]}") for line in keyed) == 4
    refused = next(line for line in lines if f",{conditional.outsider}," in line)
    assert "已拒绝,403,0" in refused  # the error page is not counted as data sent
    english = app.get(f"/en/organization/{agency}/access-log", extra_environ=editor).body
    assert f"App key “日志” ({key['prefix']}…)" in english and "File download" in english


def test_ones_own_log_names_no_file_one_was_refused(logged, app):
    conditional, _, _ = logged
    mine = tk.get_action("harbin_access_log_list")({"user": conditional.outsider}, {})
    assert mine["rows"][0]["status"] == 403 and mine["rows"][0]["resource_name"] == ""
