"""Faults: Solr unreachable during a write, Redis unreachable while files are queued for scanning
and while a harvest is started, PostgreSQL connections dropped (as by a restart). Nothing is lost,
the error is clear, and recovery is what the README says (reindex, scan again, retry)."""
from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from rq.connections import push_connection
from werkzeug.datastructures import FileStorage

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import jobs as ckan_jobs
from ckan.lib import redis as ckan_redis
from ckan.lib import search
from ckan.lib.search.common import SolrSettings

from ckanext.harbin_opendata.privacy.jobs import run_queued
from ckanext.harbin_opendata.privacy.model import Scan

from ..factories import Agency, CatalogEntry

DEAD = "127.0.0.1:9"  # the discard port: nothing listens on it


@pytest.fixture
def solr_down():
    url, user, password = SolrSettings.get()
    SolrSettings.init(f"http://{DEAD}/solr/ckan_test", user, password)
    yield
    SolrSettings.init(url, user, password)


@pytest.fixture
def redis_down(ckan_config):
    """Redis unreachable; calling the fixture's value brings it back."""
    outage = pytest.MonkeyPatch()
    outage.setitem(ckan_config, "ckan.redis.url", f"redis://{DEAD}/1")
    outage.setattr(ckan_redis, "_connection_pool", None)
    outage.setattr(ckan_jobs, "_queues", {})

    def restore() -> None:
        outage.undo()
        # CKAN also hands its connection to RQ's global stack (workers take the top one).
        push_connection(ckan_redis.connect_to_redis())

    yield restore
    restore()


def _found(name: str) -> int:
    return tk.get_action("package_search")({"ignore_auth": True}, {"q": f"name:{name}", "include_private": True})["count"]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_solr_down_during_a_write_fails_clearly_and_keeps_the_entry(request):
    agency = Agency()
    request.getfixturevalue("solr_down")
    with pytest.raises(search.SearchIndexError) as error:
        CatalogEntry(owner_org=agency["id"], name="hrb-written-while-solr-down")
    assert "Failed to connect" in str(error.value)  # says what is wrong
    entry = model.Package.get("hrb-written-while-solr-down")
    assert entry is not None and entry.state == "active"  # the database has the entry


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_after_solr_is_back_the_reindex_finds_the_entry():
    agency = Agency()
    url, user, password = SolrSettings.get()
    SolrSettings.init(f"http://{DEAD}/solr/ckan_test", user, password)
    try:
        with pytest.raises(search.SearchIndexError):
            CatalogEntry(owner_org=agency["id"], name="hrb-reindexed-later")
    finally:
        SolrSettings.init(url, user, password)
    assert _found("hrb-reindexed-later") == 0
    search.rebuild(model.Package.get("hrb-reindexed-later").id)  # README: ckan search-index rebuild
    assert _found("hrb-reindexed-later") == 1


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_queues")
def test_redis_down_an_upload_is_kept_and_its_scan_waits(redis_down, ckan_config, monkeypatch, tmp_path):
    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(tmp_path))
    from ckan.tests import factories

    editor = factories.User()
    entry = CatalogEntry(owner_org=Agency(users=[{"name": editor["name"], "capacity": "editor"}])["id"],
                         published=False)
    resource = tk.get_action("resource_create")({"user": editor["name"]}, {
        "package_id": entry["id"], "name": "名单.csv", "format": "CSV", "url": "",
        "upload": FileStorage(io.BytesIO("姓名,电话\r\n张三,13812345678\r\n".encode()), "names.csv")})
    assert model.Resource.get(resource["id"]).state == "active"  # the upload is saved
    [scan] = model.Session.query(Scan).all()
    assert scan.state == "queued"
    with pytest.raises(tk.ValidationError, match="not finished"):  # and it cannot be published unscanned
        tk.get_action("harbin_review_submit")({"user": editor["name"]}, {"id": entry["id"]})
        tk.get_action("harbin_review_publish")({"user": factories.Sysadmin()["name"]}, {"id": entry["id"]})
    redis_down()  # Redis is back: no job was queued; the scan runs ("Scan again", or the CLI)
    assert ckan_jobs.get_queue("harbin_opendata:privacy").jobs == []
    assert [scan.state for scan in run_queued(entry["id"])] == ["done"]  # what `ckan harbin privacy scan` does


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_postgresql_connections_dropped_the_next_request_still_works(app):
    entry = CatalogEntry(name="hrb-after-restart")
    model.Session.close()
    # What a PostgreSQL restart does to the pooled connections: every one of them is cut.
    with model.meta.engine.connect() as connection:
        cut = connection.execute(sa.text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar()
    assert app.get(f"/dataset/{entry['name']}").status_code == 200
    assert tk.get_action("package_show")({"ignore_auth": True}, {"id": entry["id"]})["name"] == "hrb-after-restart"
    print(f"\nconnections cut: {cut}")
