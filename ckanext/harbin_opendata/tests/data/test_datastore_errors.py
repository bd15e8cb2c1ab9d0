"""The DataStore's refusals of a bad search are in the reader's language (probe 3 finding 4: CKAN's
English sentences on a Chinese site), still 4xx, never a 500: datastore_search, datastore_search_sql
and /datastore/dump with bad fields, filters, sort, limit, offset, q."""
from __future__ import annotations

import json
import re

import pytest

from .conftest import loaded  # noqa: F401 - the shared fixture

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

_CJK = re.compile(r"[\u4e00-\u9fff]")
# (parameters, the English CKAN says) — each a mistake a reader makes in the API console or a script
BAD_SEARCHES = [
    ({"fields": "no_such_column"}, 'field "no_such_column" not in table'),
    ({"fields": "企业名称,no_such_column"}, "not in table"),
    ({"filters": json.dumps({"no_such_column": "x"})}, "not in table"),
    ({"filters": "{not json"}, ""),
    ({"filters": json.dumps(["a"])}, ""),
    ({"sort": "no_such_column desc"}, "not in table"),
    ({"sort": "企业名称 sideways"}, ""),
    ({"limit": "-1"}, ""),
    ({"limit": "many"}, ""),
    ({"offset": "-5"}, ""),
    ({"q": json.dumps({"no_such_column": "x"})}, "not in table"),
    ({"offset": "many"}, ""),
]
# Mistakes CKAN reads leniently (a text search, a false flag, a language the table has no index
# for): answered, never a 500.
TOLERATED = [{"q": "{not json"}, {"distinct": "maybe"}, {"include_total": "perhaps"}, {"language": "klingon"},
             {"plain": "no", "q": "哈尔滨 & | !"}]


def _messages(error: dict) -> str:
    return " ".join(str(value) for key, value in error.items() if key != "__type")


@pytest.mark.parametrize("params, english", BAD_SEARCHES)
def test_a_bad_search_is_refused_in_the_readers_language(app, loaded, params, english):  # noqa: F811
    for prefix, chinese in (("", True), ("/en", False)):
        response = app.get(f"{prefix}/api/3/action/datastore_search", query_string={"resource_id": loaded, **params},
                           status=None)
        assert 400 <= response.status_code < 500, (params, response.status_code, response.body[:300])
        text = _messages(response.json["error"])
        if chinese:
            assert _CJK.search(text), (params, text)
            assert not english or english not in text, (params, text)
        else:
            assert not _CJK.search(text.replace(loaded, "")) or "企业名称" in text, (params, text)


@pytest.mark.parametrize("params", TOLERATED)
def test_a_search_ckan_reads_leniently_is_answered(app, loaded, params):  # noqa: F811
    response = app.get("/api/3/action/datastore_search", query_string={"resource_id": loaded, **params})
    assert response.json["success"] is True


@pytest.mark.parametrize("params, english", BAD_SEARCHES[:3] + BAD_SEARCHES[5:8] + BAD_SEARCHES[10:11])
def test_a_bad_dump_is_refused_in_the_readers_language(app, loaded, params, english):  # noqa: F811
    for prefix, chinese in (("", True), ("/en", False)):
        response = app.get(f"{prefix}/datastore/dump/{loaded}", query_string=params, status=None)
        body = response.get_data(as_text=True)
        assert 400 <= response.status_code < 500, (params, response.status_code, body[:300])
        shown = re.sub(r"<[^>]+>", " ", body)
        if chinese:
            assert not english or english not in shown, (params, shown[-600:])
        else:
            assert "not in table" not in shown or english, (params, shown[-600:])


@pytest.mark.parametrize("statement", ['SELECT no_such_column FROM "{id}"', 'SELECT * FROM "{id}" ORDER BY nope',
                                       'SELECT * FROM "{id}" LIMIT -1'])
def test_a_bad_statement_is_refused_in_the_readers_language(app, loaded, statement):  # noqa: F811
    for prefix, chinese in (("", True), ("/en", False)):
        response = app.get(f"{prefix}/api/3/action/datastore_search_sql",
                           query_string={"sql": statement.format(id=loaded)}, status=None)
        assert 400 <= response.status_code < 500, (statement, response.status_code, response.body[:300])
        text = _messages(response.json["error"])
        assert bool(_CJK.search(text)) is chinese, (statement, text)
