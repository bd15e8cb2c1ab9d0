"""DCAT as other portals publish it: DCAT-AP with EU file-type and IANA URIs and xsd:dateTime dates,
JSON-LD with a remote @context, DCAT-US data.json with HTML descriptions; every download within
the source's own time and size limits."""
from __future__ import annotations

import json
import time

import pytest

import ckan.plugins.toolkit as tk

from ..http_server import Route
from .conftest import entries

EU = "http://publications.europa.eu/resource/authority"
DCAT_AP = f"""@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .

<https://data.example.eu/catalog> a dcat:Catalog ; dct:title "Open data of the city"@en ;
  dcat:dataset <https://data.example.eu/dataset/bus-stops>, <https://data.example.eu/dataset/budget> .

<https://data.example.eu/dataset/bus-stops> a dcat:Dataset ;
  dct:title "Bus stops"@en ; dct:description "<p>All bus stops of the city.</p><p>Updated monthly.</p>"@en ;
  dct:identifier "bus-stops" ;
  dct:issued "2021-03-04T10:20:30"^^xsd:dateTime ; dct:modified "2024-11-02T08:00:00+01:00"^^xsd:dateTime ;
  dct:accrualPeriodicity <{EU}/frequency/MONTHLY> ; dct:accessRights <{EU}/access-right/PUBLIC> ;
  dcat:theme <{EU}/data-theme/TRAN> ; dcat:keyword "transport"@en, "bus"@en ;
  dcat:contactPoint [ a vcard:Organization ; vcard:fn "Transit office" ; vcard:hasEmail <mailto:open@transit.example.eu> ] ;
  dcat:distribution <https://data.example.eu/dataset/bus-stops/csv> .
<https://data.example.eu/dataset/bus-stops/csv> a dcat:Distribution ; dct:title "Bus stops (CSV)" ;
  dct:format <{EU}/file-type/CSV> ; dcat:mediaType <http://www.iana.org/assignments/media-types/text/csv> ;
  dcat:downloadURL <https://data.example.eu/files/bus-stops.csv> .

<https://data.example.eu/dataset/budget> a dcat:Dataset ;
  dct:title "Budget 2024"@en ; dct:description "The city budget."@en ; dct:identifier "budget-2024" ;
  dct:issued "2024-01-15"^^xsd:date ; dct:accrualPeriodicity <{EU}/frequency/ANNUAL> ;
  dcat:theme <{EU}/data-theme/ECON> ; dct:accessRights <{EU}/access-right/PUBLIC> ;
  dcat:distribution <https://data.example.eu/dataset/budget/xls> .
<https://data.example.eu/dataset/budget/xls> a dcat:Distribution ; dct:title "Budget (Excel)" ;
  dcat:mediaType <http://www.iana.org/assignments/media-types/application/vnd.ms-excel> ;
  dcat:accessURL <https://data.example.eu/files/budget.xls> .
"""
# Until data items can be drafted from the files, the foreign catalogs get one from the source.
DEFAULTS = {"defaults": {"data_items": "名称", "desensitization_status": "not_required"},
            "resource_code_prefix": "399001"}


def _show(harbin, title):
    package = next(p for p in entries() if p.title == title)
    return tk.get_action("package_show")({"user": harbin.sysadmin}, {"id": package.id})


def test_dcat_ap_with_eu_and_iana_uris_and_datetimes(harbin, server):
    server.routes["/catalog.ttl"] = Route(DCAT_AP.encode(), content_type="text/turtle")
    source = harbin.source("eu-city", server.url + "/catalog.ttl", "harbin_dcat", json.dumps(DEFAULTS))
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"created": 2}, summary
    bus = _show(harbin, "Bus stops")
    assert bus["data_formats"] == ["CSV"] and bus["resources"][0]["format"] == "CSV"
    assert (bus["update_frequency"], bus["open_type"], bus["data_domain"]) == ("monthly", "unconditional", "transport")
    assert (bus["publish_date"], bus["last_updated"]) == ("2021-03-04", "2024-11-02")
    assert bus["notes"] == "All bus stops of the city.\nUpdated monthly."
    assert (bus["contact_name"], bus["contact_email"]) == ("Transit office", "open@transit.example.eu")
    budget = _show(harbin, "Budget 2024")
    assert budget["data_formats"] == ["XLS"] and budget["resources"][0]["url"] == "https://data.example.eu/files/budget.xls"
    assert (budget["update_frequency"], budget["publish_date"], budget["data_domain"]) == ("annual", "2024-01-15", "finance_tax")


