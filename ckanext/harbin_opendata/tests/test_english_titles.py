"""English pages name entries by their 英文名称 (title_en): search results, the entry page's heading,
breadcrumb and <title>; Chinese pages keep the 资源名称. The breadcrumb names the agencies' list."""
from __future__ import annotations

import re

import pytest

from ckanext.harbin_opendata.tests.factories import CatalogEntry


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_english_pages_use_the_english_title(app):
    entry = CatalogEntry(title="哈尔滨市积雪深度观测数据", title_en="Harbin snow depth observations")
    search = app.get("/en/dataset/").body
    assert re.search(r'class="dataset-heading">.*?Harbin snow depth observations', search, re.S)
    page = app.get(f"/en/dataset/{entry['name']}").body
    assert re.search(r"<title>\s*Harbin snow depth observations", page)
    assert re.search(r'class="breadcrumb".*?Harbin snow depth observations', page, re.S)
    # The agencies' list is named, not shown as its address ("/en/organization/").
    assert re.search(r'class="breadcrumb".*?href="/en/organization/"[^>]*>Organizations</a>', page, re.S)
    assert re.search(r"<h1[^>]*>\s*Harbin snow depth observations", page)
    assert "哈尔滨市积雪深度观测数据" in app.get(f"/dataset/{entry['name']}").body
    assert "Harbin snow depth observations" not in app.get("/dataset/").body
