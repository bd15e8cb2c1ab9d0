"""The resource page of a loaded table asks the DataStore once: the download button, the data
dictionary, the table view's snippet and its template all want the same table (data/helpers.py
keeps it for the request)."""
from __future__ import annotations

import pytest

import ckan.logic as logic
import ckan.plugins.toolkit as tk

from ..privacy.publishing import publish
from .conftest import company_csv, run_jobs, upload


@pytest.mark.usefixtures("storage")
def test_one_table_lookup_per_resource_page(people, app, monkeypatch):
    entry = people.entry["id"]
    resource = upload(entry, people.editor, company_csv("gbk", "登记表"), "企业登记.csv", "CSV")
    publish(people, entry)
    run_jobs()
    asked: list[str] = []
    datastore_info = logic.get_action("datastore_info")

    def counted(context, data_dict):  # the real action, counted
        asked.append(data_dict["id"])
        return datastore_info(context, data_dict)

    monkeypatch.setitem(logic._actions, "datastore_info", counted)
    page = app.get(tk.h.url_for("resource.read", id=entry, resource_id=resource["id"]))
    assert page.status_code == 200 and "datatables" in page.body  # the table view is there
    dictionary = page.body[page.body.index("<h2>数据字典</h2>"):]  # the data dictionary lists the columns
    assert "企业名称</div>" in dictionary and "区县代码</div>" in dictionary
    assert asked == [resource["id"]]
