"""Only the loader writes the DataStore's tables (an editor's rows would skip the personal-data scan
and the review), and only sysadmins read its list of tables (it names those of unpublished entries)."""
from __future__ import annotations

import json

import pytest

import ckan.plugins.toolkit as tk

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


def test_only_the_loader_writes_rows(people, storage):
    resource = upload(people.entry["id"], people.editor, company_csv("gbk", "哈尔滨市企业登记表"), "企业.csv", "CSV")
    run_jobs()
    rows = {"resource_id": resource["id"], "force": True, "method": "insert",
            "records": [{"企业名称": "230102199001011234 张三 13912345678"}]}
    writes = [("datastore_upsert", rows),
              ("datastore_create", {**rows, "fields": [{"id": "企业名称", "type": "text"}]}),
              ("datastore_create", {"resource": {"package_id": people.entry["id"], "name": "直接写入"},
                                    "records": rows["records"]}),
              ("datastore_delete", {"resource_id": resource["id"], "force": True}),
              ("datastore_records_delete", {"resource_id": resource["id"], "force": True, "filters": {}})]
    for action, data in writes:
        with pytest.raises(tk.NotAuthorized, match="written to them directly"):
            tk.get_action(action)({"user": people.editor}, data)
    table = tk.get_action("datastore_search")({"user": people.sysadmin}, {"resource_id": resource["id"]})
    assert table["total"] == 3 and "230102199001011234" not in str(table["records"])


def test_sql_refusals_are_in_the_users_language(app):
    for statement, words in (("SELECT * FROM pg_roles", "系统表"),
                             ("SELECT pg_sleep(0)", "pg_sleep")):
        response = app.get("/api/3/action/datastore_search_sql", query_string={"sql": statement})
        message = response.json["error"]["message"]
        assert response.status_code == 403 and words in message and "Not authorized" not in message, message


def test_a_statement_that_cannot_run_says_why_and_nothing_of_the_database(app):
    for statement, reason in (('SELECT * FROM "0e3b6f3c-0000-0000-0000-000000000000"', "does not exist"),
                              ("SELEC 1", "syntax error"),
                              ("SELECT 1; SELECT 2", "一条")):
        response = app.get("/api/3/action/datastore_search_sql", query_string={"sql": statement},
                           extra_environ={"HTTP_ACCEPT_LANGUAGE": "zh"})
        error = response.json["error"]
        assert response.status_code == 409 and reason in error["query"][0], error
        assert set(error) == {"__type", "query"}, error  # no "info": the statement as CKAN wrapped it
        for internal in ("EXPLAIN", "blah", "LIMIT 32001", "psycopg2", "sqlalche.me"):
            assert internal not in response.body, (internal, response.body)


@pytest.mark.parametrize("statement, function", [
    ("SELECT count(*) FROM generate_series(1, 30000000)", "generate_series"),
    ("SELECT count(*) FROM regexp_split_to_table('a,b,c', ',')", "regexp_split_to_table"),
    ("SELECT length(repeat('x', 100000000))", "repeat"),
    ("SELECT count(*) FROM unnest(ARRAY[1, 2, 3])", "unnest"),
    ("SELECT length(lpad('', 100000000, 'x'))", "lpad"),
])
def test_generators_and_multipliers_are_refused(app, statement, function):
    """Probe 2 finding 7: generate_series(1, 30000000) kept the database busy 15 s for anyone."""
    response = app.get("/api/3/action/datastore_search_sql", query_string={"sql": statement})
    assert response.status_code == 403 and function in response.json["error"]["message"], response.body


@pytest.mark.ckan_config("ckanext.harbin_opendata.data.sql_timeout_ms", "200")
def test_a_long_statement_is_stopped_by_the_timeout(loaded, app):
    """A cross join of a public table with itself (3 rows, 16 times: 43 million rows) is stopped."""
    tables = ", ".join(f'"{loaded}" t{number}' for number in range(16))
    response = app.get("/api/3/action/datastore_search_sql", query_string={"sql": f"SELECT count(*) FROM {tables}"})
    assert response.status_code == 409 and "耗时过长" in response.json["error"]["query"][0], response.body
