"""The harbin_dcat RDF profile: every Harbin field to DCAT-AP 3 and back, on hand-made dicts, foreign
graphs, and through CKAN (package_create, /dataset/<name>.ttl, /catalog.ttl)."""
from __future__ import annotations

import copy
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SKOS, XSD

from ckan.tests import factories
from ckan.tests.helpers import call_action
from ckanext.dcat.processors import RDFParser, RDFSerializer
from ckanext.dcat.profiles import DCAT, DCT, VCARD

from ckanext.harbin_opendata.common import vocabulary
from ckanext.harbin_opendata.metadata.dcat.parse import phone_from_tel
from ckanext.harbin_opendata.metadata.dcat.serialize import tel_uri
from ckanext.harbin_opendata.metadata.dcat.terms import (
    ACCESS_RIGHTS, ADMS_LICENCE_TYPE, CSVW, DOMAIN_SCHEME, EU_ACCESS_RIGHT, EU_DATA_THEME, EU_FILE_TYPE,
    EU_FREQUENCY, FREQUENCY_URIS, HRB, HRB_DESENSITIZATION, HRB_DIVISION, HRB_DOMAIN, HRB_FORMAT,
    ITEM_DATATYPES,
)
from ckanext.harbin_opendata.tests.factories import Agency

EU_DATA_THEME_SCHEME = URIRef("http://publications.europa.eu/resource/authority/data-theme")

PROFILES = ["euro_dcat_ap_3", "harbin_dcat"]
DATASET_URI = "http://test.ckan.net/dataset/8f3c7a4e-0000-4000-8000-000000000001"

# Every field of a catalog entry that RDF carries (name is the site's own; owner_org needs a site).
HARBIN_FIELDS = [
    "title", "title_en", "notes", "resource_code", "data_domain", "data_items", "data_formats",
    "update_frequency", "last_updated", "next_update_due", "publish_date", "temporal_start",
    "temporal_end", "open_type", "open_conditions", "spatial_coverage", "contact_name", "contact_phone",
    "contact_email", "license_id", "related_codes", "desensitization_status",
]

DATA_ITEMS = [
    {"name": "统一社会信用代码", "type": "string", "description": "企业唯一代码",
     "example": "91230100MA0NP0DX7X"},
    {"name": "注册资本", "type": "number", "description": "登记的注册资本", "unit": "万元",
     "example": "500"},
    {"name": "成立日期", "type": "date"},
    {"name": "从业人数", "type": "integer", "unit": "人"},
    {"name": "经营范围", "type": "string", "description": "许可经营项目"},
]

ENTRY: dict[str, Any] = {
    "id": "8f3c7a4e-0000-4000-8000-000000000001",
    "name": "hrb-scjg-enterprise-registration",
    "type": "dataset",
    "title": "哈尔滨市企业登记信息",
    "title_en": "Harbin enterprise registration records",
    "notes": "全市各类市场主体的登记注册信息。",
    "resource_code": "301001/000001",
    "data_domain": "market_regulation",
    "data_items": DATA_ITEMS,
    "data_formats": ["CSV", "JSON", "API"],
    "update_frequency": "weekly",
    "last_updated": "2025-03-03",
    "next_update_due": "2025-03-10",
    "publish_date": "2024-01-15",
    "temporal_start": "2010-01-01",
    "temporal_end": "2024-12-31",
    "open_type": "conditional",
    "open_conditions": "须注册实名账号并签署数据使用协议。",
    "spatial_coverage": "哈尔滨市全市",
    "contact_name": "数据管理处",
    "contact_phone": "0451-86300000",
    "contact_email": "data@scjg.harbin.invalid",
    "license_id": "cc-by",
    "license_url": "http://www.opendefinition.org/licenses/cc-by",
    "license_title": "Creative Commons Attribution",
    "related_codes": ["301001/000002", "301001/000007"],
    "desensitization_status": "desensitized",
    "tags": [{"name": "企业"}, {"name": "登记注册"}],
    "metadata_created": "2024-01-15T08:00:00.000000",
    "metadata_modified": "2025-03-03T09:30:00.000000",
    "extras": [{"key": "uri", "value": DATASET_URI}],
    "resources": [],
}


