"""Uploads with hostile file names land inside the storage under a safe name and still download;
masked copies keep a safe name; oversized uploads are refused with a translated message and
leave nothing behind; the scan and the preview stay within their own bounds."""
from __future__ import annotations

import io
import os
import pathlib

import pytest
from werkzeug.datastructures import FileStorage

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import uploader

from ckanext.harbin_opendata.preview.table import first_rows
from ckanext.harbin_opendata.tests.privacy.jobs import mask_now, run_scans
from ckanext.harbin_opendata.privacy.model import Scan
from ckanext.harbin_opendata.tests.web import csrf_token, logged_in_client

from ..privacy.conftest import csv_bytes, xlsx_bytes
from ..review.conftest import REVIEWER, people  # noqa: F401 - the shared cast of the review tests

BODY = "区,人数\r\n道里区,12\r\n南岗区,30\r\n".encode()
HOSTILE_NAMES = [
    "../../etc/passwd.csv", "..\\..\\x.csv", "/etc/cron.d/evil.csv", "C:\\Windows\\win.csv", "a\x00b.csv",
    "x" * 300 + ".csv", "哈尔滨市低保名单.csv", "../../名单 2025.csv", ".csv", "..", "<script>alert(1)</script>.csv",
]
TRIED: list[bool] = []


@pytest.fixture
def storage(ckan_config, monkeypatch, tmp_path):
    path = tmp_path / "storage"
    path.mkdir()
    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(path))
    return path


