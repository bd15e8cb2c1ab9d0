"""The DCAT harvester: Turtle, RDF/XML and JSON-LD catalogs with Hydra paging, read with the
harbin_dcat profile; hostile and broken XML refused."""
from __future__ import annotations

import copy

import pytest

import ckan.model as model
from ckanext.dcat.processors import RDFSerializer

from ckanext.harbin_opendata.harvest.harvesters.rdfread import refuse_hostile_xml

from . import samples
from ..http_server import Route
from .conftest import entries, review_state

PROFILES = ["euro_dcat_ap_3", "harbin_dcat"]
MEDIA = {"turtle": "text/turtle", "xml": "application/rdf+xml", "json-ld": "application/ld+json"}


def _entry(row, agency, number):
    return {
        "id": f"8f3c7a4e-0000-4000-8000-00000000000{number}", "name": f"entry-{number}", "type": "dataset",
        "title": row["资源名称"], "notes": row["资源摘要"], "resource_code": row["资源代码"],
        "data_domain": {"市场监管": "market_regulation", "行政许可": "administrative_licensing",
                        "卫生健康": "health", "交通": "transport"}[row["数据领域"]],
        "data_items": [{"name": name, "type": "string"} for name in row["数据项"].split("、")][:2],
        "data_formats": ["CSV"], "update_frequency": "monthly", "open_type": "unconditional",
        "desensitization_status": "not_required", "organization": {"id": agency["id"]},
        "owner_org": agency["id"], "tags": [{"name": "开放数据"}],
        "extras": [{"key": "uri", "value": f"https://old.harbin.invalid/dataset/{number}"}],
        "resources": [{"id": f"res-{number}", "url": row["下载地址"], "format": "CSV", "name": row["资源名称"],
                       "uri": f"https://old.harbin.invalid/dataset/{number}/resource/1"}],
    }


def _catalog(harbin, rows, _format, page=None, pages=None, base="", count=4):
    keys = {"哈尔滨市市场监督管理局": "scjg", "哈尔滨市卫生健康委员会": "wjw", "哈尔滨市交通运输局": "jtj"}
    codes = [row[2] for row in samples.ROWS]  # a record keeps its URI on whichever page it is
    datasets = [_entry(row, harbin.agencies[keys[row["提供单位"]]], codes.index(row["资源代码"]) + 1)
                for row in samples.rows_for(rows)]
    paging = None
    if page:
        paging = {"count": count, "items_per_page": 2, "current": f"{base}?page={page}",
                  "first": f"{base}?page=1", "last": f"{base}?page={pages}",
                  "next": f"{base}?page={page + 1}" if page < pages else None,
                  "previous": f"{base}?page={page - 1}" if page > 1 else None}
    out = RDFSerializer(profiles=PROFILES).serialize_catalog(
        {"title": "哈尔滨市旧开放平台"}, copy.deepcopy(datasets), _format=_format, pagination_info=paging)
    return out.encode("utf-8") if isinstance(out, str) else out


@pytest.mark.parametrize("_format", ["turtle", "xml", "json-ld"])
def test_each_serialization(harbin, server, _format):
    server.routes["/catalog"] = Route(_catalog(harbin, samples.ROWS, _format), content_type=MEDIA[_format])
    source = harbin.source("old-dcat", server.url + "/catalog", "harbin_dcat")
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"created": 4}, summary
    found = entries()
    assert [p.extras["resource_code"] for p in found][0] == "301001/000001"
    assert [p.owner_org for p in found] == [harbin.agencies[k]["id"] for k in ("scjg", "scjg", "wjw", "jtj")]
    assert found[2].extras["data_domain"] == "health"
    assert review_state(found[0].id) == "submitted"