JSONLD = {
    "@graph": [{"@id": "https://data.example.eu/dataset/bus-stops", "@type": "Dataset", "title": "Bus stops",
                "description": "All bus stops.", "identifier": "bus-stops",
                "accrualPeriodicity": {"@id": f"{EU}/frequency/MONTHLY"},
                "accessRights": {"@id": f"{EU}/access-right/PUBLIC"}, "theme": {"@id": f"{EU}/data-theme/TRAN"},
                "distribution": {"@type": "Distribution", "format": {"@id": f"{EU}/file-type/JSON"},
                                 "downloadURL": {"@id": "https://data.example.eu/files/bus-stops.json"}}}],
}
CONTEXT = {"@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                        "Dataset": "dcat:Dataset", "Distribution": "dcat:Distribution", "title": "dct:title",
                        "description": "dct:description", "identifier": "dct:identifier",
                        "accrualPeriodicity": "dct:accrualPeriodicity", "accessRights": "dct:accessRights",
                        "theme": "dcat:theme", "format": "dct:format", "distribution": "dcat:distribution",
                        "downloadURL": "dcat:downloadURL"}}


def test_remote_jsonld_context_is_never_fetched_unless_allowed(harbin, server):
    context_url = server.url + "/ns/dcat-context.jsonld"
    server.routes["/ns/dcat-context.jsonld"] = Route(json.dumps(CONTEXT).encode(), content_type="application/ld+json")
    server.routes["/catalog.jsonld"] = Route(json.dumps({"@context": context_url, **JSONLD}).encode(),
                                             content_type="application/ld+json")
    source = harbin.source("jsonld", server.url + "/catalog.jsonld", "harbin_dcat", json.dumps(DEFAULTS))
    summary = harbin.run(source["id"])
    assert summary["counts"] == {} and context_url in summary["gather_errors"][0]
    assert "jsonld_contexts" in summary["gather_errors"][0] and "未予获取" in summary["gather_errors"][0]
    assert not any("dcat-context" in path for path in server.requests)

    allowed = {**DEFAULTS, "jsonld_contexts": [context_url]}
    tk.get_action("harvest_source_patch")({"user": harbin.sysadmin}, {"id": source["id"], "config": json.dumps(allowed)})
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"created": 1}, summary
    assert _show(harbin, "Bus stops")["data_formats"] == ["JSON"]
    assert sum("dcat-context" in path for path in server.requests) == 1


def test_allowed_context_is_read_within_the_source_limits(harbin, server):
    context_url = server.url + "/ns/huge.jsonld"
    server.routes["/ns/huge.jsonld"] = Route(b"{" + b" " * (2 << 20) + b"}", content_type="application/ld+json")
    server.routes["/catalog.jsonld"] = Route(json.dumps({"@context": context_url, **JSONLD}).encode(),
                                             content_type="application/ld+json")
    config = {**DEFAULTS, "jsonld_contexts": [context_url], "max_size_mb": 1}
    source = harbin.source("jsonld", server.url + "/catalog.jsonld", "harbin_dcat", json.dumps(config))
    summary = harbin.run(source["id"])
    assert summary["counts"] == {} and "huge.jsonld 超过 1.0 MB" in summary["gather_errors"][0]


