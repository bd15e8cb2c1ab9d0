"""Each plugin of the suite works with only the plugins it declares it needs (`requires` on its
class, common/plugins.py): loaded alone with them, it serves the home page, the catalog and the
search API, and a page or action of its own. The plugins of the test configuration are loaded
again afterwards (tests/reuse.py would otherwise hand the next test this reduced set)."""
from __future__ import annotations

import time
from typing import Any, Iterator

import pytest

import ckan.plugins as plugins
import ckan.plugins.core as plugins_core
from ckan.lib import search
from ckan.tests import helpers

from ckanext.harbin_opendata.common.plugins import suite_plugins, with_requirements
from ckanext.harbin_opendata.tests import reuse
from .conftest import clean_database

# A page (anonymous, 200) and an action (called by the site user) of each plugin's own, besides the common ones.
OWN: dict[str, tuple[str, str]] = {
    "harbin_opendata": ("/about", "status_show"),
    "harbin_metadata": ("/dataset/", "package_search"),
    "harbin_review": ("/dataset/", "harbin_review_adjustment_list"),
    "harbin_privacy": ("/dataset/", "package_search"),
    "harbin_preview": ("/dataset/", "package_search"),
    "harbin_access": ("/dataset/", "harbin_access_application_list"),
    "harbin_identity_example": ("/dataset/", "package_search"),
    "harbin_data": ("/dataset/", "package_search"),
    "harbin_feedback": ("/feedback", "harbin_feedback_stats"),
    "harbin_showcase": ("/showcase/", "package_search"),
    "harbin_assessment": ("/assessment", "harbin_assessment_compute"),
    "harbin_tracking": ("/dataset/", "package_search"),
    "harbin_harvest": ("/harvest/", "harvesters_info_show"),
}
HARVESTERS = {"harbin_spreadsheet_harvester": "harbin_spreadsheet", "harbin_json_api_harvester": "harbin_json_api",
              "harbin_ckan_harvester": "harbin_ckan", "harbin_dcat_harvester": "harbin_dcat"}


@pytest.fixture(scope="module")
def migrated(reset_db: Any, migrate_db_for: Any) -> Iterator[None]:
    """Every configured plugin's tables, once, and an empty search index; afterwards the configured plugins loaded again and a
    web application built from them (url_for outside a request uses the last one built)."""
    reuse.ensure_plugins_loaded()
    clean_database(reset_db, migrate_db_for)
    search.clear_all()  # the search pages list what the index holds: no entry of a type whose plugin is not loaded
    yield
    reuse.ensure_plugins_loaded()  # the configuration is the test configuration again by now
    reuse.web_app()


def test_every_plugin_of_the_suite_is_probed():
    assert set(suite_plugins()) == set(OWN) | set(HARVESTERS)


@pytest.mark.usefixtures("migrated")
@pytest.mark.parametrize("name", suite_plugins())
def test_plugin_works_with_only_what_it_declares(name: str, ckan_config: Any, monkeypatch: Any):
    configured = ckan_config["ckan.plugins"]
    configured = configured.split() if isinstance(configured, str) else list(configured)
    assert set(with_requirements(name)) <= set(configured)
    needed = [plugin for plugin in configured if plugin in with_requirements(name)]  # the configured order
    started = time.monotonic()
    monkeypatch.setitem(ckan_config, "ckan.plugins", " ".join(needed))
    plugins.load_all()
    assert [plugin for plugin in plugins_core._PLUGINS if plugin not in plugins_core.find_system_plugins()] == needed
    app = helpers.CKANTestApp(helpers._get_test_app().app)
    page, action = OWN.get(name) or OWN["harbin_harvest"]
    for url in ("/", "/dataset/", page):
        app.get(url, status=200)
    assert app.get("/api/3/action/package_search?q=harbin", status=200).json["success"]
    result = helpers.call_action(action, context={"user": helpers.call_action("get_site_user")["name"]})
    if name in HARVESTERS:
        assert HARVESTERS[name] in {harvester["name"] for harvester in result}
    print(f"{name} with {needed}: {time.monotonic() - started:.1f} s")