def _files(root: pathlib.Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def _upload(entry_id: str, user: str, data: bytes, filename: str, fmt: str = "CSV") -> dict:
    return tk.get_action("resource_create")({"user": user}, {
        "package_id": entry_id, "name": "上传的文件", "format": fmt, "url": "",
        "upload": FileStorage(stream=io.BytesIO(data), filename=filename)})


def _stored_path(resource_id: str) -> str:
    resource = model.Resource.get(resource_id)
    return uploader.get_resource_uploader(resource.as_dict()).get_path(resource.id)


def _safe_name(url: str) -> str:
    """The last part of the resource's address: the name the file is shown and downloaded under."""
    name = url.rsplit("/", 1)[-1]
    assert name and len(name) <= 100, url
    assert not any(c in name for c in "/\\\x00<>\"'%") and not name.startswith("."), url  # no hidden file
    return name


def _record(ok: bool, capsys) -> None:
    TRIED.append(ok)
    with capsys.disabled():
        print(f"\n[security] uploads: {len(TRIED)} cases, {TRIED.count(False)} failures")


@pytest.mark.parametrize("filename", HOSTILE_NAMES)
def test_hostile_file_name_stays_inside_storage(people, storage, app, filename, capsys):
    outside_before = _files(storage.parent)
    resource = _upload(people.entry["id"], people.editor, BODY, filename)
    path = pathlib.Path(_stored_path(resource["id"]))
    assert os.path.realpath(path).startswith(str(storage) + os.sep)
    assert path.read_bytes() == BODY
    new_files = _files(storage.parent) - outside_before
    assert new_files == {str(path.relative_to(storage.parent))}, new_files  # nothing else written anywhere
    name = _safe_name(tk.get_action("resource_show")({"user": people.editor}, {"id": resource["id"]})["url"])
    editor = logged_in_client(app, people.editor)
    page = editor.get(f"/dataset/{people.entry['name']}/resource/{resource['id']}").body
    assert f"/download/{name}" in page  # the page links the sanitised name …
    if any(c in filename for c in "/\\<\x00"):
        assert filename not in page  # … and never shows the hostile one raw
    download = editor.get(f"/dataset/{people.entry['id']}/resource/{resource['id']}/download/{name}")
    assert download.status_code == 200 and download.data == BODY
    _record(True, capsys)


def test_chinese_name_through_the_form_downloads_under_a_usable_name(people, storage, app, capsys):
    editor = logged_in_client(app, people.editor)
    form = editor.get(f"/dataset/{people.entry['name']}/resource/new").body
    response = editor.post(f"/dataset/{people.entry['name']}/resource/new", data={
        "_csrf_token": csrf_token(form), "id": "", "name": "低保名单", "format": "CSV", "url": "", "save": "go-metadata",
        "upload": (io.BytesIO(BODY), "../../哈尔滨市低保名单.csv")}, follow_redirects=False)
    assert response.status_code == 302, response.status_code
    [resource] = model.Package.get(people.entry["id"]).resources
    name = _safe_name(resource.url)
    assert name == "data.csv", name  # CKAN keeps only ASCII: a name, not ".csv"
    download = editor.get(f"/dataset/{people.entry['id']}/resource/{resource.id}/download/{name}")
    assert download.status_code == 200 and download.data == BODY
    _record(True, capsys)


def test_masked_copy_of_a_hostile_name_keeps_a_safe_name(people, storage, capsys):
    original = _upload(people.entry["id"], people.editor, csv_bytes(50), "../../低保名单<x>.csv")
    run_scans(people.entry["id"])
    status = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": people.entry["id"]})
    keys = [column["key"] for column in status["resources"][0]["scan"]["columns"]]
    masked_id = mask_now(people.editor, original["id"], {key: "mask" for key in keys})
    masked = tk.get_action("resource_show")({"user": people.editor}, {"id": masked_id})
    name = _safe_name(masked["url"])
    assert name.endswith("-masked.csv")
    assert os.path.realpath(_stored_path(masked_id)).startswith(str(storage) + os.sep)
    _record(True, capsys)


def _resource_count(entry_id: str) -> int:
    model.Session.rollback()  # what the end of a request does with an action that failed
    return model.Session.query(model.Resource).filter_by(package_id=entry_id, state="active").count()


BIG = b"a,b\r\n" + b"1,2\r\n" * 400_000  # 2 MB


@pytest.mark.ckan_config("ckan.max_resource_size", 1)  # MB
@pytest.mark.parametrize("prefix, message", [("", "文件超过了上传允许的 1 MB。"),
                                             ("/en", "The file is larger than the 1 MB allowed for an upload.")])
def test_oversized_upload_is_refused_through_the_api(people, storage, app, prefix, message, capsys):
    from ckan.tests import factories

    token = factories.APIToken(user=people.editor)["token"]
    response = app.post(f"{prefix}/api/3/action/resource_create", headers={"Authorization": token},
                        data={"package_id": people.entry["id"], "name": "大文件", "format": "CSV", "url": "",
                              "upload": (io.BytesIO(BIG), "big.csv")}, status=409)
    error = response.json["error"]
    assert error["__type"] == "Validation Error" and error["upload"] == [message], error
    assert _resource_count(people.entry["id"]) == 0
    assert _files(storage / "resources") == set()
    _record(True, capsys)


@pytest.mark.ckan_config("ckan.max_resource_size", 1)
@pytest.mark.parametrize("prefix, message", [("", "文件超过了上传允许的 1 MB。"),
                                             ("/en", "The file is larger than the 1 MB allowed for an upload.")])
def test_oversized_upload_is_refused_through_the_form(people, storage, app, prefix, message, capsys):
    editor = logged_in_client(app, people.editor)
    form = editor.get(f"{prefix}/dataset/{people.entry['name']}/resource/new").body
    response = editor.post(f"{prefix}/dataset/{people.entry['name']}/resource/new", data={
        "_csrf_token": csrf_token(form), "id": "", "name": "大文件", "format": "CSV", "url": "", "save": "go-metadata",
        "upload": (io.BytesIO(BIG), "big.csv")}, follow_redirects=False)
    assert response.status_code == 200, response.status_code  # the form again, with the error
    assert message in response.body
    assert _resource_count(people.entry["id"]) == 0
    assert _files(storage / "resources") == set()
    _record(True, capsys)


@pytest.mark.ckan_config("ckanext.harbin_opendata.privacy.max_bytes", 1000)
def test_scan_refuses_a_file_over_its_bound(people, storage, capsys):
    resource = _upload(people.entry["id"], people.editor, csv_bytes(200), "big.csv")
    [scan] = run_scans(people.entry["id"])
    scan = model.Session.get(Scan, scan.id)
    assert scan.state == "failed" and scan.error.startswith("too_large"), (scan.state, scan.error)
    status = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": people.entry["id"]})
    assert resource["id"] == status["resources"][0]["id"]
    _record(True, capsys)


@pytest.mark.ckan_config("ckanext.harbin_opendata.preview.max_bytes", 1000)
@pytest.mark.ckan_config("ckanext.harbin_opendata.preview.rows", 5)
def test_preview_reads_only_the_start_of_a_large_file(people, storage, capsys):
    csv_resource = _upload(people.entry["id"], people.editor, csv_bytes(2000), "big.csv")
    preview = first_rows(csv_resource["id"])
    assert preview["error"] is None and len(preview["rows"]) == 5 and preview["more"]
    xlsx_resource = _upload(people.entry["id"], people.editor, xlsx_bytes(500), "big.xlsx", "XLSX")
    assert first_rows(xlsx_resource["id"]) == {"error": "too_large"}
    _record(True, capsys)
