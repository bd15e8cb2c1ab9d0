"""The licence's title follows the reader's language, whoever caused the entry's indexing (CKAN
stores the title in the indexed entry in the language of that request or job)."""
from __future__ import annotations

import pytest

from ckan.lib import i18n, search

from ckanext.harbin_opendata.tests.factories import CatalogEntry


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_licence_title_in_the_readers_language_after_an_english_reindex(app):
    entry = CatalogEntry(license_id="cc-by")
    with app.flask_app.test_request_context():
        i18n.set_lang("en")
        search.rebuild(entry["id"])  # as an English page's edit or a job would
    chinese = app.get(f"/dataset/{entry['name']}").body
    assert "知识共享 署名（CC BY）" in chinese
    assert "Creative Commons Attribution" not in chinese
    assert "Creative Commons Attribution" in app.get(f"/en/dataset/{entry['name']}").body
    found = app.get("/api/3/action/package_search", query_string={"q": f"name:{entry['name']}"}).json
    assert found["result"]["results"][0]["license_title"] == "知识共享 署名（CC BY）"
