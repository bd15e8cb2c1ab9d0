"""The work a harvest does per record, counted (not timed): SQL statements, documents sent to the
search index, search-index commits. Speed itself is measured by benchmarks/harvest.py."""
from __future__ import annotations

import contextlib
import json
import urllib.request
from typing import Iterator

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from . import samples
from ..http_server import Route

RECORDS = 12


def _catalog(server) -> str:
    rows = [[n + 1, f"哈尔滨市停车场信息{n:02d}", f"301001/{n + 100:06d}", *samples.ROWS[0][3:]] for n in range(RECORDS)]
    server.routes["/catalog.csv"] = Route(samples.csv_bytes(rows), content_type="text/csv")
    return server.url + "/catalog.csv"


def _solr_updates() -> dict[str, int]:
    url = tk.config["solr_url"].rstrip("/") + "/admin/mbeans?stats=true&cat=UPDATE&wt=json"
    beans = json.load(urllib.request.urlopen(url))["solr-mbeans"]
    stats = dict(zip(beans[::2], beans[1::2]))["UPDATE"]["updateHandler"]["stats"]
    requests = dict(zip(beans[::2], beans[1::2]))["UPDATE"]["/update"]["stats"]["UPDATE./update.requests"]
    return {"adds": stats["UPDATE.updateHandler.cumulativeAdds.count"], "requests": requests,
            "commits": stats["UPDATE.updateHandler.commits.count"] - stats["UPDATE.updateHandler.autoCommits"]}


@contextlib.contextmanager
def _counted() -> Iterator[dict[str, int]]:
    """SQL statements sent, Solr documents added, update requests sent and commits asked for within the block."""
    engine = model.Session.get_bind()
    counts = {"sql": 0}

    def count(*args) -> None:
        counts["sql"] += 1

    before = _solr_updates()
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield counts
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
        after = _solr_updates()
        counts.update({key: after[key] - before[key] for key in after})


def test_first_harvest_indexes_each_entry_once_and_commits_once(harbin, server):
    source = harbin.source("bench-like", _catalog(server), "harbin_spreadsheet",
                           json.dumps({"defaults": {"desensitization_status": "not_required"}}))
    with _counted() as first:
        assert harbin.run(source["id"])["counts"] == {"created": RECORDS}
    print("first harvest:", first)
    # each entry once (CKAN alone indexes a new entry twice in its commit), and the harvest source's
    # own search record as ckanext-harvest finishes its job
    assert first["adds"] == RECORDS + 1
    assert first["commits"] <= 3  # the entries' one; the source's record is committed by ckanext-harvest
    # the new entries in one add (runner.INDEX_BATCH of them at most), not a request per entry
    assert first["requests"] <= 2 + first["commits"]
    found = tk.get_action("package_search")({"user": harbin.sysadmin}, {
        "q": "停车场", "include_private": True, "include_drafts": True, "rows": 100})
    assert found["count"] == RECORDS
    with _counted() as again:
        assert harbin.run(source["id"])["counts"] == {"unchanged": RECORDS}
    print("unchanged harvest:", again)
    assert again["adds"] == 1  # the source's record only


def test_an_entry_made_with_resources_and_tags_is_indexed_once(harbin):
    from ckanext.harbin_opendata.tests.factories import CatalogEntry

    with _counted() as created:
        entry = CatalogEntry(owner_org=harbin.agencies["scjg"]["id"], published=False,
                             tags=[{"name": "停车"}, {"name": "交通"}],
                             resources=[{"url": "https://data.harbin.invalid/a.csv", "format": "CSV"},
                                        {"url": "https://data.harbin.invalid/b.json", "format": "JSON"}])
    assert created["adds"] == 1
    with _counted() as updated:
        tk.get_action("package_patch")({"user": harbin.sysadmin}, {"id": entry["id"], "notes": "更新后的摘要。"})
    assert updated["adds"] == 1
    found = tk.get_action("package_search")({"user": harbin.sysadmin}, {
        "fq": f'id:"{entry["id"]}"', "include_private": True, "include_drafts": True})["results"]
    assert [(r["notes"], sorted(t["name"] for t in r["tags"])) for r in found] == [("更新后的摘要。", ["交通", "停车"])]
