"""Each plugin's migrations make exactly the tables its model describes: Alembic's autogenerate,
run against the migrated test database, proposes nothing (so a new migration is written from a
change of the model, not from old differences)."""
from __future__ import annotations

import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import ckan.model as model

from ckanext.harbin_opendata.common.alembic_env import in_scope

AREAS_WITH_TABLES = ("access", "assessment", "feedback", "privacy", "review", "showcase")


@pytest.mark.usefixtures("with_plugins", "clean_db")
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection")  # CKAN's expression indexes
@pytest.mark.parametrize("area", AREAS_WITH_TABLES)
def test_autogenerate_proposes_nothing_on_a_migrated_database(area: str):
    metadata = importlib.import_module(f"ckanext.harbin_opendata.{area}.model").Base.metadata
    with model.meta.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "include_object": in_scope(f"harbin_{area}"), "compare_type": True, "compare_server_default": True})
        assert compare_metadata(context, metadata) == []
