"""Only what the public may see is queryable: a withheld original is never loaded (its masked copy
is), and whatever table a hidden resource or a conditional (有条件开放) entry has answers neither
datastore_search, datastore_search_sql nor /datastore/dump to the public."""
from __future__ import annotations

import io

import pytest
from werkzeug.datastructures import FileStorage

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.data.jobs import sync_entry

from ..access.conftest import CONTENT, conditional, http_files  # noqa: F401 - shared fixtures
from ..privacy.conftest import csv_bytes
from ..privacy.jobs import mask_now, run_scans
from ..privacy.publishing import publish
from .conftest import run_jobs, search, sql, upload

SECRET = "230102199001011234"


def _api(app, action: str, user: str = "", **params):
    environ = {"REMOTE_USER": user} if user else {}
    return app.get(f"/api/3/action/{action}", query_string=params, extra_environ=environ)


def _refused_everywhere(app, resource_id: str, secret: str, user: str = "", table: bool = True) -> None:
    """No rows for the user on any surface; with `table` (the table exists) refused as such, not
    merely missing (SQL on a missing table is a 409)."""
    for response in (_api(app, "datastore_search", user, resource_id=resource_id),
                     _api(app, "datastore_search", user, resource_id=resource_id, filters='{"_id_after": 0}'),
                     _api(app, "datastore_search_sql", user, sql=f'SELECT * FROM "{resource_id}"'),
                     _api(app, "datastore_info", user, id=resource_id),
                     *(app.get(path, extra_environ={"REMOTE_USER": user} if user else {}) for path in (
                         f"/datastore/dump/{resource_id}", f"/datastore/download/{resource_id}?format=xlsx",
                         f"/datastore/download/{resource_id}?format=csv"))):
        assert response.status_code in ((403, 404) if table else (403, 404, 409)), response.request.path
        assert secret not in response.body
        if table and "/api/" in response.request.path:
            assert response.status_code == 403, response.request.path
    refused = tk.NotAuthorized if table else (tk.NotAuthorized, tk.ObjectNotFound, tk.ValidationError)
    with pytest.raises(refused):
        search(user, resource_id)
    with pytest.raises(refused):
        sql(user, f'SELECT * FROM "{resource_id}"')


def _leftover_table(resource_id: str, secret: str) -> None:
    """A table as a loader of another make (or a race) could leave it."""
    tk.get_action("datastore_create")({"ignore_auth": True, "user": ""}, {
        "resource_id": resource_id, "force": True, "fields": [{"id": "身份证号", "type": "text"}],
        "records": [{"身份证号": secret}]})


@pytest.mark.usefixtures("storage")
def test_withheld_original_is_never_loaded_nor_answered(people, app):
    entry = people.entry["id"]
    original = upload(entry, people.editor, csv_bytes(20, "gbk"), "补贴.csv", "CSV")
    run_scans(entry)
    masked = mask_now(people.editor, original["id"])
    publish(people, entry)
    run_jobs()
    assert not model.Resource.get(original["id"]).extras.get("datastore_active")
    assert search("", masked)["total"] == 20  # the masked copy is the public table
    _refused_everywhere(app, original["id"], SECRET, table=False)

    _leftover_table(original["id"], SECRET)
    _refused_everywhere(app, original["id"], SECRET)
    assert search(people.editor, original["id"])["total"] == 1  # the agency still sees its own
    assert original["id"] in sync_entry(entry)["dropped"]  # and the next sync removes it
    with pytest.raises(tk.ObjectNotFound):
        search(people.editor, original["id"])


@pytest.mark.usefixtures("storage")
def test_resource_hidden_by_a_new_file_is_locked_then_dropped(people, app):
    entry = people.entry["id"]
    resource = upload(entry, people.editor, "区,人数\r\n道里区,5\r\n".encode(), "人数.csv", "CSV")
    publish(people, entry)
    run_jobs()
    assert search("", resource["id"])["total"] == 1
    tk.get_action("resource_patch")({"user": people.sysadmin}, {
        "id": resource["id"], "upload": FileStorage(io.BytesIO(csv_bytes(5)), "人数.csv")})
    _refused_everywhere(app, resource["id"], "道里区")  # not checked yet: locked at once
    run_jobs()  # the new file has personal data: its table goes
    assert not model.Resource.get(resource["id"]).extras.get("datastore_active")


def test_conditional_entry_answers_only_those_who_may_have_the_file(conditional, app):
    run_jobs()
    table = conditional.uploaded["id"]
    assert model.Resource.get(table).extras.get("datastore_active")
    assert not model.Resource.get(conditional.linked["id"]).extras.get("datastore_active")  # links: not loaded
    _refused_everywhere(app, table, CONTENT)
    _refused_everywhere(app, table, CONTENT, conditional.outsider)
    response = _api(app, "datastore_search", conditional.people.editor, resource_id=table)
    assert response.status_code == 200 and CONTENT in response.body
    assert CONTENT in app.get(f"/datastore/dump/{table}", extra_environ={"REMOTE_USER": conditional.people.editor}).body
