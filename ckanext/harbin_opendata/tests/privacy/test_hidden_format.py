"""A hidden file's format is not counted in the public format facet, also when the entry declares a
format no file of it has (the metadata plugin adds declared formats to the same index field)."""
from __future__ import annotations

import json

import pytest

import ckan.plugins.toolkit as tk

from .conftest import csv_bytes, upload
from .publishing import publish

FORMAT = "MARKFMT9"


@pytest.mark.usefixtures("storage")
def test_a_hidden_files_format_is_not_in_the_format_facet(people, app):
    entry_id = people.entry["id"]
    tk.get_action("package_patch")({"user": people.editor}, {"id": entry_id, "data_formats": ["CSV", "XLSX"]})
    upload(entry_id, people.editor, "区,人数\r\n道里区,3\r\n".encode(), "公开统计.csv", "CSV")
    publish(people, entry_id)
    upload(entry_id, people.editor, csv_bytes(10), "待检.csv", FORMAT)  # its scan never runs here
    answer = app.get("/api/3/action/package_search", query_string={
        "q": f"name:{people.entry['name']}", "facet.field": json.dumps(["res_format"])})
    assert answer.json["result"]["count"] == 1
    formats = {value.upper() for value in answer.json["result"]["facets"]["res_format"]}
    assert FORMAT not in formats
    assert {"CSV", "XLSX"} <= formats  # the declared formats are still found
