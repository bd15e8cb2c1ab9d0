"""Redis down while a harvest is started: the start fails with the queue's error, the entries of
the source stay as they were, and once Redis is back the source harvests again."""
from __future__ import annotations

import pytest
import redis

import ckan.model as model
import ckan.plugins.toolkit as tk

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
