"""The harbin_dcat profile's links instead of text: distributions (EU file types, IANA media types,
availability, licence, APIs as data services), the catalog (languages, operator, licence,
taxonomies), places (GB/T 2260 divisions) and language tags; each parsed back."""
from __future__ import annotations

import copy
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from ckanext.dcat.processors import RDFSerializer
from ckanext.dcat.profiles import DCAT, DCATAP, DCT, FOAF

from ckanext.harbin_opendata.metadata.dcat.graph import tag_labels
from ckanext.harbin_opendata.metadata.dcat.places import divisions_in
from ckanext.harbin_opendata.metadata.dcat.terms import (
    ADMS_LICENCE_TYPE, ADMS_PUBLISHER_TYPE, DOMAIN_SCHEME, EU_AVAILABILITY, EU_FILE_TYPE, EU_LANGUAGE, HRB,
    HRB_DIVISION, IANA,
)

from .test_dcat import ENTRY, PROFILES, _graph, _only, _round_trip

DOWNLOAD = "http://test.ckan.net/dataset/8f3c7a4e/resource/r1/download/enterprises.csv"
FILE = {"id": "r1", "package_id": ENTRY["id"], "name": "企业登记信息（2025年）", "description": "全部字段。",
        "format": "CSV", "mimetype": "text/csv", "url": DOWNLOAD, "url_type": "upload", "size": 20480}
API = {"id": "r2", "package_id": ENTRY["id"], "name": "企业登记查询接口", "format": "API",
       "url": "https://api.harbin.invalid/enterprises"}
EU_DATA_THEME_SCHEME = URIRef("http://publications.europa.eu/resource/authority/data-theme")
OPERATOR_CODE = "12230100MB0F39826X"  # test.ini


def _with(*resources: dict[str, Any]) -> dict[str, Any]:
    return dict(ENTRY, resources=[copy.deepcopy(r) for r in resources])


def _distribution(g: Graph, ref: URIRef, name: str) -> URIRef:
    return next(d for d in g.objects(ref, DCAT.distribution) if g.value(d, DCT.title) == Literal(name, lang="zh"))


class TestDistributions:
    def test_file_type_media_type_and_availability_are_links(self):
        g, ref = _graph(_with(FILE))
        file = _distribution(g, ref, FILE["name"])
        assert set(g.objects(file, DCT["format"])) == {EU_FILE_TYPE.CSV}
        assert (EU_FILE_TYPE.CSV, RDF.type, DCT.MediaTypeOrExtent) in g
        assert (EU_FILE_TYPE.CSV, SKOS.inScheme, URIRef(str(EU_FILE_TYPE).rstrip("/"))) in g
        assert set(g.objects(file, DCAT.mediaType)) == {IANA["text/csv"]}
        assert set(g.objects(file, DCATAP.availability)) == {EU_AVAILABILITY.STABLE}
        assert set(g.objects(file, DCAT.downloadURL)) == {URIRef(DOWNLOAD)}
        assert set(g.objects(file, DCT.description)) == {Literal("全部字段。", lang="zh")}

    def test_licence_is_on_the_files_not_the_dataset(self):
        g, ref = _graph(_with(FILE, API))
        document = URIRef(ENTRY["license_url"])
        assert list(g.objects(ref, DCT.license)) == []
        assert {g.value(d, DCT.license) for d in g.objects(ref, DCAT.distribution)} == {document}
        assert set(g.objects(document, DCT.type)) == {ADMS_LICENCE_TYPE.Attribution}
        assert g.value(ADMS_LICENCE_TYPE.Attribution, SKOS.prefLabel) == Literal("Attribution", lang="en")

    def test_an_api_is_a_data_service(self):
        g, ref = _graph(_with(API))
        api = _distribution(g, ref, API["name"])
        assert list(g.objects(api, DCT["format"])) == []  # 接口 is no file type
        (service,) = g.objects(api, DCAT.accessService)
        assert (service, RDF.type, DCAT.DataService) in g
        assert g.value(service, DCAT.endpointURL) == URIRef(API["url"])
        for predicate in (DCAT.contactPoint, DCAT.theme, DCAT.keyword):  # the entry's, recommended
            assert set(g.objects(service, predicate)) == set(g.objects(ref, predicate)) != set()

    def test_a_format_outside_the_eu_table_is_named_not_linked(self):
        # dct:format as text breaks three DCAT-AP shapes (IRI, MediaTypeOrExtent, the EU table).
        g, ref = _graph(_with(dict(FILE, format="SAV", mimetype="")))
        file = _distribution(g, ref, FILE["name"])
        assert list(g.objects(file, DCT["format"])) == []
        assert set(g.objects(file, HRB.formatName)) == {Literal("SAV")}
        assert [r["format"] for r in _round_trip(_with(dict(FILE, format="SAV", mimetype="")))["resources"]] == \
            ["SAV"]

    def test_parsed_back(self):
        parsed = _round_trip(_with(FILE, API))
        by_name = {r["name"]: r for r in parsed["resources"]}
        assert (by_name[FILE["name"]]["format"], by_name[FILE["name"]]["mimetype"]) == ("CSV", "text/csv")
        assert by_name[API["name"]]["format"] == "API"
        assert parsed["license_id"] == "cc-by"


