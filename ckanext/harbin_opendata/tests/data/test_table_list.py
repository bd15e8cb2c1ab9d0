"""The DataStore's list of tables names those of unpublished entries: only sysadmins may read it."""
from __future__ import annotations

import json

from .conftest import company_csv, people, run_jobs, storage, upload  # noqa: F401 - shared fixtures


def test_the_list_of_tables_is_refused_to_all_but_sysadmins(people, storage, app):
    resource = upload(people.entry["id"], people.editor, company_csv("gbk", "哈尔滨市企业登记表"), "企业.csv", "CSV")
    run_jobs()
    for user in ("", people.editor, people.reviewer):
        environ = {"REMOTE_USER": user} if user else {}
        response = app.get("/api/3/action/datastore_search", query_string={"resource_id": "_table_metadata"},
                           extra_environ=environ)
        assert response.status_code == 403, (user, response.status_code)
        assert "不公开" in response.json["error"]["message"] and resource["id"] not in response.body
    admin = app.get("/api/3/action/datastore_search", extra_environ={"REMOTE_USER": people.sysadmin}, query_string={
        "resource_id": "_table_metadata", "filters": json.dumps({"name": resource["id"]})})
    assert admin.status_code == 200 and admin.json["result"]["total"] == 1  # the table exists: it is listed
