"""Alembic environment of this plugin's migrations: the suite's shared one (no tables of its own:
its migration indexes CKAN's package_extra for the resource-code check)."""
import os

from ckanext.harbin_opendata.common.alembic_env import run

run(os.path.basename(os.path.dirname(__file__)), None)
