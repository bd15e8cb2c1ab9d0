from __future__ import annotations

import pytest

# Plugins of the test configuration that own database tables.
PLUGINS_WITH_TABLES = ("activity", "harvest")


@pytest.fixture
def clean_db(reset_db, migrate_db_for):
    """CKAN's clean_db, then the migrations of every plugin that owns tables."""
    reset_db()
    for plugin in PLUGINS_WITH_TABLES:
        migrate_db_for(plugin)
