"""Parallel runs (scripts/test.sh, pytest-xdist): a worker never shares a database, DataStore, Solr
core, Redis db or storage directory with another (tests/workers.py, scripts/test-workers.sh)."""
from __future__ import annotations

import os

import pytest

import ckan.plugins.toolkit as tk

from .workers import worker_ini


def test_a_workers_configuration_sits_beside_the_given_one():
    assert str(worker_ini("/srv/harbin/test.ini", "gw1")) == "/srv/harbin/test-gw1.ini"


def test_each_worker_has_its_own_services():
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        pytest.skip("one test process: nothing is shared")
    own = {key: tk.config[key] for key in ("sqlalchemy.url", "solr_url", "ckan.datastore.write_url",
                                           "ckan.datastore.read_url")}
    assert all(value.endswith(f"_{worker}") for value in own.values()), own
    assert tk.config["ckan.storage_path"].endswith(f"test-storage-{worker}")
    number = int(worker.removeprefix("gw"))
    assert tk.config["ckan.redis.url"].endswith(f"/{8 + number}")
    assert str(tk.config["ckan.harvest.mq.redis_db"]) == str(8 + number)
