"""A stored file gone from the storage folder (a clone serving another clone's database, a restore
without its storage) answers 404 with a message in the reader's language, never a 500."""
from __future__ import annotations

import os

from ckanext.harbin_opendata.tests.web import logged_in_client

from ..review.conftest import people  # noqa: F401 - the shared cast of the review tests
from .test_uploads import BODY, _stored_path, _upload, storage  # noqa: F401 - the storage fixture


def test_a_missing_stored_file_is_a_404_in_the_readers_language(people, storage, app):
    resource = _upload(people.entry["id"], people.editor, BODY, "district.csv")
    os.remove(_stored_path(resource["id"]))
    editor = logged_in_client(app, people.editor)
    route = f"/dataset/{people.entry['id']}/resource/{resource['id']}/download/district.csv"
    chinese = editor.get(route)
    assert chinese.status_code == 404, chinese.status_code
    assert "该文件暂时无法获取，请稍后再试。" in chinese.body
    english = editor.get("/en" + route)
    assert english.status_code == 404 and "The file is not available at the moment" in english.body


def test_a_site_without_file_storage_opens_no_stored_file(ckan_config, monkeypatch):
    """No storage configured (links only): the download view finds no stored file, it does not fail."""
    from ckanext.harbin_opendata import stored_files

    monkeypatch.setitem(ckan_config, "ckan.storage_path", "")
    assert stored_files._open_stored("0b7c1d52-5a3e-4c2b-9f51-2a6c1e0d9e11") is None
