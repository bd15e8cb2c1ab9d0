"""A job's records imported by two processes at once (`harvest.workers`, runner/workers.py): each
record once, by one of them; what one process guaranteed still holds — duplicates within the
listing found, generated resource codes unique, the report's counts, every entry searchable at the
end, an unchanged re-harvest changing nothing, withdrawals after the records."""
from __future__ import annotations

import json
import os

import pytest
import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.harvest.model import HarvestObject

from ckanext.harbin_opendata.harvest import runner

from . import samples
from ..http_server import Route

RECORDS = 12
CONFIG = json.dumps({"defaults": {"desensitization_status": "not_required"}})
pytestmark = pytest.mark.ckan_config("ckanext.harbin_opendata.harvest.workers", "2")


def _rows(records: int = RECORDS) -> list[list]:
    return [[n + 1, f"哈尔滨市停车场信息{n:02d}", f"301001/{n + 100:06d}", *samples.ROWS[0][3:]] for n in range(records)]


def _serve(server, rows: list[list], header: list[str] = samples.HEADER) -> str:
    server.routes["/catalog.csv"] = Route(samples.csv_bytes(rows, header=header), content_type="text/csv")
    return server.url + "/catalog.csv"


def _searchable(sysadmin: str, query: str) -> list[dict]:
    return tk.get_action("package_search")({"user": sysadmin}, {
        "q": query, "include_private": True, "include_drafts": True, "rows": 1000})["results"]


@pytest.fixture
def processes(monkeypatch, tmp_path):
    """The process ids that imported each harvest object (appended by whichever process does it)."""
    log = tmp_path / "imported"
    process = runner._process

    def logged(harvester, obj):
        with open(log, "a") as out:
            out.write(f"{os.getpid()} {obj.id}\n")
        return process(harvester, obj)

    monkeypatch.setattr(runner, "_process", logged)
    return lambda: [line.split() for line in log.read_text().splitlines()] if log.exists() else []


def test_records_are_imported_by_two_processes_each_once(harbin, server, processes):
    source = harbin.source("two-processes", _serve(server, _rows()), "harbin_spreadsheet", CONFIG)
    assert harbin.run(source["id"])["counts"] == {"created": RECORDS}
    done = processes()
    assert len({pid for pid, _ in done}) == 2 and os.getpid() in {int(pid) for pid, _ in done}
    assert len(done) == len({obj for _, obj in done}) == RECORDS
    # every entry in the search index when the job ends, once; one current object per record
    found = _searchable(harbin.sysadmin, "停车场")
    assert sorted(entry["title"] for entry in found) == sorted(row[1] for row in _rows())
    current = model.Session.execute(sa.text(
        "SELECT guid, count(*) FROM harvest_object WHERE harvest_source_id = :id AND current GROUP BY guid"),
        {"id": source["id"]}).all()
    assert len(current) == RECORDS and {count for _, count in current} == {1}
    assert harbin.run(source["id"])["counts"] == {"unchanged": RECORDS}


def test_duplicates_within_the_listing_are_found_across_processes(harbin, server):
    """Records 1 and 8, and 4 and 11, share a title: the later one of each pair is reported, as when
    one process imports the listing in order (each pair goes to the same process). (Records sharing
    a resource code share their identifier here: the gather keeps the first.)"""
    rows = _rows()
    rows[7][1], rows[10][1] = rows[0][1], rows[3][1]
    source = harbin.source("listing-duplicates", _serve(server, rows), "harbin_spreadsheet", CONFIG)
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"created": RECORDS - 2, "duplicate": 2}
    assert set(summary["object_errors"]) == {rows[7][2], rows[10][2]}  # the later record of each pair
    found = _searchable(harbin.sysadmin, "停车场")
    assert sorted(entry["resource_code"] for entry in found) == sorted(
        row[2] for n, row in enumerate(rows) if n not in (7, 10))


def test_generated_resource_codes_are_unique_across_processes(harbin, server):
    header = [name for name in samples.HEADER if name != "资源代码"]
    rows = [[cell for index, cell in enumerate(row) if index != 2] for row in _rows()]
    config = json.dumps({"defaults": {"desensitization_status": "not_required"}, "resource_code_prefix": "301009"})
    source = harbin.source("generated-codes", _serve(server, rows, header), "harbin_spreadsheet", config)
    assert harbin.run(source["id"])["counts"] == {"created": RECORDS}
    codes = sorted(entry["resource_code"] for entry in _searchable(harbin.sysadmin, "停车场"))
    assert codes == [f"301009/{n:06d}" for n in range(1, RECORDS + 1)]


def test_a_new_tag_is_saved_once(harbin, server, processes):
    """Records sharing a tag not saved yet are imported by one process (CKAN would save the free tag
    twice if two processes made it at once); records with tags already saved are shared out."""
    header = [*samples.HEADER, "关键词"]
    rows = [[*row, "智慧停车" if n % 3 == 0 else "停车、交通"] for n, row in enumerate(_rows())]
    source = harbin.source("new-tags", _serve(server, rows, header), "harbin_spreadsheet", CONFIG)
    assert harbin.run(source["id"])["counts"] == {"created": RECORDS}
    names = [name for (name,) in model.Session.execute(sa.text("SELECT name FROM tag ORDER BY name"))]
    assert names == sorted(["智慧停车", "停车", "交通"])
    by_tag = {}
    for pid, obj in processes():
        record = json.loads(model.Session.get(HarvestObject, obj).content)
        by_tag.setdefault(record["tags"], set()).add(pid)
    assert {tags: len(pids) for tags, pids in by_tag.items()} == {"智慧停车": 1, "停车、交通": 1}
    for entry in _searchable(harbin.sysadmin, "停车场"):
        assert [tag["name"] for tag in entry["tags"]] in (["智慧停车"], ["交通", "停车"], ["停车", "交通"])


def test_a_dead_import_process_finishes_the_job_without_withdrawing(harbin, server, monkeypatch):
    source = harbin.source("dead-process", _serve(server, _rows()), "harbin_spreadsheet", CONFIG)
    assert harbin.run(source["id"])["counts"] == {"created": RECORDS}
    reporter = os.getpid()
    process = runner._process

    def dies_in_the_child(harvester, obj):
        if os.getpid() != reporter:
            os._exit(3)  # killed mid-job (out of memory, a deploy)
        return process(harvester, obj)

    monkeypatch.setattr(runner, "_process", dies_in_the_child)
    rows = _rows()[:-1]  # one record gone: its withdrawal must wait for a complete import
    rows[0][3] = "停车场名称、位置和泊位数，每月更新。"
    _serve(server, rows)
    summary = harbin.run(source["id"])
    assert summary["status"] == "Finished"
    assert "exit status 3" in " ".join(summary["gather_errors"])
    # the child's records and the withdrawal are errors (imported by the next harvest), the rest done
    assert summary["counts"] == {"updated": 1, "unchanged": 5, "error": 6}
    assert len(_searchable(harbin.sysadmin, "停车场")) == RECORDS
