"""The Alembic environment shared by every plugin's migrations (migration/<plugin>/env.py calls
`run`): each plugin keeps its own version table, `<plugin>_alembic_version`, and autogenerate
looks only at the tables named after the plugin."""
from __future__ import annotations

from logging.config import fileConfig
from typing import Any

from alembic import context
from sqlalchemy import engine_from_config, pool

from ckan.model.meta import metadata

__all__ = ["run"]


def run(name: str) -> None:
    config = context.config
    fileConfig(config.config_file_name)

    def include_object(object: Any, object_name: str, type_: str, reflected: bool, compare_to: Any) -> bool:
        return object_name.startswith(name) if type_ == "table" else True

    options = {"target_metadata": metadata, "version_table": f"{name}_alembic_version", "include_object": include_object}
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
