"""Parallel runs (pytest-xdist, `pytest -n N`): each worker gwK runs on its own database, DataStore,
Solr core, Redis db and storage directory, named in test-gwK.ini beside the --ckan-ini file
(scripts/test-workers.sh N writes them). Loaded by setup.cfg's addopts before CKAN's own plugin
reads --ckan-ini at the session's start."""
from __future__ import annotations

import os
import pathlib

import pytest


def worker_ini(ini: str, worker: str) -> pathlib.Path:
    path = pathlib.Path(ini)
    return path.with_name(f"{path.stem}-{worker}{path.suffix}")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    ini = config.getoption("ckan_ini", default=None)
    if not worker or not ini:
        return
    own = worker_ini(ini, worker)
    if not own.is_file():
        raise pytest.UsageError(f"{own} is missing: scripts/test-workers.sh N prepares N workers' databases "
                                f"and configuration files")
    config.option.ckan_ini = str(own)
