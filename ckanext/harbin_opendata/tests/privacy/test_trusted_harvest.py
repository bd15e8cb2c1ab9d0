"""After a scan: an entry of a trusted harvest source, held in review while its files were not
checked, is published once they are clean (and only then); the search index shows an entry
published by another node while the worker reindexed it as published, not as it was before."""
from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.privacy import jobs
from ckanext.harbin_opendata.tests.factories import CatalogEntry

from .conftest import csv_bytes
from .jobs import run_scans

CLEAN = "站点名称,车位数\r\n中央大街停车场,120\r\n索菲亚广场停车场,80\r\n".encode("utf-8")


def _harvested(people, http_files, source: str, body: bytes) -> str:
    data = CatalogEntry.stub(owner_org=people.agency["id"]).__dict__
    data.pop("published", None)
    data["resources"] = [{"name": "停车场名录", "format": "CSV", "url": http_files.add("/parking.csv", body)}]
    context = {"user": people.sysadmin, "harbin_harvest_source": source}
    return tk.get_action("package_create")(context, data)["id"]


def _state(people, entry_id: str) -> tuple[str, bool]:
    entry = tk.get_action("harbin_review_history")({"user": people.sysadmin}, {"id": entry_id})["entry"]
    return entry["state"], entry["private"]


def _found_anonymously(entry_id: str) -> int:
    return tk.get_action("package_search")({"user": ""}, {"fq": f"id:{entry_id}"})["count"]


@pytest.mark.parametrize("source, body, state", [("trusted-portal", CLEAN, "published"),
                                                 ("trusted-portal", csv_bytes(5), "submitted"),
                                                 ("other-portal", CLEAN, "submitted")])
def test_trusted_harvest_is_published_once_its_files_are_clean(people, http_files, ckan_config, monkeypatch,
                                                               source, body, state):
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.review.trusted_harvest_sources", ["trusted-portal"])
    entry_id = _harvested(people, http_files, source, body)
    assert _state(people, entry_id) == ("submitted", True)  # its file is not checked yet
    assert [scan.state for scan in run_scans(entry_id)] == ["done"]
    assert _state(people, entry_id) == (state, state != "published")
    assert _found_anonymously(entry_id) == (state == "published")


def test_reindex_waits_for_a_publication_being_committed(people, app):
    entry_id = people.entry["id"]  # a private draft, indexed as such
    connection = model.meta.engine.connect()
    publication = connection.begin()  # another web node publishing it, its commit not done yet
    connection.execute(sa.text("UPDATE package SET private = false WHERE id = :id"), {"id": entry_id})

    def worker() -> None:
        with app.flask_app.test_request_context():
            jobs.reindex(entry_id)
        model.Session.remove()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(3)
    publication.commit()
    connection.close()
    thread.join(60)
    assert _found_anonymously(entry_id) == 1
