"""Downloads and API calls counted by harbin_assessment (in Redis, then in its table) and their
share of the usage indicator."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.assessment import usage


def _usage_rows() -> dict:
    """The counters but the conditional entry's 50 downloads that conftest._applications sets."""
    rows = model.Session.execute(sa.text("SELECT kind, ref, count FROM harbin_assessment_usage WHERE count <> 50"))
    return {(r.kind, r.ref): r.count for r in rows}


def test_downloads_and_api_calls_are_counted(portal, app):
    dataset = tk.get_action("package_show")({"user": portal.sysadmin}, {"id": "a-complete"})
    csv_id = dataset["resources"][0]["id"]
    app.get(f"/dataset/a-complete/resource/{csv_id}/download/ok.csv", follow_redirects=False)
    app.get(f"/api/3/action/package_show?id=a-complete")
    app.get(f"/api/3/action/package_show?id={dataset['id']}")
    app.post("/api/3/action/resource_show", json={"id": csv_id})
    app.get("/api/3/action/package_show?id=no-such-entry", status=404)  # failed calls do not count
    app.get("/dataset/a-complete")  # a page view is CKAN tracking's business

    assert usage.flush() == 4
    assert _usage_rows() == {("download", csv_id): 1, ("api", "a-complete"): 1, ("api", dataset["id"]): 1,
                             ("api", csv_id): 1}
    assert usage.flush() == 0  # the counters moved
    usage.record("download", csv_id)
    usage.flush()
    assert _usage_rows()[("download", csv_id)] == 2  # added to the day's count

    result = tk.get_action("harbin_assessment_compute")({"user": portal.sysadmin}, {})
    # + the conditional a-bare's access log (conftest._applications): 3 downloads, 1 call
    assert result["figures"]["api_calls"] == 3 + 1 and result["figures"]["downloads"] == 10 + 2 + 3
    card = tk.get_action("harbin_assessment_agency_show")({}, {"organization": "hrb-a"})
    assert card["values"]["usage"] == (30 + 12 + 3 + 4) / 2  # views, downloads, API calls, a-bare's logged accesses per entry


def test_old_usage_is_outside_the_window(portal):
    csv_id = tk.get_action("package_show")({"user": portal.sysadmin}, {"id": "a-complete"})["resources"][0]["id"]
    usage.record("download", csv_id, day=dt.date.today() - dt.timedelta(days=400))
    usage.flush()
    result = tk.get_action("harbin_assessment_compute")({"user": portal.sysadmin}, {})
    assert result["figures"]["downloads"] == 10 + 3  # + a-bare's logged downloads


def test_counting_never_breaks_a_download(portal, app, monkeypatch):
    import redis

    # A real client to a port where nothing listens: every command fails to connect.
    monkeypatch.setattr(usage, "connect_to_redis", lambda: redis.Redis(host="127.0.0.1", port=9))
    response = app.get("/api/3/action/package_show?id=a-complete")
    assert response.status_code == 200 and response.json["result"]["name"] == "a-complete"
    monkeypatch.undo()
    assert usage.flush() == 0
