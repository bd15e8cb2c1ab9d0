"""A Harbin harvest through ckanext-harvest's Redis queues, as the gather and fetch consumers run it."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckanext.harvest import queue

from ckanext.harbin_opendata.harvest.report import job_summary

from . import samples
from ..http_server import Route
from .conftest import entries


def test_gather_and_fetch_consumers(harbin, server):
    server.routes["/ml.xlsx"] = Route(samples.xlsx(), content_type="application/octet-stream")
    source = harbin.source("scjg-xlsx", server.url + "/ml.xlsx", "harbin_spreadsheet")
    gather, fetch = queue.get_gather_consumer(), queue.get_fetch_consumer()
    gather.queue_purge()
    fetch.queue_purge()

    job = tk.get_action("harvest_job_create")({"user": harbin.sysadmin}, {"source_id": source["id"]})
    queue.gather_callback(gather, *gather.basic_get(queue=queue.get_gather_queue_name()))
    fetched = 0
    while True:
        method, channel, body = fetch.basic_get(queue=queue.get_fetch_queue_name())
        if body is None:
            break
        queue.fetch_callback(channel, method, None, body)
        fetched += 1
    tk.get_action("harvest_jobs_run")({"user": harbin.sysadmin}, {"source_id": source["id"]})

    assert fetched == 4
    summary = job_summary(job["id"])
    assert summary["status"] == "Finished" and summary["counts"] == {"created": 4}, summary
    assert len(entries()) == 4
