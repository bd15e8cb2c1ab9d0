from __future__ import annotations

import os
import resource
import sys
import time
from typing import Iterator

import pytest

import ckan.plugins.toolkit as tk

from .stack import ROOT, Stack

sys.path.insert(0, str(ROOT / "benchmarks"))  # the load generators of benchmarks/load.py


@pytest.fixture(scope="package")
def stack(request, report) -> Iterator[Stack]:
    """The production deployment of scripts/production.sh on a throw-away database, started once
    for the tests of this folder that need it (about a minute) and stopped after them."""
    datastore = {key: tk.config[key] for key in ("ckan.datastore.write_url", "ckan.datastore.read_url")}
    deployment, started, commands_cpu = Stack(tk.config["sqlalchemy.url"], datastore), time.monotonic(), _children_cpu()
    try:
        deployment.token = deployment.start(request.config.getoption("ckan_ini"), tk.config["ckan.redis.url"],
                                            str(tk.config.get("ckan.harvest.mq.redis_db") or 0))
        report(f"\nproduction deployment {deployment.database} up in {time.monotonic() - started:.0f} s")
        yield deployment
        report(f"\nthe deployment's processes used {deployment.cpu_seconds():.0f} CPU-seconds; the set-up and "
               f"drill commands {_children_cpu() - commands_cpu:.0f} (the machine has {os.cpu_count()} cores)")
    finally:
        deployment.stop()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@pytest.fixture(scope="package")
def report(request):
    """Write a line to the terminal even under -q (the drills' figures belong in the CI log)."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")

    def write(line: str) -> None:
        if reporter is None or capture is None:
            print(line)
            return
        with capture.global_and_fixture_disabled():  # fixtures' output is captured otherwise
            reporter.write_line(line)

    return write
