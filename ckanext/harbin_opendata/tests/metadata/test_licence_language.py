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


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_a_search_looks_each_licence_up_once(app, monkeypatch):
    """A page of results sharing a licence looks its title up (and translates it) once, not once per
    entry (issue 20: 2,000 lookups in 100 searches of 20), each entry still titled in the reader's
    language."""
    import ckan.model as model

    for number in range(3):
        CatalogEntry(license_id="cc-by", name=f"hrb-licence-{number}")
    CatalogEntry(license_id="other-closed", name="hrb-licence-closed")
    register, lookups = model.Package.get_license_register(), []
    real_get = register.get
    monkeypatch.setattr(register, "get", lambda key, *default: lookups.append(key) or real_get(key, *default))
    found = app.get("/api/3/action/package_search", query_string={"q": "name:hrb-licence-*", "rows": 10}).json
    titles = {entry["name"]: entry["license_title"] for entry in found["result"]["results"]}
    assert titles == {**{f"hrb-licence-{number}": "知识共享 署名（CC BY）" for number in range(3)},
                      "hrb-licence-closed": titles.get("hrb-licence-closed")}, titles
    assert titles["hrb-licence-closed"] not in (None, "", "知识共享 署名（CC BY）")
    assert sorted(lookups) == ["cc-by", "other-closed"], lookups
