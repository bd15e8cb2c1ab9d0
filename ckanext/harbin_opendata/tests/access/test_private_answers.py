"""What a conditional entry's file or table answers its agency or a grant holder is
`Cache-Control: private, no-store` (probe 2 finding 9: downloads and dumps went out `public`);
an unconditional entry's answers keep CKAN's caching."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from .conftest import CONTENT
from .test_sql_reads import table  # noqa: F401 - the conditional table fixture


def _get(app, url: str, user: str, **params):
    return app.get(url, query_string=params, extra_environ={"REMOTE_USER": user})


def test_a_conditional_entrys_answers_are_private_and_not_stored(conditional, table, app):  # noqa: F811
    editor, entry = conditional.people.editor, conditional.entry["name"]
    answers = [_get(app, f"/dataset/{entry}/resource/{table}/download/x.csv", editor),
               _get(app, f"/datastore/dump/{table}", editor),
               _get(app, "/api/3/action/datastore_search", editor, resource_id=table),
               _get(app, "/api/3/action/datastore_search_sql", editor, sql=f'SELECT * FROM "{table}"'),
               _get(app, f"/dataset/{entry}/resource/{table}", editor)]
    for answer in answers:
        assert answer.status_code == 200, (answer.request.url, answer.body[:300])
        cache = answer.headers.get("Cache-Control", "")
        assert "private" in cache and "no-store" in cache and "public" not in cache, (answer.request.url, cache)
    assert CONTENT in answers[0].body and CONTENT in answers[3].body


def test_an_open_entrys_file_keeps_ckans_caching(conditional, app):
    tk.get_action("package_patch")({"user": conditional.people.sysadmin}, {
        "id": conditional.entry["id"], "open_type": "unconditional", "open_conditions": ""})
    answer = app.get(f"/dataset/{conditional.entry['name']}/resource/{conditional.uploaded['id']}/download/x.csv")
    assert answer.status_code == 200 and "no-store" not in answer.headers.get("Cache-Control", "")
