"""A linked file's download on the portal serves the bytes its scan read, never a redirect to the
agency's server (outside probe, 2026-12-03, H3/H3b/M0): a server that changes the file after the
scan, one that answers browsers otherwise than the scanner, and a link exempted as unreachable that
later serves personal data each handed the public unchecked bytes under the portal's name."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.privacy.link_refetch import refetch_links

from ..http_server import Route
from .conftest import REVIEWER, csv_bytes
from .jobs import run_scans
from .publishing import publish

CLEAN = "区,人数\r\n道里区,3\r\n南岗区,5\r\n".encode()
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"


def _public(people) -> dict[str, dict]:
    return {res["id"]: res for res in tk.get_action("package_show")({"user": ""}, {"id": people.entry["id"]})["resources"]}


def _link(people, url: str, name: str = "人数") -> dict:
    return tk.get_action("resource_create")({"user": people.editor}, {
        "package_id": people.entry["id"], "url": url, "format": "CSV", "name": name})


def _download(app, people, resource_id: str, agent: str = BROWSER):
    return app.get(f"/dataset/{people.entry['name']}/resource/{resource_id}/download",
                   headers={"User-Agent": agent}, follow_redirects=False)


@pytest.mark.usefixtures("storage")
def test_a_link_changed_after_its_scan_is_downloaded_as_checked_and_rescanned_by_the_schedule(app, people, http_files):
    resource = _link(people, http_files.add("/stats.csv", CLEAN))
    publish(people, people.entry["id"])
    http_files.add("/stats.csv", csv_bytes(5))  # the agency's server now serves IDs and mobiles

    answer = _download(app, people, resource["id"])
    assert answer.status_code == 200, answer.headers.get("Location")
    assert answer.data == CLEAN and "stats.csv" in answer.headers["Content-Disposition"]

    done = refetch_links([people.entry["id"]])  # the scheduled re-fetch sees the change
    assert done.changed == [resource["id"]] and resource["id"] not in _public(people)  # hidden meanwhile
    run_scans(people.entry["id"])
    assert resource["id"] not in _public(people)
    assert _download(app, people, resource["id"]).status_code == 404


@pytest.mark.usefixtures("storage")
def test_an_unchanged_link_stays_shown_after_the_scheduled_refetch(app, people, http_files):
    resource = _link(people, http_files.add("/stats.csv", CLEAN))
    publish(people, people.entry["id"])
    done = refetch_links([people.entry["id"]])
    assert done.same == [resource["id"]] and done.changed == [] and resource["id"] in _public(people)


@pytest.mark.usefixtures("storage")
def test_a_server_cloaking_by_user_agent_cannot_reach_the_public(app, people, http_files):
    personal = csv_bytes(5)

    def cloaked(handler, route) -> None:  # browsers get the register, the scanner a clean table
        handler.wfile.write(personal if "Mozilla" in (handler.headers.get("User-Agent") or "") else CLEAN)

    http_files.routes["/stats.csv"] = Route(cloaked, content_type="text/csv")
    resource = _link(people, http_files.url + "/stats.csv")
    publish(people, people.entry["id"])
    assert resource["id"] in _public(people)

    answer = _download(app, people, resource["id"])
    assert answer.status_code == 200 and answer.data == CLEAN, answer.headers.get("Location")
    page = app.get(f"/dataset/{people.entry['name']}/resource/{resource['id']}", headers={"User-Agent": BROWSER})
    assert http_files.url not in page.body  # the page's buttons lead to the portal's checked copy
    assert f"/resource/{resource['id']}/download" in page.body
    entry = app.get(f"/dataset/{people.entry['name']}", headers={"User-Agent": BROWSER})
    assert http_files.url not in entry.body and f"/resource/{resource['id']}/download" in entry.body


@pytest.mark.usefixtures("storage")
def test_a_link_exempted_as_unreachable_gives_nothing_until_a_fetch_is_checked(app, people, http_files):
    url = http_files.url + "/later.csv"  # nothing there yet: the scan fails
    resource = _link(people, url)
    run_scans(people.entry["id"])
    status = tk.get_action("harbin_privacy_status")({"user": REVIEWER}, {"id": people.entry["id"]})
    scan = status["resources"][0]["scan"]
    assert scan["state"] == "failed"
    tk.get_action("harbin_privacy_exempt")({"user": REVIEWER}, {"scan_id": scan["id"], "reason": "外链地址不可达"})
    publish(people, people.entry["id"])
    assert resource["id"] in _public(people)

    http_files.add("/later.csv", csv_bytes(5))  # after publication the address serves a register
    answer = _download(app, people, resource["id"])
    assert answer.status_code == 404 and b"230" not in answer.data, answer.headers.get("Location")

    assert refetch_links([people.entry["id"]]).changed == [resource["id"]]
    run_scans(people.entry["id"])
    assert resource["id"] not in _public(people)  # the exemption covered no bytes: a person decides again


@pytest.mark.usefixtures("storage")
def test_the_catalog_points_a_link_at_the_portals_download(app, people, http_files):
    resource = _link(people, http_files.add("/stats.csv", CLEAN))
    publish(people, people.entry["id"])
    turtle = app.get(f"/dataset/{people.entry['name']}.ttl").body
    assert http_files.url not in turtle
    assert f"/resource/{resource['id']}/download" in turtle
