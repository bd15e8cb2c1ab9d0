"""An entry left before the form's last step (CKAN state draft) is submitted: it is completed, or
refused while it has no data; the review list shows every submitted entry."""
from __future__ import annotations

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.review.model import ReviewEntry
from ckanext.harbin_opendata.tests.factories import CatalogEntry

LINK = {"url": "http://example.com/weather.csv", "name": "观测数据", "format": "CSV"}


def _submit(people, entry_id: str) -> dict:
    return tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": entry_id})


def _queue(people) -> list[str]:
    return [e["name"] for e in tk.get_action("harbin_review_list")(
        {"user": people.reviewer}, {"state": "submitted"})["results"]]


def test_submitting_a_draft_with_data_completes_it(people):
    draft = CatalogEntry(owner_org=people.agency["id"], published=False, state="draft", resources=[LINK])
    _submit(people, draft["id"])
    assert model.Package.get(draft["id"]).state == "active"
    assert draft["name"] in _queue(people)


def test_submitting_a_draft_without_data_is_refused_with_a_message(people):
    draft = CatalogEntry(owner_org=people.agency["id"], published=False, state="draft")
    with pytest.raises(tk.ValidationError) as refused:
        _submit(people, draft["id"])
    assert "unfinished" in str(refused.value.error_dict["state"])
    assert model.Package.get(draft["id"]).state == "draft"
    assert model.Session.get(ReviewEntry, draft["id"]).state == "draft"


def test_the_queue_lists_drafts_submitted_earlier(people):
    """Entries submitted as drafts before submitting completed them are still reviewed."""
    draft = CatalogEntry(owner_org=people.agency["id"], published=False, state="draft")
    model.Session.get(ReviewEntry, draft["id"]).state = "submitted"
    model.repo.commit()
    assert draft["name"] in _queue(people)
