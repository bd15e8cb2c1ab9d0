"""Background jobs run through Redis (RQ) with CKAN's own worker."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk
from ckan.lib import jobs as ckan_jobs

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry

from ckanext.harbin_opendata import jobs

QUEUE = "harbin_opendata:default"


def _search(q: str) -> int:
    return tk.get_action("package_search")({}, {"q": q})["count"]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_queues")
def test_reindex_job_runs_through_redis(ckan_config, monkeypatch):
    # Index a dataset the way stock CKAN does, then turn Chinese search on: not found until reindexed.
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.search.cjk", False)
    dataset = CatalogEntry(title="哈尔滨市空气质量日报")
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.search.cjk", True)
    assert _search("空气质量") == 0

    job = jobs.enqueue(jobs.reindex_datasets, [[dataset["id"]]], title="reindex")

    queue = ckan_jobs.get_queue(QUEUE)
    assert [j.id for j in queue.jobs] == [job.id]
    assert queue.connection.ping()
    ckan_jobs.Worker([QUEUE]).work(burst=True)

    assert queue.jobs == []
    assert job.get_status(refresh=True) == "finished"
    assert job.result == 1
    assert _search("空气质量") == 1


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_reindex_reports_progress():
    org = Agency()
    ids = [CatalogEntry(owner_org=org["id"])["id"] for _ in range(3)]
    steps: list[int] = []
    assert jobs.reindex_datasets(ids, progress=steps.append) == 3
    assert steps == [1, 1, 1]
