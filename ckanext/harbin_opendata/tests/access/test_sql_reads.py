"""datastore_search_sql on a conditional entry's table (probe 2 findings 4 and 7): the grant is
checked before PostgreSQL reads the statement (an error such as `column "x" does not exist` would
tell an outsider what the table holds), and a grant holder's reads are in the access log, refused
attempts too."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk

from ...access import access_log
from .conftest import CONTENT, grant_outsider

SQL = "/api/3/action/datastore_search_sql"


@pytest.fixture
def table(conditional):
    tk.get_action("datastore_create")({"user": conditional.people.sysadmin}, {
        "resource_id": conditional.uploaded["id"], "force": True, "fields": [{"id": "编号", "type": "text"}],
        "records": [{"编号": CONTENT}]})
    return conditional.uploaded["id"]


def _sql(app, statement: str, user: str | None = None):
    environ = {"REMOTE_USER": user} if user else {}
    return app.get(SQL, query_string={"sql": statement}, extra_environ=environ)


@pytest.mark.parametrize("column", ["编号", "身份证号码"])
def test_outsiders_learn_nothing_of_a_conditional_tables_columns(conditional, table, app, column):
    for user in (None, conditional.outsider):
        response = _sql(app, f'SELECT "{column}" FROM "{table}"', user)
        assert response.status_code == 403, response.body
        assert "does not exist" not in response.body and CONTENT not in response.body


def test_a_grant_holders_sql_reads_are_logged(conditional, table, app):
    access_log.flush()
    assert _sql(app, f'SELECT * FROM "{table}"', conditional.outsider).status_code == 403
    grant_outsider(conditional)
    response = _sql(app, f'SELECT * FROM "{table}"', conditional.outsider)
    assert response.status_code == 200 and CONTENT in response.body
    rows = tk.get_action("harbin_access_log_list")({"user": conditional.people.editor},
                                                   {"organization": conditional.people.agency["id"]})
    reads = [(row["kind"], row["status"]) for row in rows["rows"] if row["resource_id"] == table]
    assert sorted(reads) == [("datastore_search_sql", 200), ("datastore_search_sql", 403)], rows
