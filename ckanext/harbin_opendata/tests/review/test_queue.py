"""The review queue at scale: 50 entries a page with page links, the agency filter and column; the
review page's summary and the confirmation before publishing or withdrawing."""
from __future__ import annotations

import re

import pytest

import ckan.model as model

from ckanext.harbin_opendata.review.model import ReviewEntry
from ckanext.harbin_opendata.tests.factories import CatalogEntry
from ckanext.harbin_opendata.tests.web import logged_in_client


def _rows(body: str) -> list[str]:
    return re.findall(r'href="/dataset/(hrb-q-\d+)/review"', body)


@pytest.fixture
def queue(app, people):
    """53 submitted entries of agency A, 2 of agency B."""
    for n in range(55):
        agency = people.agency if n < 53 else people.other
        CatalogEntry(owner_org=agency["id"], published=False, name=f"hrb-q-{n:03d}")
    model.Session.query(ReviewEntry).filter(ReviewEntry.package_id != people.entry["id"]).update(
        {"state": "submitted"})
    model.repo.commit()
    return logged_in_client(app, people.reviewer)


def test_the_queue_pages_by_50(queue):
    first = queue.get("/review").body
    assert len(_rows(first)) == 50 and "55" in first
    assert 'href="/review?page=2' in first.replace("&amp;", "&") or "page=2" in first
    second = queue.get("/review?page=2").body
    assert len(_rows(second)) == 5 and not set(_rows(first)) & set(_rows(second))


def test_a_bad_page_number_is_a_400(queue):
    assert "页码" in queue.get("/review?page=x", status=400).body


def test_the_agency_filter_and_column(queue, people):
    body = queue.get(f"/review?organization={people.other['name']}").body
    assert sorted(_rows(body)) == ["hrb-q-053", "hrb-q-054"]
    assert people.other["title"] in body  # the agency column
    assert f'<option value="{people.other["name"]}" selected>' in body


def test_the_review_page_summarises_the_entry_and_asks_before_publishing(queue, people):
    body = queue.get("/dataset/hrb-q-000/review").body
    entry = model.Package.get("hrb-q-000")
    assert "条目摘要" in body and entry.extras["resource_code"] in body and people.agency["title"] in body
    publish = re.search(r'<button[^>]*>\s*发布\s*</button>', body).group(0)
    assert 'data-module="confirm-action"' in publish and "立即公开" in publish


def test_submissions_held_by_the_privacy_checks_stay_in_the_queue_with_the_reason(app, people, ckan_config,
                                                                                  monkeypatch, tmp_path):
    """A file still being scanned, or found to hold personal data, does not hide its submitted
    entry from the reviewers: the queue lists it and says why it cannot be published yet."""
    from ckanext.harbin_opendata.tests.privacy.conftest import csv_bytes, upload
    from ckanext.harbin_opendata.tests.privacy.jobs import run_scans

    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(tmp_path))
    upload(people.entry["id"], people.editor, csv_bytes(20), "补贴发放.csv", "CSV")
    import ckan.plugins.toolkit as tk

    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": people.entry["id"]})
    reviewer = logged_in_client(app, people.reviewer)

    def queue_row() -> str:
        body = reviewer.get("/review").body
        rows = [row for row in re.findall(r"<tr>.*?</tr>", body, re.S) if "/dataset/hrb-entry/review" in row]
        assert len(rows) == 1, body
        return rows[0]

    assert "扫描中" in queue_row()
    run_scans(people.entry["id"])
    assert "含个人信息待脱敏" in queue_row()
    english = reviewer.get("/en/review").body
    assert "Personal data to mask" in english
