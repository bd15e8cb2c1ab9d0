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