def _graph(dataset: dict[str, Any]) -> tuple[Graph, URIRef]:
    serializer = RDFSerializer(profiles=PROFILES)
    return serializer.g, serializer.graph_from_dataset(copy.deepcopy(dataset))


def _parse(data: str, _format: str = "turtle") -> list[dict[str, Any]]:
    parser = RDFParser(profiles=PROFILES)
    parser.parse(data, _format=_format)
    return list(parser.datasets())


def _only(data: str, _format: str = "turtle") -> dict[str, Any]:
    datasets = _parse(data, _format)
    assert len(datasets) == 1
    return datasets[0]


def _fields(dataset: dict[str, Any]) -> dict[str, Any]:
    return {key: dataset[key] for key in HARBIN_FIELDS if dataset.get(key) not in (None, "", [])}


def _tags(dataset: dict[str, Any]) -> list[str]:
    return [tag["name"] for tag in dataset.get("tags", [])]


def _extra_keys(dataset: dict[str, Any]) -> set[str]:
    return {extra["key"] for extra in dataset.get("extras", [])}


def _round_trip(dataset: dict[str, Any], _format: str = "turtle") -> dict[str, Any]:
    serializer = RDFSerializer(profiles=PROFILES)
    return _only(serializer.serialize_dataset(copy.deepcopy(dataset), _format=_format), _format)


