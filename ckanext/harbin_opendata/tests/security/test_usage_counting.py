"""Issue 18 item 11: download and API counts feed the assessment, so HEAD requests, repeated
requests of one visitor within the window and crawlers do not raise them."""
from __future__ import annotations

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.assessment import usage

from ..assessment.conftest import http_server, portal  # noqa: F401 - fixtures

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


def _counts() -> dict:
    usage.flush()
    rows = model.Session.execute(sa.text("SELECT kind, ref, sum(count) AS n FROM harbin_assessment_usage "
                                         "GROUP BY kind, ref"))
    return {(r.kind, r.ref): r.n for r in rows}


def _download(portal) -> str:  # noqa: F811
    entry = tk.get_action("package_show")({"user": portal.sysadmin}, {"id": "a-complete"})
    return f"/dataset/a-complete/resource/{entry['resources'][0]['id']}/download/ok.csv", entry["resources"][0]["id"]


def test_head_requests_and_repeats_do_not_count(portal, app):  # noqa: F811
    path, resource_id = _download(portal)
    for _ in range(20):
        app.test_client().head(path, headers={"User-Agent": BROWSER}, follow_redirects=False)
    assert _counts().get(("download", resource_id)) is None
    for _ in range(20):
        app.get(path, headers={"User-Agent": BROWSER}, follow_redirects=False)
    assert _counts()[("download", resource_id)] == 1
    app.get(path, headers={"User-Agent": BROWSER + " Edg/126"}, follow_redirects=False)  # another visitor
    assert _counts()[("download", resource_id)] == 2


def test_api_calls_count_once_per_visitor_and_window(portal, app):  # noqa: F811
    for _ in range(10):
        app.get("/api/3/action/package_show?id=a-complete", headers={"User-Agent": BROWSER})
    assert _counts()[("api", "a-complete")] == 1


def test_crawlers_are_not_counted(portal, app):  # noqa: F811
    path, resource_id = _download(portal)
    before = _counts()  # the fixture's own usage of other entries
    for agent in ("Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
                  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"):
        app.get(path, headers={"User-Agent": agent}, follow_redirects=False)
        app.get("/api/3/action/package_show?id=a-complete", headers={"User-Agent": agent})
    assert _counts() == before and ("download", resource_id) not in before
