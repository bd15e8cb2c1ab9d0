"""Data items drafted from a file's header say 待确认 in their description: a marker the agency
clears, not a description. An entry with such an item is neither submitted nor published (409
naming data_items, in the user's language); its review page flags the items."""
from __future__ import annotations

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.common.data_items import DRAFTED_NOTE
from ckanext.harbin_opendata.review.model import ReviewEntry
from ckanext.harbin_opendata.tests.factories import CatalogEntry
from ckanext.harbin_opendata.tests.web import logged_in_client

# As drafted from a bus-stop workbook (title row, header, 制表 footer): two items left unchecked.
DRAFTED = [{"name": "站点名称", "type": "string", "description": "公交站点的标准名称"},
           {"name": "经度", "type": "number", "description": DRAFTED_NOTE},
           {"name": "途经线路数", "type": "integer", "description": " " + DRAFTED_NOTE}]
CONFIRMED = [dict(item, description=f"站点{item['name']}（GCJ-02）") for item in DRAFTED]


def _token(user: str) -> str:
    return tk.get_action("api_token_create")({"user": user, "ignore_auth": True}, {"user": user, "name": "t"})["token"]


def _drafted_entry(people) -> dict:
    return CatalogEntry(owner_org=people.agency["id"], published=False, name="hrb-bus-stops", data_items=DRAFTED)


@pytest.mark.parametrize("prefix, words", [("", "仍标为待确认"), ("/en", "still marked 待确认")])
def test_submitting_unconfirmed_items_is_a_409_naming_them(app, people, prefix, words):
    entry = _drafted_entry(people)
    error = app.post(f"{prefix}/api/3/action/harbin_review_submit", json={"id": entry["id"]},
                     headers={"Authorization": _token(people.editor)}, status=409).json["error"]
    assert set(error) == {"__type", "data_items"} and words in error["data_items"][0]
    assert "经度、途经线路数" in error["data_items"][0] and "站点名称" not in error["data_items"][0]
    assert model.Session.get(ReviewEntry, entry["id"]).state == "draft"

    tk.get_action("package_patch")({"user": people.editor}, {"id": entry["id"], "data_items": CONFIRMED})
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": entry["id"]})
    assert model.Session.get(ReviewEntry, entry["id"]).state == "submitted"


def test_a_submitted_entry_with_unconfirmed_items_is_not_published(app, people):
    """A harvested record's drafted items reach review as they are (imported as drafts to check)."""
    entry = _drafted_entry(people)
    model.Session.get(ReviewEntry, entry["id"]).state = "submitted"
    model.repo.commit()
    with pytest.raises(tk.ValidationError) as refused:
        tk.get_action("harbin_review_publish")({"user": people.reviewer}, {"id": entry["id"]})
    assert "经度" in refused.value.error_dict["data_items"][0]
    page = logged_in_client(app, people.reviewer).get("/dataset/hrb-bus-stops/review").body
    assert "发布受阻" in page and "仍标为待确认" in page and page.count("待核对</span>") == 2


def test_the_editors_review_page_flags_the_items_and_holds_the_button(app, people):
    _drafted_entry(people)
    page = logged_in_client(app, people.editor).get("/dataset/hrb-bus-stops/review").body
    assert page.count("待核对</span>") == 2 and 'id="unconfirmed-items"' in page
    assert 'disabled aria-describedby="blocked-submit"' in page and "#harbin-data-items" in page
    english = logged_in_client(app, people.editor).get("/en/dataset/hrb-bus-stops/review").body
    assert english.count("to confirm</span>") == 2 and "Confirm the data items before submitting." in english