class TestSerialise:
    def setup_method(self):
        self.g, self.ref = _graph(ENTRY)

    def objects(self, predicate: URIRef, subject: Any = None) -> set[Any]:
        return set(self.g.objects(self.ref if subject is None else subject, predicate))

    def test_titles_and_abstract_carry_their_language(self):
        assert self.objects(DCT.title) == {Literal("哈尔滨市企业登记信息", lang="zh"),
                                           Literal("Harbin enterprise registration records", lang="en")}
        assert self.objects(DCT.description) == {Literal("全市各类市场主体的登记注册信息。", lang="zh")}

    def test_resource_code_is_the_only_identifier(self):
        assert self.objects(DCT.identifier) == {Literal("301001/000001")}

    def test_domain_is_a_theme_concept_with_labels(self):
        concept = HRB_DOMAIN.market_regulation
        assert self.objects(DCAT.theme) == {concept, EU_DATA_THEME.ECON}  # and its EU data theme
        assert (concept, RDF.type, SKOS.Concept) in self.g
        assert (concept, SKOS.inScheme, DOMAIN_SCHEME) in self.g
        assert self.objects(SKOS.prefLabel, concept) == {Literal("市场监管", lang="zh"),
                                                         Literal("Market regulation", lang="en")}
        assert self.objects(SKOS.notation, concept) == {Literal("market_regulation")}

    def test_frequency_is_the_eu_authority_uri(self):
        assert self.objects(DCT.accrualPeriodicity) == {EU_FREQUENCY.WEEKLY}

    def test_dates(self):
        # The entry's own dates replace metadata_created/metadata_modified.
        assert self.objects(DCT.issued) == {Literal("2024-01-15", datatype=XSD.date)}
        assert self.objects(DCT.modified) == {Literal("2025-03-03", datatype=XSD.date)}
        assert self.objects(HRB.nextUpdateDue) == {Literal("2025-03-10", datatype=XSD.date)}
        (period,) = self.objects(DCT.temporal)
        assert self.objects(DCAT.startDate, period) == {Literal("2010-01-01", datatype=XSD.date)}
        assert self.objects(DCAT.endDate, period) == {Literal("2024-12-31", datatype=XSD.date)}

    def test_access(self):
        # The EU access right says it all: no hrb:openType beside it any more.
        assert self.objects(DCT.accessRights) == {EU_ACCESS_RIGHT.RESTRICTED}
        assert self.objects(HRB.openType) == set()
        assert self.objects(HRB.openConditions) == {Literal("须注册实名账号并签署数据使用协议。", lang="zh")}

    def test_data_items_are_an_ordered_csvw_schema(self):
        (table_schema,) = self.objects(CSVW.tableSchema)
        (columns,) = self.objects(CSVW.column, table_schema)
        columns = list(Collection(self.g, columns))
        assert [str(self.g.value(c, CSVW.name)) for c in columns] == [i["name"] for i in DATA_ITEMS]
        capital = columns[1]
        assert self.g.value(capital, CSVW.datatype) == XSD.decimal
        assert self.g.value(capital, DCT.description) == Literal("登记的注册资本", lang="zh")
        assert self.g.value(capital, HRB.unit) == Literal("万元", lang="zh")
        assert self.g.value(capital, HRB.example) == Literal("500")  # a value, not text in a language
        assert self.g.value(capital, CSVW.name) == Literal("注册资本")  # the column's name
        assert self.g.value(capital, CSVW.titles) == Literal("注册资本", lang="zh")
        assert self.g.value(columns[2], HRB.unit) is None

    def test_codes_are_links(self):
        # API (接口) is no EU file type: a concept of the Harbin format scheme.
        assert self.objects(HRB.declaredFormat) == {EU_FILE_TYPE.CSV, EU_FILE_TYPE.JSON, HRB_FORMAT.API}
        assert self.objects(SKOS.prefLabel, HRB_FORMAT.API) == {Literal("接口", lang="zh"),
                                                                 Literal("API", lang="en")}
        assert self.objects(HRB.desensitizationStatus) == {HRB_DESENSITIZATION.desensitized}
        assert self.objects(DCAT.keyword) == {Literal("企业", lang="zh"), Literal("登记注册", lang="zh")}

    def test_related_codes_are_an_ordered_list(self):
        (codes,) = self.objects(HRB.relatedCodes)
        assert list(Collection(self.g, codes)) == [Literal("301001/000002"), Literal("301001/000007")]
        assert self.objects(HRB.relatedCode) == set()

    def test_spatial_coverage_is_a_division_and_the_text(self):
        # 哈尔滨市全市 names the city: its GB/T 2260 division, and the text as given.
        assert self.objects(DCT.spatial) == {HRB_DIVISION["230100"]}
        assert self.objects(HRB.spatialCoverage) == {Literal("哈尔滨市全市", lang="zh")}

    def test_one_contact_point_with_phone(self):
        (contact,) = self.objects(DCAT.contactPoint)
        assert {VCARD.Kind, VCARD.Organization} <= self.objects(RDF.type, contact)
        assert self.objects(VCARD.fn, contact) == {Literal("数据管理处", lang="zh")}
        assert self.objects(VCARD.hasEmail, contact) == {URIRef("mailto:data@scjg.harbin.invalid")}
        assert self.objects(VCARD.hasTelephone, contact) == {URIRef("tel:0451-86300000;phone-context=+86")}

    def test_license_of_an_entry_without_files_stays_on_the_dataset(self):
        # With distributions it is on each of them (test_dcat_links.py).
        document = URIRef("http://www.opendefinition.org/licenses/cc-by")
        assert self.objects(DCT.license) == {document}
        assert self.objects(DCT.identifier, document) == {Literal("cc-by")}
        assert self.objects(DCT.type, document) == {ADMS_LICENCE_TYPE.Attribution}

    def test_phone_without_name_or_email_gets_a_contact_point(self):
        entry = {k: v for k, v in ENTRY.items() if k not in ("contact_name", "contact_email")}
        g, ref = _graph(entry)
        (contact,) = g.objects(ref, DCAT.contactPoint)
        assert set(g.objects(contact, VCARD.hasTelephone)) == {tel_uri("0451-86300000")}

    def test_absent_fields_write_nothing(self):
        entry = {"id": ENTRY["id"], "name": "x", "title": "标题", "notes": "摘要",
                 "metadata_created": "2024-01-15T08:00:00", "metadata_modified": "2024-02-01T08:00:00"}
        g, ref = _graph(entry)
        for predicate in (DCAT.theme, DCT.accrualPeriodicity, DCT.accessRights, CSVW.tableSchema,
                          HRB.declaredFormat, HRB.relatedCodes, HRB.openType, HRB.nextUpdateDue,
                          DCT.spatial, DCAT.contactPoint, DCT.license):
            assert list(g.objects(ref, predicate)) == [], predicate
        # DCAT-AP's own values stay when the entry has none.
        assert set(g.objects(ref, DCT.identifier)) == {Literal(ENTRY["id"])}
        assert set(g.objects(ref, DCT.issued)) == {Literal("2024-01-15T08:00:00", datatype=XSD.dateTime)}


