"""The API guide (/api-guide) in both languages, linked from the catalog's search page instead of
CKAN's /api/3 (a bare {"version": 3}) and the English CKAN documentation (walk F-A6)."""
from __future__ import annotations

import pytest


@pytest.mark.usefixtures("with_plugins")
def test_the_search_page_leads_to_the_guide_in_the_readers_language(app):
    zh = app.get("/api-guide").body
    assert "接口指南" in zh and "X-App-Key" in zh and "/api/3/action/package_search?q=公交" in zh
    assert "/datastore/download/RESOURCE_ID?format=csv" in zh and "catalog.ttl" in zh
    en = app.get("/en/api-guide").body
    assert "API guide" in en and "Entries open on conditions" in en and "接口指南" not in en
    search = app.get("/dataset/").body
    assert 'href="/api-guide"' in search and "docs.ckan.org" not in search
    assert 'href="/en/api-guide"' in app.get("/en/dataset/").body
