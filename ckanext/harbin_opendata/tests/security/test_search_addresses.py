"""The addresses that search the catalogue beside the search page and the API (ckanext-dcat's
catalogue in every format, its dataset documents, CKAN's Atom feeds) × bad searches: never a 500;
what package_search refuses with 409 (bad Solr syntax, local parameters) they refuse with a 400
in the reader's language, and so a page past Solr's range, a date that is none and an unknown
format (404)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from ckan.tests import factories

from ckanext.harbin_opendata.hardening.search_pages import MAX_PAGE
from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry

JOIN = "{!join from=id to=id}*:*"
BAD = [("q", "title:("), ("fq", "abc:("), ("fq", "["), ("fq", JOIN), ("q", JOIN), ("sort", "abc"),
       ("page", "2147483648"), ("page", str(MAX_PAGE + 1)), ("page", "0"), ("page", "-1"), ("page", "abc"),
       ("modified_since", "xyz"), ("modified_since", "99999999999999999999"), ("q", "哈尔滨 " * 1500)]
SYNTAX = {"zh": "无法执行该检索", "en": "The search cannot be run"}
LOCAL = {"zh": "Solr 本地参数", "en": "local parameters"}
PAGE = {"zh": "page 必须是", "en": "page must be a whole number from 1 to 1000000"}
DATE = {"zh": "modified_since 不是日期", "en": "modified_since is not a date"}
# (address, parameter, value) → the reader's message; the feeds take q but no fq, only custom.atom a sort
EXPECTED = {("/catalog.ttl", "fq", "abc:("): SYNTAX, ("/catalog.rdf", "q", "title:("): SYNTAX,
            ("/catalog.jsonld", "fq", "["): SYNTAX, ("/catalog.xml", "fq", JOIN): LOCAL, ("/catalog.ttl", "q", JOIN): LOCAL,
            ("/catalog.ttl", "page", "2147483648"): PAGE, ("/catalog.ttl", "page", "abc"): PAGE,
            ("/catalog.n3", "modified_since", "xyz"): DATE, ("/feeds/custom.atom", "q", "title:("): SYNTAX,
            ("/feeds/custom.atom", "q", JOIN): LOCAL, ("/feeds/custom.atom", "sort", "abc"): SYNTAX,
            ("/feeds/dataset.atom", "page", "2147483648"): PAGE}


@pytest.fixture
def catalogue(with_plugins, clean_db, clean_index):
    """An agency's published entry with a tag, in a group."""
    agency = Agency(name="hrb-jtj")
    group = factories.Group(name="hrb-traffic")
    entry = CatalogEntry(owner_org=agency["id"], name="hrb-jtj-bus-routes", tags=[{"name": "公交"}],
                         groups=[{"name": group["name"]}])
    return SimpleNamespace(agency=agency["name"], group=group["name"], entry=entry["name"])


def _addresses(catalogue: SimpleNamespace) -> list[str]:
    return [*(f"/catalog.{fmt}" for fmt in ("ttl", "rdf", "jsonld", "xml", "n3")), "/feeds/custom.atom",
            "/feeds/dataset.atom", f"/feeds/organization/{catalogue.agency}.atom", "/feeds/tag/公交.atom",
            f"/feeds/group/{catalogue.group}.atom", f"/dataset/{catalogue.entry}.ttl"]


def test_bad_searches_are_refused_not_failed(app, catalogue):
    answers = {}
    for address in _addresses(catalogue):
        assert app.get(address).status_code == 200, address  # the matrix below is not 404s
        for name, value in BAD:
            answers[address, name, value] = app.get(address, query_string={name: value}, status=None).status_code
    failed = {case: status for case, status in answers.items() if status >= 500}
    assert failed == {}
    print(f"[security] search addresses: {len(answers)} bad requests, none a 5xx")
    for (address, name, value), words in EXPECTED.items():
        assert answers[address, name, value] == 400, (address, name, value)
        for lang, text in words.items():
            prefix = "" if lang == "zh" else "/en"
            body = app.get(prefix + address, query_string={name: value}, status=None).get_data(as_text=True)
            assert text in body, (lang, address, name, value)


def test_unknown_formats_are_not_found(app, catalogue):
    for address in ("/catalog.foo", f"/dataset/{catalogue.entry}.foo", "/catalog.ttl2"):
        response = app.get(address, status=None)
        assert response.status_code == 404, address
        assert "ttl" in response.get_data(as_text=True) or address.startswith("/dataset"), address
    english = app.get("/en/catalog.foo", status=None).get_data(as_text=True)
    assert "There is no foo form of this address" in english


def test_package_search_still_refuses_what_the_catalogue_refuses(app, catalogue):
    """The catalogue's refusals are package_search's: the API answers 409 to the same searches,
    and a good search still finds the entry in the catalogue."""
    for name, value in (("fq", JOIN), ("q", "title:(")):
        assert app.get("/api/3/action/package_search", query_string={name: value}, status=None).status_code == 409
    assert catalogue.entry in app.get("/catalog.ttl", query_string={"q": "name:hrb-jtj-bus-routes"}).get_data(as_text=True)


def test_a_search_with_spaces_is_served(app, catalogue):
    """ckanext-dcat wrote the search into the catalogue's page links unencoded: Turtle refused a
    link with a space (a 500); the links are percent-encoded now, every format."""
    search = {"fq": f"organization:{catalogue.agency} OR tags:公交", "q": "name:hrb-jtj-bus-routes"}
    for fmt in ("ttl", "rdf", "jsonld", "xml", "n3"):
        response = app.get(f"/catalog.{fmt}", query_string=search, status=None)
        assert response.status_code == 200, fmt
        assert catalogue.entry in response.get_data(as_text=True), fmt
    assert "fq=organization:hrb-jtj%20OR%20tags:%E5%85%AC%E4%BA%A4" in app.get("/catalog.ttl", query_string=search).body