class TestParse:
    @pytest.mark.parametrize("_format", ["turtle", "xml", "json-ld", "nt"])
    def test_every_field_comes_back(self, _format):
        parsed = _round_trip(ENTRY, _format)
        assert _fields(parsed) == _fields(ENTRY)
        assert _tags(parsed) == ["企业", "登记注册"]

    def test_consumed_extras_are_dropped(self):
        # Nothing is stored twice: the values live in the Harbin fields.
        parsed = _round_trip(ENTRY)
        assert _extra_keys(parsed) == {"uri", "homepage"}
        # DCAT-AP's structures for schemas with such fields; package_create would refuse them.
        assert not {"contact", "publisher", "creator"} & set(parsed)

    def test_data_item_order_is_kept(self):
        items = [{"name": f"字段{n}", "type": "string"} for n in (9, 3, 7, 1, 8, 2, 6, 4, 5, 0)]
        assert _round_trip(dict(ENTRY, data_items=items))["data_items"] == items

    def test_related_codes_come_back_in_their_order(self):
        codes = ["301001/000009", "301001/000002", "301001/000005"]
        assert _round_trip(dict(ENTRY, related_codes=codes))["related_codes"] == codes

    def test_data_formats_in_vocabulary_order(self):
        # Stored in vocabulary order (harbin_formats), so the set in RDF comes back the same.
        assert _round_trip(dict(ENTRY, data_formats=["CSV", "XLSX", "JSON", "ZIP"]))["data_formats"] == \
            ["CSV", "XLSX", "JSON", "ZIP"]

    @pytest.mark.parametrize("code", [t.value for t in vocabulary.DOMAINS])
    def test_each_domain(self, code):
        assert _round_trip(dict(ENTRY, data_domain=code))["data_domain"] == code

    @pytest.mark.parametrize("code", [t.value for t in vocabulary.FREQUENCIES])
    def test_each_frequency(self, code):
        assert _round_trip(dict(ENTRY, update_frequency=code))["update_frequency"] == code

    @pytest.mark.parametrize("code", [t.value for t in vocabulary.ITEM_TYPES])
    def test_each_item_type(self, code):
        items = [{"name": "数据项", "type": code}]
        assert _round_trip(dict(ENTRY, data_items=items))["data_items"] == items

    @pytest.mark.parametrize("code", [t.value for t in vocabulary.DESENSITIZATION])
    def test_each_desensitization_status(self, code):
        assert _round_trip(dict(ENTRY, desensitization_status=code))["desensitization_status"] == code

    def test_unconditional_without_conditions(self):
        parsed = _round_trip(dict(ENTRY, open_type="unconditional", open_conditions=""))
        assert parsed["open_type"] == "unconditional"
        assert "open_conditions" not in parsed

    @pytest.mark.parametrize("phone", ["0451-86300000", "13800000000", "12345", "+86-451-86300000",
                                       "（0451）8630 0000", "0451-86300000-123"])
    def test_phone(self, phone):
        assert phone_from_tel(str(tel_uri(phone))) == phone
        assert _round_trip(dict(ENTRY, contact_phone=phone))["contact_phone"] == phone

    def test_license_without_url(self):
        entry = dict(ENTRY, license_id="notspecified", license_url="", license_title="License not specified")
        assert _round_trip(entry)["license_id"] == "notspecified"

    def test_entry_without_dates_gains_none(self):
        # dct:issued/modified then hold metadata_created/modified (date and time), not entry dates.
        entry = {k: v for k, v in ENTRY.items()
                 if k not in ("publish_date", "last_updated", "next_update_due")}
        parsed = _round_trip(entry)
        assert not {"publish_date", "last_updated", "next_update_due"} & set(parsed)
        assert {"issued", "modified"} <= _extra_keys(parsed)