class TestCatalog:
    @pytest.fixture(autouse=True)
    def _catalog(self):
        text = RDFSerializer(profiles=PROFILES).serialize_catalog({}, dataset_dicts=[], _format="turtle")
        self.g = Graph().parse(data=text, format="turtle")
        (self.ref,) = self.g.subjects(RDF.type, DCAT.Catalog)

    def objects(self, predicate: URIRef, subject: Any = None) -> set[Any]:
        return set(self.g.objects(self.ref if subject is None else subject, predicate))

    def test_languages_of_the_portal(self):
        assert self.objects(DCT.language) == {EU_LANGUAGE.ZHO, EU_LANGUAGE.ENG}

    def test_texts_in_both_languages(self):
        assert {lit.language for lit in self.objects(DCT.title)} == {"zh", "en"}
        assert {lit.language for lit in self.objects(DCT.description)} == {"zh", "en"}
        # The home page, not the catalog (whose URI is the site URL too), is the foaf:Document.
        assert self.objects(FOAF.homepage) == {URIRef("http://test.ckan.net/")}
        assert self.objects(RDF.type, URIRef("http://test.ckan.net/")) == {FOAF.Document}
        assert self.objects(RDF.type) == {DCAT.Catalog}

    def test_published_by_the_operator(self):
        (operator,) = self.objects(DCT.publisher)
        assert self.objects(FOAF.name, operator) == {Literal("哈尔滨市大数据中心", lang="zh"),
                                                     Literal("Harbin Big Data Center", lang="en")}
        assert self.objects(DCT.identifier, operator) == {Literal(OPERATOR_CODE)}
        assert self.objects(DCT.type, operator) == {ADMS_PUBLISHER_TYPE.LocalAuthority}

    def test_licence_taxonomies_and_coverage(self):
        (document,) = self.objects(DCT.license)
        assert self.objects(DCT.identifier, document) == {Literal("cc-by")}
        assert self.objects(DCAT.themeTaxonomy) == {DOMAIN_SCHEME, EU_DATA_THEME_SCHEME}
        assert all(self.objects(DCT.title, scheme) for scheme in self.objects(DCAT.themeTaxonomy))
        assert self.objects(DCT.spatial) == {HRB_DIVISION["230100"]}
        assert self.objects(DCAT.bbox, HRB_DIVISION["230100"])

    @pytest.mark.ckan_config("ckanext.harbin_opendata.operator_credit_code", "")
    @pytest.mark.ckan_config("ckanext.harbin_opendata.metadata.catalog_license", "")
    def test_without_the_options(self, ckan_config):
        text = RDFSerializer(profiles=PROFILES).serialize_catalog({}, dataset_dicts=[], _format="turtle")
        g = Graph().parse(data=text, format="turtle")
        (ref,) = g.subjects(RDF.type, DCAT.Catalog)
        assert list(g.objects(ref, DCT.license)) == []
        assert list(g.objects(g.value(ref, DCT.publisher), DCT.identifier)) == []


class TestPlaces:
    @pytest.mark.parametrize("text, codes", [
        ("哈尔滨市", ["230100"]), ("哈尔滨市全市", ["230100"]), ("全市", ["230100"]),
        ("哈尔滨市南岗区、道里区", ["230102", "230103"]), ("五常市", ["230184"]), ("松花江流域", []),
    ])
    def test_divisions_named(self, text, codes):
        assert divisions_in(text) == codes

    @pytest.mark.parametrize("text, extra_text", [
        ("哈尔滨市", False), ("道里区、南岗区", False), ("南岗区、道里区", True), ("哈尔滨市全市", True),
    ])
    def test_text_kept_only_when_the_names_do_not_say_it(self, text, extra_text):
        g, ref = _graph(dict(ENTRY, spatial_coverage=text))
        assert bool(list(g.objects(ref, HRB.spatialCoverage))) is extra_text
        assert _round_trip(dict(ENTRY, spatial_coverage=text))["spatial_coverage"] == text

    def test_a_text_naming_no_division_is_a_labelled_location(self):
        g, ref = _graph(dict(ENTRY, spatial_coverage="松花江流域"))
        (location,) = g.objects(ref, DCT.spatial)
        assert set(g.objects(location, SKOS.prefLabel)) == {Literal("松花江流域", lang="zh")}
        assert _only(g.serialize(format="turtle"))["spatial_coverage"] == "松花江流域"


def test_labels_get_the_language_of_their_script():
    g, node = Graph(), URIRef("https://example.org/contact")
    g.add((node, FOAF.name, Literal("数据管理处")))
    g.add((node, DCT.title, Literal("Data office")))
    g.add((node, DCT.identifier, Literal("301001/000001")))
    tag_labels(g, node)
    assert set(g.objects(node, FOAF.name)) == {Literal("数据管理处", lang="zh")}
    assert set(g.objects(node, DCT.title)) == {Literal("Data office", lang="en")}
    assert set(g.objects(node, DCT.identifier)) == {Literal("301001/000001")}  # a code, not a label
