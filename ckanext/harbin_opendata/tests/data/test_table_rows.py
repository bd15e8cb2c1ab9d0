"""The rows of CKAN's table view (POST /datatables/ajax/<view id>, as datatablesview.js posts them):
a malformed form is answered 400 with the reason in the reader's language, never 500 (and without
the page's CSRF token, 400 as CKAN answers: the CSRF registry of tests/security names this test); a Chinese
search in the search box or in a column finds the rows containing the text, and the view's filtered
download (POST /datatables/filtered-download/<view id>) has those rows."""
from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.web import csrf_token

from ..privacy.publishing import publish
from .conftest import HEADER, ROWS, company_csv, run_jobs, upload

NAMES = [row[1] for row in ROWS]
COLUMNS = ["_id", *HEADER]


def _form(**values: str) -> dict[str, str]:
    """DataTables' request for the first page, every column searchable, `values` changed."""
    form = {"draw": "1", "start": "0", "length": "20", "search[value]": "", "search[regex]": "false"}
    for n, name in enumerate(COLUMNS):
        form.update({f"columns[{n}][data]": name, f"columns[{n}][name]": name, f"columns[{n}][search][value]": ""})
    return {**form, **values}


@pytest.fixture
def table(people, storage, app):
    """The table view of a loaded company register, and a client with the page's CSRF token."""
    entry = people.entry["id"]
    resource = upload(entry, people.editor, company_csv("gbk", "哈尔滨市企业登记表"), "企业登记.csv", "CSV")
    publish(people, entry)
    run_jobs()
    views = tk.get_action("resource_view_list")({"user": ""}, {"id": resource["id"]})
    view = next(view for view in views if view["view_type"] == "datatables_view")["id"]
    client = app.test_client()
    token = csrf_token(client.get("/user/login").body)

    def post(prefix: str = "", view_id: str = view, without: str = "", csrf: str = token, **values: str) -> Any:
        form = {name: value for name, value in _form(**values).items() if name != without}
        return client.post(f"{prefix}/datatables/ajax/{view_id}", data=form, headers={"X-CSRF-Token": csrf})

    def download(form: dict[str, str], csrf: str = token) -> Any:
        """The table view's filtered download form, posted as datatablesview.js fills it."""
        return client.post(f"/datatables/filtered-download/{view}", data={**form, "_csrf_token": csrf},
                           follow_redirects=False)
    post.strangers_token = csrf_token(app.test_client().get("/user/login").body)  # type: ignore[attr-defined]
    post.download = download  # type: ignore[attr-defined]
    return post


def test_bad_input_is_refused_with_its_reason(table):
    bad = {"draw": "abc", "start": "-1", "length": "1000000000000", "order[0][column]": "99"}
    cases = [{name: value} for name, value in bad.items()] + [
        {"length": "0"}, {"order[0][column]": "x"}, {"order[0][column]": "1", "order[0][dir]": "sideways"},
        {"search[value]": "哈" * 201}, {"columns[1][name]": "不存在的列", "columns[1][search][value]": "1"},
        {"filters": "不存在的列:1"}]
    for values in cases:
        answer = table(**values)
        assert answer.status_code == 400 and answer.json["error"], (values, answer.status_code, answer.body[:300])
    assert "整数" in table(draw="abc").json["error"] and "whole number" in table("/en", draw="abc").json["error"]
    assert table(view_id="no-such-view").status_code == 404
    assert table(without="draw").status_code == table(without="length").status_code == 400
    assert table().status_code == 200 and table(csrf="").status_code == table(csrf=table.strangers_token).status_code == 400


def test_a_chinese_search_finds_the_rows_containing_it(table):
    def names(**values: str) -> list[str]:
        answer = table(**values)
        assert answer.status_code == 200, answer.body[:300]
        return [row["企业名称"] for row in answer.json["data"]]

    assert names() == NAMES
    assert [row["成立日期"] for row in table().json["data"]] == ["2025-01-05", "2024-11-30", "2023-07-01"]  # no T00:00:00
    assert names(**{"search[value]": "哈尔滨"}) == [NAMES[0], NAMES[2]]  # inside a longer name
    assert names(**{"search[value]": "哈尔滨 道外"}) == [NAMES[2]]  # every term
    assert names(**{"columns[2][search][value]": "松花江"}) == [NAMES[1]]  # a column's own search
    assert names(**{"columns[3][search][value]": "哈尔滨"}) == []  # not in that column
    assert names(**{"search[value]": "0452"}) == [NAMES[1]]  # ASCII: CKAN's full-text search
    assert names(**{"search[value]": "哈尔滨", "order[0][column]": "0", "order[0][dir]": "desc"}) == [NAMES[2], NAMES[0]]
    assert table(**{"search[value]": "%_"}).json["recordsFiltered"] == 0  # LIKE's wildcards are text


def _params(search: str, visible: Any = None) -> str:
    """datatablesview.js's `params` of a filtered download: the table's request and visible columns."""
    columns = [{"data": name, "name": name, "search": {"value": "", "regex": False}} for name in COLUMNS]
    return json.dumps({"draw": 1, "start": 0, "length": 20, "search": {"value": search, "regex": False},
                       "order": [{"column": 0, "dir": "asc"}], "columns": columns,
                       "visible": [True] * len(COLUMNS) if visible is None else visible})


def test_the_filtered_download_has_the_rows_found(table, app):
    answer = table.download({"params": _params("哈尔滨"), "format": "csv"})
    assert answer.status_code == 302, answer.body[:300]
    dumped = app.get(answer.headers["Location"]).get_data().decode("utf-8-sig")
    assert [row["企业名称"] for row in csv.DictReader(io.StringIO(dumped))] == [NAMES[0], NAMES[2]]
    bad = [{"params": "abc", "format": "csv"}, {"params": "[1]", "format": "csv"},
           {"params": _params("哈尔滨"), "format": "pdf"}, {"params": _params("x", visible="all"), "format": "csv"},
           {"params": _params("x").replace('"column": 0', '"column": 99'), "format": "csv"},
           {"params": _params("x").replace('"column": 0', '"column": [0]'), "format": "csv"}, {"format": "csv"}]
    for form in bad:
        answer = table.download(form)
        assert answer.status_code == 400 and answer.json["error"], (form, answer.status_code, answer.body[:300])
    assert table.download({"params": _params("x"), "format": "csv"}, csrf="").status_code == 400