class TestVocabularies:
    def test_every_code_has_a_uri(self):
        assert set(FREQUENCY_URIS) == {t.value for t in vocabulary.FREQUENCIES}
        assert set(ITEM_DATATYPES) == {t.value for t in vocabulary.ITEM_TYPES}
        assert set(ACCESS_RIGHTS) == {t.value for t in vocabulary.OPEN_TYPES}

    def test_uris_are_distinct(self):
        assert len(set(FREQUENCY_URIS.values())) == len(FREQUENCY_URIS)
        assert len(set(ITEM_DATATYPES.values())) == len(ITEM_DATATYPES)
        assert ACCESS_RIGHTS == {"unconditional": EU_ACCESS_RIGHT.PUBLIC,
                                 "conditional": EU_ACCESS_RIGHT.RESTRICTED}

    def test_realtime_and_semiannual(self):
        assert FREQUENCY_URIS["realtime"] == URIRef(
            "http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT")
        assert FREQUENCY_URIS["semiannual"] == URIRef(
            "http://publications.europa.eu/resource/authority/frequency/BIANNUAL")


FOREIGN = """
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .

<https://example.org/catalog> a dcat:Catalog ; dcat:dataset <https://example.org/dataset/air> .
<https://example.org/dataset/air> a dcat:Dataset ;
    dct:title "Air quality" ;
    dct:description "Hourly air quality readings." ;
    dct:identifier "6c1b2f0e-air" ;
    dct:issued "2023-05-01T10:00:00"^^xsd:dateTime ;
    dct:accrualPeriodicity <http://publications.europa.eu/resource/authority/frequency/BIENNIAL> ;
    dct:accessRights <http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC> ;
    dcat:theme <http://publications.europa.eu/resource/authority/data-theme/ENVI> ;
    dct:spatial <http://sws.geonames.org/2037013/> ;
    dcat:keyword "air" ;
    dcat:contactPoint [ a vcard:Organization ; vcard:fn "Air office" ] .
"""


