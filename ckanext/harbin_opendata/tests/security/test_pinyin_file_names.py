"""A file named after a person in pinyin (wangjianguo_xinxi.csv, Zhang-Wei.xlsx) is stored as
data.<extension>: its name would be public in the file's address, as a Chinese name would be had
CKAN kept it. Names that are no person's stay (probe3 L2)."""
from __future__ import annotations

import io

import pytest
from werkzeug.datastructures import FileStorage

import ckan.plugins.toolkit as tk

from ..review.conftest import people  # noqa: F401 - the shared cast of the review tests

BODY = "区,人数\r\n道里区,12\r\n南岗区,30\r\n".encode()


@pytest.fixture
def storage(ckan_config, monkeypatch, tmp_path):
    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(tmp_path))
    return tmp_path


@pytest.mark.usefixtures("storage")
@pytest.mark.parametrize("filename, stored", [
    ("wangjianguo_xinxi.csv", "data.csv"), ("Zhang-Wei.xlsx", "data.xlsx"), ("li_xiumei_2025.csv", "data.csv"),
    ("C:\\Users\\hrb\\Wang Jianguo.csv", "data.csv"),
    ("dibao_mingdan_2025.csv", "dibao_mingdan_2025.csv"), ("renyuan_xinxi.csv", "renyuan_xinxi.csv"),
    ("caiwu.csv", "caiwu.csv"), ("hrb-scjgj-qiye-2025.csv", "hrb-scjgj-qiye-2025.csv")])
def test_a_pinyin_name_does_not_reach_the_files_address(people, app, filename, stored):
    resource = tk.get_action("resource_create")({"user": people.editor}, {
        "package_id": people.entry["id"], "name": "数据", "format": "CSV", "url": "",
        "upload": FileStorage(stream=io.BytesIO(BODY), filename=filename)})
    assert resource["url"].rsplit("/", 1)[-1] == stored
    download = app.get(f"/dataset/{people.entry['id']}/resource/{resource['id']}/download/{stored}",
                       headers={"Authorization": _token(people.editor)})
    assert download.status_code == 200 and download.data == BODY


def _token(user: str) -> str:
    return tk.get_action("api_token_create")({"ignore_auth": True, "user": user}, {"user": user, "name": "t"})["token"]
