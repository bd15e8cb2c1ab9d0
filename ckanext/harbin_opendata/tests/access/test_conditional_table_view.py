"""A conditional entry's table view: its metadata is public as its files' are (the view actions answer
as resource_show does), its rows (/datatables/ajax, /datatables/filtered-download) only for those who
may have the files — an anonymous visitor, a citizen without a grant and another agency's editor are
refused without a row; the agency's editor gets them."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk

from ..privacy.test_hidden_views import _api, _client, _table_requests
from .conftest import CONTENT


@pytest.fixture
def table_view(conditional):
    people, resource_id = conditional.people, conditional.uploaded["id"]
    tk.get_action("datastore_create")({"user": people.sysadmin}, {
        "resource_id": resource_id, "force": True, "fields": [{"id": "名称", "type": "text"}],
        "records": [{"名称": CONTENT}]})
    return tk.get_action("resource_view_create")({"user": people.editor}, {
        "resource_id": resource_id, "view_type": "datatables_view", "title": "表格"})["id"]


@pytest.mark.parametrize("role", ["anonymous", "citizen", "other_editor"])
def test_outsiders_get_the_view_but_not_its_rows(conditional, table_view, app, role):
    client = _client(app, conditional.people, role)
    assert _api(client, "resource_show", conditional.uploaded["id"]).status_code == 200
    assert _api(client, "resource_view_show", table_view).json["result"]["title"] == "表格"
    for answer in _table_requests(client, table_view):
        assert answer.status_code == 403 and CONTENT not in answer.get_data(as_text=True), answer.body[:300]


def test_the_agency_gets_the_rows(conditional, table_view, app):
    rows = _table_requests(_client(app, conditional.people, "editor"), table_view)
    assert rows[0].status_code == 200 and CONTENT in [row["名称"] for row in rows[0].json["data"]]
    assert rows[1].status_code == 302
