"""Alembic environment of this plugin's migrations: the suite's shared one."""
import os

from ckanext.harbin_opendata.common.alembic_env import run

run(os.path.basename(os.path.dirname(__file__)))
