"""A harvested entry's default resource views (the table preview) are saved in the entry's own
transaction: no commit, Solr re-index and activity per view (the first harvest's main cost)."""
from __future__ import annotations

import sqlalchemy as sa

import ckan.model as model

from . import samples
from ..http_server import Route


def _commits_of_a_harvest(harbin, server, name, rows):
    server.routes[f"/{name}.csv"] = Route(samples.csv_bytes(rows), content_type="text/csv")
    source = harbin.source(name, f"{server.url}/{name}.csv", "harbin_spreadsheet")
    commits = []

    def count(session):
        commits.append(1)

    sa.event.listen(sa.orm.Session, "after_commit", count)
    try:
        summary = harbin.run(source["id"])
    finally:
        sa.event.remove(sa.orm.Session, "after_commit", count)
    assert summary["counts"] == {"created": len(rows)}, summary
    return len(commits)


def test_views_cost_no_commit_of_their_own(harbin, server):
    with_files = _commits_of_a_harvest(harbin, server, "with-files", samples.ROWS)
    views = model.Session.query(model.ResourceView).count()
    assert views == len(samples.ROWS)  # every file has its preview
    without = [list(row) for row in samples.ROWS]
    for number, row in enumerate(without, start=1):
        row[1], row[2], row[8] = f"{row[1]}（目录）", f"302001/{number:06d}", ""
    assert _commits_of_a_harvest(harbin, server, "no-files", without) == with_files
