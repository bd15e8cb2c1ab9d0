"""harbin_tracking gives entries and resources the view counts CKAN's tracking plugin gives them:
from the search index once `ckan tracking update` has reindexed them (no query at all, whatever
the number of results), else from the database in one query."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import search
from ckanext.tracking.model import TrackingSummary

from .factories import Agency, CatalogEntry


def _summary(url: str, package_id: str, days_ago: int, total: int, recent: int) -> None:
    model.Session.execute(sa.text(
        "INSERT INTO tracking_summary (url, package_id, tracking_type, count, running_total, recent_views, "
        "tracking_date) VALUES (:url, :package_id, 'page', 1, :total, :recent, :day)"),
        {"url": url, "package_id": package_id, "total": total, "recent": recent,
         "day": dt.date.today() - dt.timedelta(days=days_ago)})


def _statements(action: str, data: dict) -> tuple[dict, int]:
    count = {"n": 0}

    def counter(*args: object) -> None:
        count["n"] += 1

    sa.event.listen(model.meta.engine, "before_cursor_execute", counter)
    try:
        result = tk.get_action(action)({"user": ""}, data)
    finally:
        sa.event.remove(model.meta.engine, "before_cursor_execute", counter)
    return result, count["n"]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
def test_counts_as_ckan_gives_them_in_constant_queries():
    model.Session.execute(sa.text("TRUNCATE tracking_summary"))
    agency = Agency()
    entries = [CatalogEntry(owner_org=agency["id"], title=f"访问统计测试目录{n}",
                            resources=[{"url": f"https://data.harbin.invalid/{n}.csv", "format": "CSV"}])
               for n in range(6)]
    for n, entry in enumerate(entries[:4]):
        _summary(f"/dataset/{entry['name']}", entry["id"], 1, 10 * n, n)  # older row: not the one shown
        _summary(f"/dataset/{entry['name']}", entry["id"], 0, 10 * n + 7, n + 1)
        _summary(entry["resources"][0]["url"], "", 0, n + 100, n)
    model.Session.commit()
    from_database = tk.get_action("package_show")({"user": "", "use_cache": False}, {"id": entries[2]["id"]})
    assert from_database["tracking_summary"] == {"total": 27, "recent": 3}
    assert from_database["resources"][0]["tracking_summary"] == {"total": 102, "recent": 2}
    # as CKAN documents it (ckanext-activity asks so for the copy of the entry an activity keeps)
    for cached in (False, True):
        without = tk.get_action("package_show")({"user": "", "use_cache": cached},
                                                {"id": entries[2]["id"], "include_tracking": False})
        assert "tracking_summary" not in without and "tracking_summary" not in without["resources"][0]
    for entry in entries:  # as `ckan tracking update` does for entries with new counts
        search.rebuild(entry["id"])

    counts = []
    for rows in (3, 6):
        result, statements = _statements("package_search", {"q": "访问统计测试目录", "rows": rows, "sort": "name asc"})
        assert len(result["results"]) == rows
        counts.append(statements)
        for package in result["results"]:
            resource = package["resources"][0]
            assert package["tracking_summary"] == TrackingSummary.get_for_package(package["id"])
            assert resource["tracking_summary"] == TrackingSummary.get_for_resource(resource["url"])
    assert counts[0] == counts[1], f"queries grew with the results: {counts}"
    assert tk.get_action("package_search")({"user": ""}, {"q": "访问统计测试目录", "sort": "views_recent desc",
                                                          "rows": 1})["results"][0]["id"] == entries[3]["id"]
    shown = tk.get_action("package_show")({"user": ""}, {"id": entries[2]["id"]})
    assert shown["tracking_summary"] == {"total": 27, "recent": 3}
    assert shown["resources"][0]["tracking_summary"] == {"total": 102, "recent": 2}
    assert tk.get_action("package_show")({"user": ""}, {"id": entries[5]["id"]})["tracking_summary"] == \
        {"total": 0, "recent": 0}


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
def test_indexing_an_entry_reads_its_counts_once():
    """The index's package_show attaches the counts; the index hook takes them from it instead of
    asking again (issue 20: two reads per package_create / package_update), and indexes them."""
    entry = CatalogEntry(owner_org=Agency()["id"], title="访问统计索引目录",
                         resources=[{"url": "https://data.harbin.invalid/once.csv", "format": "CSV"}])
    _summary(f"/dataset/{entry['name']}", entry["id"], 0, 41, 4)
    _summary(entry["resources"][0]["url"], "", 0, 12, 1)
    model.Session.commit()
    seen: list[str] = []
    record = lambda conn, cursor, statement, *args: seen.append(statement)  # noqa: E731
    sa.event.listen(model.meta.engine, "before_cursor_execute", record)
    try:
        search.rebuild(entry["id"])
    finally:
        sa.event.remove(model.meta.engine, "before_cursor_execute", record)
    assert len([statement for statement in seen if "tracking_summary" in statement]) == 1
    found = tk.get_action("package_search")({"user": ""}, {"q": "访问统计索引目录", "sort": "views_total desc"})
    assert found["results"][0]["tracking_summary"] == {"total": 41, "recent": 4}
    assert found["results"][0]["resources"][0]["tracking_summary"] == {"total": 12, "recent": 1}


@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_a_page_view_post_answers_204_and_is_recorded(app):
    """tracking.js posts every page view without a CSRF token; CKAN has no view for it (405)."""
    response = app.post("/_tracking", data={"url": "/dataset/hrb-bus", "type": "page"},
                        environ_overrides={"REMOTE_ADDR": "10.0.0.1", "HTTP_USER_AGENT": "Mozilla/5.0"})
    assert response.status_code == 204
    rows = model.Session.execute(sa.text("SELECT url, tracking_type FROM tracking_raw")).fetchall()
    assert [tuple(row) for row in rows] == [("/dataset/hrb-bus", "page")]
