"""Alembic environment of this plugin's migrations: the suite's shared one, with the plugin's tables."""
import os

from ckanext.harbin_opendata.common.alembic_env import run
from ckanext.harbin_opendata.access.model import Base

run(os.path.basename(os.path.dirname(__file__)), Base.metadata)
