"""A search that asks for some fields only (`fl`, without the id) is answered, not a 500."""
from __future__ import annotations

import pytest

from .test_stored_hidden import _published_with_finding


@pytest.mark.usefixtures("storage")
def test_search_for_some_fields_only_is_answered(people, app):
    _published_with_finding(people)
    for fields in ("name", "name,title", "id,name"):
        answer = app.get("/api/3/action/package_search", query_string={"q": "name:" + people.entry["name"], "fl": fields})
        assert answer.status_code == 200, fields
        assert [result["name"] for result in answer.json["result"]["results"]] == [people.entry["name"]]
