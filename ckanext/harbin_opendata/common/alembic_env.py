"""The Alembic environment shared by every plugin's migrations (migration/<plugin>/env.py calls
`run` with the plugin's own MetaData): each plugin keeps its own version table,
`<plugin>_alembic_version`, and autogenerate compares only the tables named after the plugin, so
`ckan generate migration --autogenerate -p <plugin>` proposes exactly what the model changed."""
from __future__ import annotations

import importlib.util
import os
from logging.config import fileConfig
from types import ModuleType
from typing import Any, Callable, Optional

import sqlalchemy as sa
from alembic import context
from sqlalchemy import engine_from_config, pool

__all__ = ["run", "in_scope", "version_table", "earlier_revision"]


def version_table(name: str) -> str:
    return f"{name}_alembic_version"


def in_scope(name: str) -> Callable[..., bool]:
    """Alembic's `include_object` for plugin `name`: its own tables (not its version table, which is
    Alembic's), and of what the database holds, not the foreign keys into CKAN's tables (the
    migrations make them; the plugin's MetaData cannot name CKAN's tables)."""
    def include_object(object: Any, object_name: Optional[str], type_: str, reflected: bool, compare_to: Any) -> bool:
        if type_ == "table":
            return object_name is not None and object_name.startswith(name) and object_name != version_table(name)
        if type_ == "foreign_key_constraint" and reflected and compare_to is None:
            return object.referred_table.name.startswith(name)
        return True
    return include_object


def earlier_revision(here: str, name: str) -> ModuleType:
    """The migration file `name` (without .py) of the folder of `here` (a migration's __file__), as
    a module: a later revision takes the SQL of the objects it replaces from it, for its downgrade
    or as the base of its own version, instead of a second copy (Alembic's "replaceable objects")."""
    spec = importlib.util.spec_from_file_location(name, os.path.join(os.path.dirname(here), f"{name}.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(name: str, metadata: Optional[sa.MetaData]) -> None:
    """Run plugin `name`'s migrations; `metadata` describes its tables (None: it has none)."""
    config = context.config
    if config.config_file_name:
        fileConfig(config.config_file_name)
    options: dict[str, Any] = {"target_metadata": metadata, "version_table": version_table(name),
                               "include_object": in_scope(name), "compare_type": True, "compare_server_default": True}
    if context.is_offline_mode():
        context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True, **options)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, **options)
        with context.begin_transaction():
            context.run_migrations()
