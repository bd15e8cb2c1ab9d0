"""A linked file is fetched again by the table preview and the DataStore load; its server may then
answer otherwise than when the file was checked (the probe's server answered a clean table to the
scan and names, ID numbers and mobiles afterwards, and the anonymous preview showed them). The
platform shows a link only as the bytes its scan read; a changed link is checked again, hidden
meanwhile."""
from __future__ import annotations

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.common.downloads import FileError, local_copy
from ckanext.harbin_opendata.preview.table import first_rows

from .conftest import csv_bytes
from .jobs import run_scans
from .publishing import publish

CLEAN = "区,人数\r\n道里区,3\r\n南岗区,5\r\n".encode()


def _states(people) -> dict[str, str]:
    status = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": people.entry["id"]})
    return {res["name"]: res["state"] for res in status["resources"]}


def _public(people) -> set[str]:
    return {res["name"] for res in tk.get_action("package_show")({"user": ""}, {"id": people.entry["id"]})["resources"]}


def _linked(people, http_files, body: bytes) -> dict:
    url = http_files.add("/stats.csv", body)
    resource = tk.get_action("resource_create")({"user": people.editor}, {
        "package_id": people.entry["id"], "url": url, "format": "CSV", "name": "人数"})
    run_scans(people.entry["id"])
    publish(people, people.entry["id"])
    return resource


@pytest.mark.usefixtures("storage")
def test_a_link_answering_other_bytes_is_not_previewed_and_is_checked_again(people, http_files):
    resource = _linked(people, http_files, CLEAN)
    assert first_rows(resource["id"])["rows"] == [["道里区", "3"], ["南岗区", "5"]]

    http_files.add("/stats.csv", csv_bytes(5))  # the server now answers with personal data
    preview = first_rows(resource["id"])
    assert preview == {"error": "link_changed"}
    assert _states(people) == {"人数": "pending"} and _public(people) == set()  # checked again, hidden
    run_scans(people.entry["id"])
    assert _states(people) == {"人数": "personal"} and _public(people) == set()


@pytest.mark.usefixtures("storage")
def test_a_large_link_is_previewed_from_the_beginning_the_scan_read(people, http_files, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.preview.max_bytes", 4096)
    body = ("编号,名称\r\n" + "".join(f"{i},名称{i}\r\n" for i in range(2000))).encode()
    resource = _linked(people, http_files, body)
    assert first_rows(resource["id"])["rows"][0] == ["0", "名称0"]

    http_files.add("/stats.csv", body[:100] + "张伟 13812345678\r\n".encode() + body[100:])
    assert first_rows(resource["id"]) == {"error": "link_changed"}
    assert _states(people) == {"人数": "pending"}


@pytest.mark.usefixtures("storage")
def test_the_datastore_loads_a_link_only_as_its_scan_read_it(people, http_files):
    resource = _linked(people, http_files, CLEAN)
    scan = next(res["scan"] for res in tk.get_action("harbin_privacy_status")(
        {"user": people.editor}, {"id": people.entry["id"]})["resources"])
    with local_copy(model.Resource.get(resource["id"]), 1 << 20, 10, as_scanned=True, scanned=scan) as path:
        assert open(path, "rb").read() == CLEAN
    http_files.add("/stats.csv", csv_bytes(5))
    with pytest.raises(FileError) as refused:
        with local_copy(model.Resource.get(resource["id"]), 1 << 20, 10, as_scanned=True, scanned=scan):
            pass
    assert refused.value.code == "link_changed"
