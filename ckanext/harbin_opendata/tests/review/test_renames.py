"""A published entry's address (`name`, /dataset/<name>) is a reviewed field: an agency editor's
rename is refused (409 through the API, the form shown again with the message and what was typed),
in the user's language; a reviewer's rename counts as reviewed."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.privacy.migrations import migrate_privacy
from ckanext.harbin_opendata.tests.web import csrf_token, entry_form, logged_in_client

REFUSED_ZH = "该目录已发布，修改此项须经审核"
REFUSED_EN = "This entry is published: a change here needs a reviewer"


def _published(people) -> str:
    for action, user in (("submit", people.editor), ("publish", people.reviewer)):
        tk.get_action(f"harbin_review_{action}")({"user": user}, {"id": people.entry["id"]})
    return people.entry["id"]


def _name(people) -> str:
    return tk.get_action("package_show")({"user": people.sysadmin}, {"id": people.entry["id"]})["name"]


def _token(user: str) -> str:
    return tk.get_action("api_token_create")({"user": user, "ignore_auth": True}, {"user": user, "name": "t"})["token"]


@pytest.mark.parametrize("prefix, words", [("", REFUSED_ZH), ("/en", REFUSED_EN)])
def test_an_editors_rename_through_the_api_is_a_409(app, people, prefix, words):
    entry_id = _published(people)
    response = app.post(f"{prefix}/api/3/action/package_patch", json={"id": entry_id, "name": "hrb-renamed"},
                        headers={"Authorization": _token(people.editor)}, status=409)
    error = response.json["error"]
    assert set(error) == {"__type", "name"} and words in error["name"][0]
    assert _name(people) == "hrb-entry"


def test_an_editors_rename_in_the_form_is_refused_keeping_what_was_typed(app, people):
    _published(people)
    client = logged_in_client(app, people.editor)
    html = client.get("/dataset/edit/hrb-entry").body
    formats = tk.get_action("package_show")({"user": people.editor}, {"id": "hrb-entry"})["data_formats"]
    form = dict(entry_form(html), name="hrb-renamed", contact_name="新联系人", data_formats=formats,
                _csrf_token=csrf_token(html), save="")
    response = client.post("/dataset/edit/hrb-entry", data=form)
    assert response.status_code in (200, 400) and REFUSED_ZH in response.body
    assert 'value="hrb-renamed"' in response.body and "新联系人" in response.body
    assert _name(people) == "hrb-entry"


def test_a_sysadmin_reviewers_rename_counts_as_reviewed(people):
    entry_id = _published(people)
    tk.get_action("package_patch")({"user": people.sysadmin}, {"id": entry_id, "name": "hrb-renamed"})
    assert _name(people) == "hrb-renamed"
    tk.get_action("package_patch")({"user": people.editor}, {"id": entry_id, "contact_name": "王科长"})  # minor: passes


def test_entries_published_before_the_name_was_reviewed_keep_their_minor_edits(people):
    """Migration 7a4c2e9f1b38: the reviewed values stored at publication gain the entry's name (else
    every first edit would count as a rename); a rename after it still needs a reviewer."""
    entry_id = _published(people)
    model.Session.execute(sa.text("UPDATE harbin_review_entry SET reviewed_fields = reviewed_fields - 'name'"))
    model.Session.commit()
    migrate_privacy("5d1e3c2a9b01", forward=False, plugin="harbin_review")
    migrate_privacy(plugin="harbin_review")
    tk.get_action("package_patch")({"user": people.editor}, {"id": entry_id, "contact_name": "王科长"})
    with pytest.raises(tk.ValidationError, match="name"):
        tk.get_action("package_patch")({"user": people.editor}, {"id": entry_id, "name": "hrb-renamed"})


def test_a_published_entry_edited_in_the_form_keeps_its_data_items_reviewed(app, people):
    """The form posts every data item's unit and example, empty: the items are not changed by that
    (before, every form edit of a published entry was refused as a change of 数据项). A real change
    of them is refused on the form, named by its label (was a 500: scheming read the one message
    as the items' own errors)."""
    _published(people)
    client = logged_in_client(app, people.editor)
    html = client.get("/dataset/edit/hrb-entry").body
    formats = tk.get_action("package_show")({"user": people.editor}, {"id": "hrb-entry"})["data_formats"]
    form = dict(entry_form(html), contact_name="新联系人", data_formats=formats, _csrf_token=csrf_token(html), save="")
    client.post("/dataset/edit/hrb-entry", data=form)
    shown = tk.get_action("package_show")({"user": people.editor}, {"id": "hrb-entry"})
    assert shown["contact_name"] == "新联系人"
    html = client.get("/dataset/edit/hrb-entry").body
    form = dict(entry_form(html), data_formats=formats, _csrf_token=csrf_token(html), save="",
                **{"data_items-1-name": "地址", "data_items-1-type": "string"})
    response = client.post("/dataset/edit/hrb-entry", data=form)
    assert response.status_code in (200, 400) and REFUSED_ZH in response.body and "数据项" in response.body
