"""Times in the display time zone (Asia/Shanghai in test.ini, as in the portal) and one Chinese
date style on Chinese pages (dates.py); English pages keep CKAN's English style."""
from __future__ import annotations

import datetime as dt

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.review.model import ReviewEntry
from ckanext.harbin_opendata.tests.factories import CatalogEntry
from ckanext.harbin_opendata.tests.web import logged_in_client


def test_review_times_in_shanghai_time_and_chinese_style(app, people):
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": "hrb-entry"})
    model.Session.get(ReviewEntry, people.entry["id"]).submitted_at = dt.datetime(
        2026, 11, 29, 10, 40, tzinfo=dt.timezone.utc)
    model.repo.commit()
    reviewer = logged_in_client(app, people.reviewer)
    assert "2026年11月29日 18:40" in reviewer.get("/review").body
    assert "November 29, 2026, 18:40" in reviewer.get("/en/review").body
    history = reviewer.get("/dataset/hrb-entry/review").body
    assert "(UTC)" not in history and "十一月" not in history


def test_date_fields_in_the_readers_style(app, people):
    CatalogEntry(owner_org=people.agency["id"], name="hrb-dated", last_updated="2026-12-04")
    assert "2026年12月4日" in app.get("/dataset/hrb-dated").body
    assert "December 4, 2026" in app.get("/en/dataset/hrb-dated").body