def test_the_source_timeout_applies(harbin, server):
    server.routes["/slow.ttl"] = Route(DCAT_AP.encode(), content_type="text/turtle", delay=3)
    source = harbin.source("slow", server.url + "/slow.ttl", "harbin_dcat", json.dumps({**DEFAULTS, "timeout": 1}))
    started = time.monotonic()
    summary = harbin.run(source["id"])
    assert time.monotonic() - started < 3
    assert summary["counts"] == {} and "slow.ttl 在 1.0 秒内没有响应" in summary["gather_errors"][0]


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "streamed"])
def test_the_source_size_limit_applies(harbin, server, declared):
    padding = "# " + "x" * 1000 + "\n"

    def fifty_megabytes(handler, route):
        for _ in range(50 * 1024):
            handler.wfile.write(padding.encode())
            route.sent += len(padding)

    headers = {"Content-Length": str(50 * 1024 * len(padding))} if declared else {"Connection": "close"}
    server.routes["/big.ttl"] = Route(fifty_megabytes, content_type="text/turtle", headers=headers)
    source = harbin.source("big", server.url + "/big.ttl", "harbin_dcat", json.dumps({**DEFAULTS, "max_size_mb": 1}))
    summary = harbin.run(source["id"])
    assert summary["counts"] == {} and "big.ttl 超过 1.0 MB" in summary["gather_errors"][0]
    assert server.routes["/big.ttl"].sent < 20 << 20  # stopped long before 50 MB


DATA_JSON = {
    "@type": "dcat:Catalog", "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
    "dataset": [
        {"@type": "dcat:Dataset", "identifier": "https://hub.arcgis.example/datasets/parks",
         "title": "City Parks",
         "description": "<div style='font-family:Arial'><p>Parks of the city.</p><p>Maintained by <b>Parks</b>.</p></div>",
         "keyword": ["parks", "recreation"], "modified": "2024-05-06T07:08:09.000Z", "issued": "2019-02-03T00:00:00.000Z",
         "publisher": {"name": "哈尔滨市交通运输局"}, "accessLevel": "public", "accrualPeriodicity": "R/P1M",
         "theme": ["Recreation"],
         "contactPoint": {"@type": "vcard:Contact", "fn": "Parks Office", "hasEmail": "mailto:parks@city.example"},
         "distribution": [
             {"@type": "dcat:Distribution", "title": "CSV", "format": "CSV", "mediaType": "text/csv",
              "downloadURL": "https://hub.arcgis.example/datasets/parks.csv"},
             {"@type": "dcat:Distribution", "title": "GeoJSON", "mediaType": "application/vnd.geo+json",
              "accessURL": "https://hub.arcgis.example/datasets/parks.geojson"}]},
    ],
}


def test_dcat_us_data_json(harbin, server):
    server.routes["/data.json"] = Route(json.dumps(DATA_JSON).encode(), content_type="application/json")
    config = {"preset": "dcat_us", **DEFAULTS, "value_maps": {"data_domain": {"Recreation": "文化旅游"}}}
    source = harbin.source("arcgis", server.url + "/data.json", "harbin_json_api", json.dumps(config))
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"created": 1}, summary
    parks = _show(harbin, "City Parks")
    assert parks["notes"] == "Parks of the city.\nMaintained by Parks."
    assert (parks["open_type"], parks["update_frequency"], parks["data_domain"]) == (
        "unconditional", "monthly", "culture_tourism")
    assert parks["data_formats"] == ["CSV", "GeoJSON"] and parks["owner_org"] == harbin.agencies["jtj"]["id"]
    assert [(r["url"], r["format"]) for r in parks["resources"]] == [
        ("https://hub.arcgis.example/datasets/parks.csv", "CSV"),
        ("https://hub.arcgis.example/datasets/parks.geojson", "GeoJSON")]
    assert (parks["last_updated"], parks["publish_date"], parks["contact_email"]) == (
        "2024-05-06", "2019-02-03", "parks@city.example")
