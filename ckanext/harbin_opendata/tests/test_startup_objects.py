"""The objects a web process holds once started are frozen out of the collector's full passes at the
first request (startup_objects.py, issue 20), once per process."""
from __future__ import annotations

import gc

from ckanext.harbin_opendata import startup_objects


def test_the_first_request_freezes_what_the_process_holds(app):
    app.get("/dataset/")
    frozen = gc.get_freeze_count()
    assert frozen > 100_000  # CKAN and the plugins: ~215,000 objects on the benchmark's data
    app.get("/dataset/")
    assert gc.get_freeze_count() == frozen  # once per process: later pages freeze nothing more
    assert startup_objects._FROZEN == [True]