@pytest.mark.ckan_config("ckanext.harbin_opendata.harvest.withdraw_hold_percent", "50")  # 1 of 3 or 4 gone
def test_hydra_pages_reharvest_and_withdrawal(harbin, server):
    base = server.url + "/catalog.ttl"
    for page, rows in ((1, samples.ROWS[:2]), (2, samples.ROWS[2:])):
        server.routes[f"/catalog.ttl?page={page}"] = Route(
            _catalog(harbin, rows, "turtle", page, 2, base), content_type="text/turtle")
    server.routes["/catalog.ttl"] = server.routes["/catalog.ttl?page=1"]
    source = harbin.source("old-dcat", base, "harbin_dcat")
    assert harbin.run(source["id"])["counts"] == {"created": 4}
    assert harbin.run(source["id"])["counts"] == {"unchanged": 4}
    short = _catalog(harbin, samples.ROWS[2:3], "turtle", 2, 2, base)  # hydra:totalItems still 4
    server.routes["/catalog.ttl?page=2"] = Route(short, content_type="text/turtle")
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"unchanged": 3} and "称有 4 条记录，但只列出了 3 条" in summary["gather_errors"][0]
    server.routes["/catalog.ttl?page=2"] = Route(_catalog(harbin, samples.ROWS[2:3], "turtle", 2, 2, base, count=3),
                                                 content_type="text/turtle")
    assert harbin.run(source["id"])["counts"] == {"unchanged": 3, "withdrawn": 1}
    gone = entries()[3]
    assert gone.state == "active" and review_state(gone.id) == "withdrawn"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/"
  xmlns:dcat="http://www.w3.org/ns/dcat#">
<dcat:Dataset rdf:about="https://old.harbin.invalid/dataset/x"><dct:title>&lol3;</dct:title></dcat:Dataset>
</rdf:RDF>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/"
  xmlns:dcat="http://www.w3.org/ns/dcat#">
<dcat:Dataset rdf:about="https://old.harbin.invalid/dataset/x"><dct:title>&secret;</dct:title></dcat:Dataset>
</rdf:RDF>"""


@pytest.mark.parametrize("body, fragment", [
    (BILLION_LAUGHS, "Entities"),
    (EXTERNAL_ENTITY, "Entities"),
    (b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><dcat:Dataset>", "XML"),
], ids=["entity-expansion", "external-entity", "invalid-xml"])
def test_hostile_or_broken_xml_is_refused_and_changes_nothing(harbin, server, body, fragment):
    server.routes["/catalog.rdf"] = Route(_catalog(harbin, samples.ROWS, "xml"), content_type=MEDIA["xml"])
    source = harbin.source("old-dcat", server.url + "/catalog.rdf", "harbin_dcat")
    harbin.run(source["id"])
    before = {p.id: (p.metadata_modified, review_state(p.id)) for p in entries()}
    server.routes["/catalog.rdf"] = Route(body, content_type=MEDIA["xml"])
    summary = harbin.run(source["id"])
    assert summary["counts"] == {}
    assert any(fragment in message for message in summary["gather_errors"]), summary
    model.Session.expire_all()
    assert {p.id: (p.metadata_modified, review_state(p.id)) for p in entries()} == before


def test_refusal_only_concerns_xml():
    assert refuse_hostile_xml(b"@prefix dct: <http://purl.org/dc/terms/> .") is None
    assert refuse_hostile_xml(EXTERNAL_ENTITY) is not None


@pytest.mark.ckan_config("ckanext.harbin_opendata.harvest.timeout", "1")
def test_http_error_and_timeout(harbin, server):
    server.routes["/down"] = Route(b"", status=500)
    server.routes["/slow"] = Route(_catalog(harbin, samples.ROWS, "turtle"), content_type="text/turtle", delay=2)
    down = harbin.source("down", server.url + "/down", "harbin_dcat")
    slow = harbin.source("slow", server.url + "/slow", "harbin_dcat")
    assert "500" in harbin.run(down["id"])["gather_errors"][0]
    summary = harbin.run(slow["id"])
    assert summary["counts"] == {} and "1.0" in summary["gather_errors"][0]
