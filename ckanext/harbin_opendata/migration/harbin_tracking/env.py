"""Alembic environment of this plugin's migrations: the suite's shared one (no tables of its own:
its migration gives CKAN's tracking_raw its key)."""
import os

from ckanext.harbin_opendata.common.alembic_env import run

run(os.path.basename(os.path.dirname(__file__)), None)
