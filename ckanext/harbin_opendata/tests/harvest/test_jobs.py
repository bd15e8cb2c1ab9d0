"""No stuck jobs: every failure finishes the job with a message naming the address and the cause;
`ckan harbin harvest run` recovers a job left stalled; a job stops at its timeout."""
from __future__ import annotations

import datetime as dt
import re

import pytest

import ckan.model as model
from ckan.cli.cli import ckan
from ckanext.harvest.model import HarvestJob, HarvestObject

from . import samples
from ..http_server import Route
from .conftest import entries
from .test_dcat import _catalog

CSW_PAGE = b"""<?xml version="1.0" encoding="UTF-8"?>
<csw:GetRecordsResponse xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" version="2.0.2">
  <csw:SearchStatus timestamp="2025-03-01T08:00:00"/>
  <csw:SearchResults numberOfRecordsMatched="1" numberOfRecordsReturned="1" nextRecord="0">
    <csw:Record><dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">Roads</dc:title></csw:Record>
  </csw:SearchResults>
</csw:GetRecordsResponse>"""


def _jobs(source_id):
    model.Session.expire_all()
    return model.Session.query(HarvestJob).filter(HarvestJob.source_id == source_id).order_by(HarvestJob.created).all()


def _hydra(harbin, server, page_two):
    base = server.url + "/catalog.ttl"
    server.routes["/catalog.ttl"] = Route(_catalog(harbin, samples.ROWS[:2], "turtle", 1, 2, base),
                                          content_type="text/turtle")
    server.routes["/catalog.ttl?page=2"] = page_two
    return base


@pytest.mark.parametrize("page_two, fragment", [
    (Route(b"Internal Server Error", status=500), "500"),
    (Route(CSW_PAGE, content_type="application/xml"), "无法按 RDF（xml）读取：ParserError"),
    (Route(b"@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<a> dcat:x \xe9t\xe9 .", content_type="text/turtle"),
     "无法按 RDF（turtle）读取"),
], ids=["http-500-on-page-2", "csw-page", "latin-1-turtle"])
def test_a_failing_dcat_page_finishes_the_job_and_the_next_run_starts(harbin, server, cli, page_two, fragment):
    base = _hydra(harbin, server, page_two)
    source = harbin.source("eu-dcat", base, "harbin_dcat")
    summary = harbin.run(source["id"])
    assert summary["status"] == "Finished", summary
    assert any(fragment in message for message in summary["gather_errors"]), summary
    assert summary["counts"] == {} and "page=2" in summary["gather_errors"][0]  # the page named
    # The source is not blocked: the next run starts a job of its own (no HarvestJobExists).
    server.routes["/catalog.ttl?page=2"] = Route(_catalog(harbin, samples.ROWS[2:], "turtle", 2, 2, base),
                                                 content_type="text/turtle")
    run = cli.invoke(ckan, ["harbin", "harvest", "run", "eu-dcat"])
    assert run.exit_code == 0, run.output
    assert "Traceback" not in run.output and len(entries()) == 4
    assert [job.status for job in _jobs(source["id"])] == ["Finished", "Finished"]


def test_rdf_xml_in_iso_8859_1_is_read(harbin, server):
    text = re.sub(r"^<\?xml[^>]*\?>", "", _catalog(harbin, samples.ROWS, "xml").decode("utf-8").lstrip())
    text = text.replace("哈尔滨市企业登记信息", "Registre des entreprises é")
    payload = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n' + text).encode("iso-8859-1", errors="xmlcharrefreplace")
    server.routes["/catalog.rdf"] = Route(payload, content_type="application/rdf+xml")
    source = harbin.source("latin", server.url + "/catalog.rdf", "harbin_dcat")
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"created": 4}, summary
    assert "Registre des entreprises é" in {p.title for p in entries()}


def _stalled_job(source_id, minutes_ago):
    job = HarvestJob(source_id=source_id, status="Running")
    job.gather_started = job.gather_finished = dt.datetime.utcnow() - dt.timedelta(minutes=minutes_ago)
    model.Session.add(job)
    model.Session.flush()
    model.Session.add(HarvestObject(guid="left-behind", job=job, state="FETCH", content="{}"))
    job.created = dt.datetime.utcnow() - dt.timedelta(minutes=minutes_ago)
    model.Session.commit()
    return job.id


def test_a_stalled_job_is_finished_and_the_source_harvested(harbin, server):
    server.routes["/ml.xlsx"] = Route(samples.xlsx(), content_type="application/octet-stream")
    source = harbin.source("scjg-xlsx", server.url + "/ml.xlsx", "harbin_spreadsheet")
    stalled = _stalled_job(source["id"], minutes_ago=90)  # its fetch consumer died
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"created": 4}, summary
    old = model.Session.get(HarvestJob, stalled)
    assert old.status == "Finished" and "90 分钟无进展" in old.gather_errors[0].message
    left = model.Session.query(HarvestObject).filter_by(guid="left-behind").one()
    assert left.state == "ERROR" and left.report_status == "errored"


def test_a_job_in_progress_elsewhere_is_left_alone(harbin, server, cli):
    server.routes["/ml.xlsx"] = Route(samples.xlsx(), content_type="application/octet-stream")
    source = harbin.source("scjg-xlsx", server.url + "/ml.xlsx", "harbin_spreadsheet")
    running = _stalled_job(source["id"], minutes_ago=5)
    result = cli.invoke(ckan, ["harbin", "harvest", "run", "scjg-xlsx"])
    assert result.exit_code != 0 and "正在运行" in result.output and "超过 60 分钟" in result.output
    assert "Traceback" not in result.output
    assert model.Session.get(HarvestJob, running).status == "Running" and entries() == []


@pytest.mark.ckan_config("ckanext.harbin_opendata.harvest.job_timeout", "0")
def test_a_job_stops_at_its_timeout(harbin, server):
    server.routes["/ml.xlsx"] = Route(samples.xlsx(), content_type="application/octet-stream")
    source = harbin.source("scjg-xlsx", server.url + "/ml.xlsx", "harbin_spreadsheet")
    summary = harbin.run(source["id"])
    assert summary["status"] == "Finished" and summary["counts"] == {"error": 4}
    assert "job_timeout" in summary["gather_errors"][0]
