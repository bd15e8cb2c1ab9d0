"""A file added to a published entry while someone reads it: the outside probe saw the new,
unchecked file's name anonymously for about half a second, in package_show (the package row, with
its copy of the states, read before the commit; the resources read after it) and in
package_search (the index written before the database commit). A resource the states do not
cover is not shown."""
from __future__ import annotations

import copy

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.privacy import visibility

from .conftest import upload
from .jobs import run_scans
from .publishing import publish

CLEAN = "区,人数\r\n道里区,3\r\n".encode()


@pytest.fixture
def published(people):
    upload(people.entry["id"], people.editor, CLEAN, "人数.csv", "CSV")
    run_scans(people.entry["id"])
    publish(people, people.entry["id"])
    return people


@pytest.mark.usefixtures("storage")
def test_package_show_does_not_trust_a_copy_read_before_a_file_was_added(published):
    entry_id = published.entry["id"]
    read_before = copy.deepcopy(model.Package.get(entry_id).plugin_data)  # the row as read before the commit
    upload(entry_id, published.editor, CLEAN, "新名单.csv", "CSV")  # committed, not checked yet
    shown = tk.get_action("package_show")({"ignore_auth": True}, {"id": entry_id})  # the resources read after
    stale_row = model.Package(id=entry_id, plugin_data=read_before)
    visibility.strip_for_viewer({"user": "", "package": stale_row}, shown)
    assert [res["name"] for res in shown["resources"]] == ["人数.csv"]


@pytest.mark.usefixtures("storage")
def test_search_results_show_no_file_the_database_does_not_hold(published, app):
    entry_id = published.entry["id"]
    result = tk.get_action("package_show")({"ignore_auth": True}, {"id": entry_id})
    ahead = dict(result["resources"][0], id="0b7c1d52-uncommitted", name="新名单.csv")
    result["resources"].append(ahead)  # the index written before the database commit
    with app.flask_app.test_request_context():
        visibility.strip_search_results([result])
    assert [res["name"] for res in result["resources"]] == ["人数.csv"]
