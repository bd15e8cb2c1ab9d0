from __future__ import annotations

from typing import Any, Iterator

import pytest
import sqlalchemy as sa

import ckan.model as model

from ckanext.harbin_opendata.access.model import TABLES as ACCESS_TABLES
from ckanext.harbin_opendata.assessment.model import TABLES as ASSESSMENT_TABLES
from ckanext.harbin_opendata.feedback.model import TABLES as FEEDBACK_TABLES
from ckanext.harbin_opendata.showcase.model import TABLES as SHOWCASE_TABLES
from ckanext.harbin_opendata.privacy.model import TABLES as PRIVACY_TABLES
from ckanext.harbin_opendata.review.model import TABLES as REVIEW_TABLES
from ckanext.harbin_opendata.tests import reuse

# Plugins of the test configuration that own database tables (or migrate CKAN's: harbin_tracking, harbin_metadata).
PLUGINS_WITH_TABLES = ("activity", "harvest", "harbin_review", "harbin_privacy", "harbin_feedback", "harbin_assessment",
                       "harbin_showcase", "harbin_tracking", "harbin_access", "harbin_metadata")


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium through Playwright, one for the whole run: the browser journeys and the
    production drill's page checks share it (a second sync Playwright in one process is refused)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def with_plugins(ckan_config):
    """CKAN's with_plugins, loading the plugins again only when the configuration or the loaded
    plugins changed (see reuse.py); they stay loaded after the test."""
    reuse.ensure_plugins_loaded()
    yield


@pytest.fixture
def make_app(ckan_config):
    """CKAN's make_app, reusing the web application while nothing it was built from changed."""
    return reuse.web_app


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def clean_db(reset_db, migrate_db_for):
    """CKAN's clean_db, then the migrations of every plugin that owns tables, then our own tables
    emptied (TRUNCATE: the audit log refuses DELETE)."""
    clean_database(reset_db, migrate_db_for)


def clean_database(reset_db, migrate_db_for) -> None:
    """What clean_db does, for fixtures of a wider scope (they get reset_db and migrate_db_for, both
    session fixtures)."""
    reuse.ensure_migrated(reset_db, migrate_db_for, PLUGINS_WITH_TABLES)  # loaded ones only
    tables = [name for name in REVIEW_TABLES + PRIVACY_TABLES + FEEDBACK_TABLES + ASSESSMENT_TABLES + SHOWCASE_TABLES
              + ACCESS_TABLES
              if model.Session.execute(sa.text("SELECT to_regclass(:name)"), {"name": name}).scalar()]
    model.Session.execute(sa.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY"))
    model.Session.commit()
