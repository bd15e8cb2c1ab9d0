"""Redis down while a harvest is started: the start fails with the queue's error, the entries of
the source stay as they were, and once Redis is back the source harvests again. Solr down while
a harvest sends its new entries to the search index: the entries stay saved (not public), their
objects fail saying so, and the next harvest indexes them."""
from __future__ import annotations

import pytest
import redis

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckan.lib import search
from ckan.lib.search.common import SolrSettings

from ckanext.harbin_opendata.harvest import runner

from . import samples
from ..http_server import Route
from .conftest import entries, review_state


def test_redis_down_when_a_harvest_starts(harbin, server, ckan_config, monkeypatch):
    server.routes["/ml.xlsx"] = Route(samples.xlsx(), content_type="application/octet-stream")
    source = harbin.source("scjg-xlsx", server.url + "/ml.xlsx", "harbin_spreadsheet")
    assert harbin.run(source["id"])["counts"] == {"created": 4}
    before = {p.id: (p.metadata_modified, review_state(p.id)) for p in entries()}

    with monkeypatch.context() as outage:
        outage.setitem(ckan_config, "ckan.harvest.mq.port", "9")  # nothing listens there
        with pytest.raises(redis.exceptions.ConnectionError, match="Connection refused"):
            tk.get_action("harvest_job_create")({"user": harbin.sysadmin}, {"source_id": source["id"]})
    model.Session.rollback()
    model.Session.expire_all()
    assert {p.id: (p.metadata_modified, review_state(p.id)) for p in entries()} == before

    # Redis is back: `ckan harbin harvest run` runs the job that was left behind.
    assert harbin.run(source["id"])["counts"] == {"unchanged": 4}


def test_an_object_imported_again_after_its_consumer_died_is_no_duplicate(harbin, server):
    """A fetch consumer killed after an object's entry was saved but before the object was marked
    complete: its successor imports the object again (ops/consumers.py). That is the same record."""
    from ckanext.harvest import queue
    from ckanext.harvest.model import HarvestObject, HarvestObjectError

    server.routes["/ml.xlsx"] = Route(samples.xlsx(), content_type="application/octet-stream")
    source = harbin.source("scjg-xlsx", server.url + "/ml.xlsx", "harbin_spreadsheet")
    assert harbin.run(source["id"])["counts"] == {"created": 4}
    obj = model.Session.query(HarvestObject).filter(HarvestObject.package_id.isnot(None)).first()
    obj.state = "IMPORT"  # where the consumer died
    model.Session.commit()
    before = {p.id: p.name for p in entries()}

    queue.fetch_and_import_stages(queue.get_harvester("harbin_spreadsheet"), HarvestObject.get(obj.id))

    assert HarvestObject.get(obj.id).state == "COMPLETE"
    assert model.Session.query(HarvestObjectError).filter(HarvestObjectError.harvest_object_id == obj.id).all() == []
    assert {p.id: p.name for p in entries()} == before


def _found(harbin) -> int:
    return tk.get_action("package_search")({"user": harbin.sysadmin}, {
        "q": "*:*", "fq": "dataset_type:dataset", "include_private": True, "include_drafts": True})["count"]


def test_solr_down_while_new_entries_are_indexed(harbin, server, monkeypatch):
    real = runner.index_entries

    def with_solr_down(package_ids: list[str]) -> dict[str, str]:
        url, user, password = SolrSettings.get()
        SolrSettings.init("http://127.0.0.1:9/solr/ckan_test", user, password)  # nothing listens there
        try:
            return real(package_ids)
        finally:
            SolrSettings.init(url, user, password)

    server.routes["/ml.xlsx"] = Route(samples.xlsx(), content_type="application/octet-stream")
    source = harbin.source("scjg-xlsx", server.url + "/ml.xlsx", "harbin_spreadsheet")
    monkeypatch.setattr(runner, "index_entries", with_solr_down)
    summary = harbin.run(source["id"])
    monkeypatch.undo()

    assert summary["counts"] == {"error": 4}
    [group] = summary["errors"]  # one cause for the four, in the reader's language
    assert group["count"] == 4 and group["cause"].startswith("已保存，但未写入搜索索引：Solr"), group
    assert len(entries()) == 4 and _found(harbin) == 0  # saved, not lost; in no search result
    assert {(review_state(p.id), p.private) for p in entries()} == {("submitted", True)}  # not public

    # Solr is back: the next run saves the entries again (no duplicates) and indexes them.
    assert harbin.run(source["id"])["counts"] == {"updated": 4}
    assert len(entries()) == 4 and _found(harbin) == 4
    assert harbin.run(source["id"])["counts"] == {"unchanged": 4}

    # A run that died after saving its entries and before sending their batch (killed, out of
    # memory) left them out of the index with their content hashes stored: the next run indexes them.
    for entry in entries():
        search.clear(entry.id)
    assert _found(harbin) == 0
    assert harbin.run(source["id"])["counts"] == {"unchanged": 4}
    assert _found(harbin) == 4
