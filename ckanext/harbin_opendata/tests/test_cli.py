"""The `ckan harbin` command group."""
from __future__ import annotations

import pytest

from ckan.cli.cli import ckan
from ckan.lib.search.common import SolrSettings

from ckanext.harbin_opendata import services


@pytest.mark.usefixtures("with_plugins")
def test_check_reports_every_service(cli):
    result = cli.invoke(ckan, ["harbin", "check"])
    assert result.exit_code == 0, result.output
    for service in ("PostgreSQL", "Solr", "Redis"):
        assert f"{service:<12} OK" in result.output


@pytest.mark.usefixtures("with_plugins")
def test_check_names_the_service_that_does_not_answer(monkeypatch):
    # Port 9 (discard) has no listener here: a real refused connection.
    monkeypatch.setattr(SolrSettings, "_url", "http://127.0.0.1:9/solr/ckan")
    report = dict(services.check_all())
    assert report["PostgreSQL"] is None and report["Redis"] is None
    assert "Connection refused" in report["Solr"] or "Failed to connect" in report["Solr"]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_search_reindex_command(cli):
    from ckanext.harbin_opendata.tests.factories import CatalogEntry

    CatalogEntry(title="哈尔滨市公交线路信息")
    result = cli.invoke(ckan, ["harbin", "search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Reindexing" in result.output
