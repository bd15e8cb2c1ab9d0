"""A load that fails is said to the agency on the resource page, in Chinese, and to nobody else;
the next successful load clears it."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk
from ckan.lib.uploader import get_resource_uploader

from ckanext.harbin_opendata.data.jobs import sync_entry
from ckanext.harbin_opendata.data.load import drop_table

from ..privacy.publishing import publish
from .conftest import company_csv, run_jobs, upload

SAID = "数据未能载入"


@pytest.mark.usefixtures("storage")
def test_a_failed_load_is_told_to_the_agency_only(people, app):
    entry = people.entry["id"]
    resource = upload(entry, people.editor, company_csv("gbk", "登记表"), "企业登记.csv", "CSV")
    publish(people, entry)
    run_jobs()
    path = get_resource_uploader(resource).get_path(resource["id"])
    with open(path, "rb") as file:
        original = file.read()
    with open(path, "wb") as file:  # the stored file no longer holds the table its check read
        file.write("登记表\r\n甲,乙\r\n1,2\r\n".encode("gbk"))
    drop_table(resource["id"])
    assert sync_entry(entry)["failed"] == [resource["id"]]

    page = tk.h.url_for("resource.read", id=entry, resource_id=resource["id"])
    shown = app.get(page, extra_environ={"REMOTE_USER": people.editor}).body
    assert SAID in shown and "不再是个人信息检查所读取的表格" in shown
    for user in ("", people.other_editor):
        assert SAID not in app.get(page, extra_environ={"REMOTE_USER": user} if user else {}).body

    with open(path, "wb") as file:
        file.write(original)
    assert sync_entry(entry)["loaded"] == [resource["id"]]
    assert SAID not in app.get(page, extra_environ={"REMOTE_USER": people.editor}).body