class TestForeignGraphs:
    def test_without_harbin_triples_no_harbin_fields(self):
        parsed = _only(FOREIGN)
        assert _fields(parsed) == {"title": "Air quality", "notes": "Hourly air quality readings.",
                                   "contact_name": "Air office"}
        # DCAT-AP keeps what it read; nothing was taken away.
        extras = {e["key"]: e["value"] for e in parsed["extras"]}
        assert extras["identifier"] == "6c1b2f0e-air"
        assert extras["frequency"] == "http://publications.europa.eu/resource/authority/frequency/BIENNIAL"
        assert extras["issued"] == "2023-05-01T10:00:00"
        assert extras["access_rights"] == \
            "http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC"
        assert extras["theme"] == '["http://publications.europa.eu/resource/authority/data-theme/ENVI"]'

    def test_other_spellings(self):
        graph = """
        @prefix dcat: <http://www.w3.org/ns/dcat#> .
        @prefix dct: <http://purl.org/dc/terms/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
        @prefix csvw: <http://www.w3.org/ns/csvw#> .
        @prefix hrb: <https://data.harbin.gov.cn/ns/catalog#> .

        <https://example.org/dataset/bus> a dcat:Dataset ;
            dct:title "公交线路"@zh-Hans, "Bus lines"@en ;
            dct:identifier "201002003/000042" ;
            dct:issued "2022-07-01" ;
            dct:accrualPeriodicity <http://purl.org/cld/freq/semiannual> ;
            dct:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC> ;
            dcat:theme <http://publications.europa.eu/resource/authority/data-theme/TRAN>,
                       <https://data.harbin.gov.cn/ns/domain/transport> ;
            hrb:declaredFormat "csv", "geojson", "DOC" ;
            dcat:contactPoint [ vcard:hasTelephone [ vcard:hasValue "0451-12345678" ] ] ;
            csvw:tableSchema [ csvw:column [ csvw:titles "线路名称" ; csvw:datatype "string" ] ] .
        """
        parsed = _only(graph)
        assert _fields(parsed) == {
            "title": "公交线路", "title_en": "Bus lines", "resource_code": "201002003/000042",
            "publish_date": "2022-07-01", "update_frequency": "semiannual", "open_type": "unconditional",
            "data_domain": "transport", "data_formats": ["CSV", "GeoJSON"],
            "contact_phone": "0451-12345678", "data_items": [{"name": "线路名称", "type": "string"}],
        }
        extras = {e["key"]: e["value"] for e in parsed["extras"]}
        # TRAN is the EU theme of the transport domain: written again from it, not kept twice.
        assert not {"identifier", "issued", "access_rights", "frequency", "theme"} & set(extras)

    def test_unknown_codes_are_not_taken(self):
        graph = """
        @prefix dcat: <http://www.w3.org/ns/dcat#> .
        @prefix dct: <http://purl.org/dc/terms/> .
        @prefix hrb: <https://data.harbin.gov.cn/ns/catalog#> .
        <https://example.org/dataset/x> a dcat:Dataset ;
            dct:title "X" ;
            dcat:theme <https://data.harbin.gov.cn/ns/domain/astrology> ;
            hrb:openType "sometimes" ;
            hrb:desensitizationStatus "maybe" .
        """
        parsed = _only(graph)
        assert not {"data_domain", "open_type", "desensitization_status"} & set(parsed)

    def test_catalog_of_several_entries(self):
        serializer = RDFSerializer(profiles=PROFILES)
        other = dict(ENTRY, id="8f3c7a4e-0000-4000-8000-000000000002", resource_code="301001/000002",
                     data_domain="health", extras=[])
        text = serializer.serialize_catalog({}, dataset_dicts=[copy.deepcopy(ENTRY), other],
                                            _format="turtle")
        parsed = sorted(_parse(text), key=lambda d: d["resource_code"])
        assert [(d["resource_code"], d["data_domain"]) for d in parsed] == \
            [("301001/000001", "market_regulation"), ("301001/000002", "health")]
        assert [_fields(d) for d in parsed] == [_fields(ENTRY), _fields(other)]
        g = Graph().parse(data=text, format="turtle")
        (catalog,) = g.subjects(RDF.type, DCAT.Catalog)
        assert set(g.objects(catalog, DCAT.themeTaxonomy)) == {DOMAIN_SCHEME, EU_DATA_THEME_SCHEME}


# Through CKAN: the action API, the scheming schema, the DCAT endpoints.

def _new_entry(agency: dict[str, Any], **fields: Any) -> dict[str, Any]:
    skip = {"id", "type", "metadata_created", "metadata_modified", "extras", "resources", "license_url",
            "license_title"}
    data = {key: copy.deepcopy(value) for key, value in ENTRY.items() if key not in skip}
    return dict(data, owner_org=agency["id"], **fields)


def _rdf(app: Any, url: str, token: str = "") -> str:
    response = app.get(url, headers={"Authorization": token} if token else {}, status=200)
    return response.body


def _publish(entry: dict[str, Any], submitter: dict[str, Any]) -> None:
    """Publish through the review workflow (reviewed by a second sysadmin) if entries start private."""
    if not entry.get("private"):
        return
    call_action("harbin_review_submit", context={"user": submitter["name"]}, id=entry["id"])
    call_action("harbin_review_publish", context={"user": factories.Sysadmin()["name"]}, id=entry["id"])


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestThroughCkan:
    @pytest.fixture(autouse=True)
    def _setup(self, with_plugins, clean_db):
        self.sysadmin = factories.SysadminWithToken(password="Harbin-Catalog-2026")  # CKAN's default fails the password policy
        self.agency = Agency(title="哈尔滨市市场监督管理局", credit_code="1123010084EH9J1G2L")

    def create(self, **data: Any) -> dict[str, Any]:
        created = call_action("package_create", context={"user": self.sysadmin["name"]}, **data)
        return call_action("package_show", id=created["id"])

    def test_dataset_ttl_carries_every_field(self, app):
        shown = self.create(**_new_entry(self.agency))
        text = _rdf(app, f"/dataset/{shown['name']}.ttl", self.sysadmin["token"])

        g = Graph().parse(data=text, format="turtle")
        (ref,) = g.subjects(RDF.type, DCAT.Dataset)
        assert set(g.objects(ref, DCT.identifier)) == {Literal("301001/000001")}
        assert set(g.objects(ref, DCAT.theme)) == {HRB_DOMAIN.market_regulation, EU_DATA_THEME.ECON}
        assert set(g.objects(ref, DCT.accrualPeriodicity)) == {EU_FREQUENCY.WEEKLY}
        assert set(g.objects(ref, HRB.declaredFormat)) == {EU_FILE_TYPE.CSV, EU_FILE_TYPE.JSON, HRB_FORMAT.API}
        (publisher,) = g.objects(ref, DCT.publisher)
        assert set(g.objects(publisher, DCT.identifier)) == {Literal("1123010084EH9J1G2L")}

        parsed = _only(text)
        assert _fields(parsed) == _fields(shown) == _fields(ENTRY)
        assert _tags(parsed) == _tags(shown)
        assert parsed["owner_org"] == self.agency["name"]

    def test_round_trip_parse_create_serialise_parse(self, app):
        graph, ref = _graph(ENTRY)
        publisher = URIRef("https://example.org/agency/scjgj")
        graph.add((ref, DCT.publisher, publisher))
        graph.add((publisher, DCT.identifier, Literal("1123010084EH9J1G2L")))
        first = _only(graph.serialize(format="turtle"))
        assert _fields(first) == _fields(ENTRY)
        assert first["owner_org"] == self.agency["name"]
        assert not _extra_keys(first) & {"publisher_uri", "publisher_identifier"}

        shown = self.create(name="hrb-round-trip", **{k: v for k, v in first.items() if k != "name"})
        assert _fields(shown) == _fields(first)
        assert shown["owner_org"] == self.agency["id"]

        second = _only(_rdf(app, "/dataset/hrb-round-trip.ttl", self.sysadmin["token"]))
        assert _fields(second) == _fields(first)
        assert _tags(second) == _tags(first) == ["企业", "登记注册"]
        assert second["owner_org"] == first["owner_org"]
        assert _extra_keys(second) == _extra_keys(first)

    def test_rdf_xml_endpoint(self, app):
        shown = self.create(**_new_entry(self.agency, resource_code="301001/000003"))
        parsed = _only(_rdf(app, f"/dataset/{shown['name']}.rdf", self.sysadmin["token"]), "xml")
        assert _fields(parsed) == _fields(shown)

    def test_catalog_ttl_lists_published_entries(self, app):
        shown = self.create(**_new_entry(self.agency, update_frequency="realtime",
                                         next_update_due="2025-03-04"))
        _publish(shown, self.sysadmin)
        text = _rdf(app, "/catalog.ttl")

        g = Graph().parse(data=text, format="turtle")
        (catalog,) = g.subjects(RDF.type, DCAT.Catalog)
        assert set(g.objects(catalog, DCAT.themeTaxonomy)) == {DOMAIN_SCHEME, EU_DATA_THEME_SCHEME}
        assert (DOMAIN_SCHEME, RDF.type, SKOS.ConceptScheme) in g
        (parsed,) = _parse(text)
        assert parsed["update_frequency"] == "realtime"
        # as the public reads it: a conditional entry's data items without their examples (values of its files)
        assert _fields(parsed) == _fields(call_action("package_show", context={"user": "", "ignore_auth": False},
                                                      id=shown["id"]))

    def test_minimal_entry(self, app):
        data = {key: ENTRY[key] for key in ("title", "notes", "resource_code", "data_domain",
                                            "data_formats", "update_frequency", "open_type",
                                            "desensitization_status")} | {"open_type": "unconditional"}
        shown = self.create(name="hrb-minimal", owner_org=self.agency["id"],
                            data_items=[{"name": "企业名称", "type": "string"}], **data)
        parsed = _only(_rdf(app, "/dataset/hrb-minimal.ttl", self.sysadmin["token"]))
        assert _fields(parsed) == _fields(shown)
        assert not {"publish_date", "last_updated", "title_en", "contact_phone"} & set(parsed)
