"""gunicorn settings of a web node (`gunicorn -c python:ckanext.harbin_opendata.ops.gunicorn_conf`):
the portal is loaded once in the master and forked into the workers, so a node (re)starts with one
load of CKAN instead of one per worker, and a worker gunicorn replaces comes up at once. Loading
CKAN opens a database connection; each worker drops the master's pool (without closing the
connection under the master) and opens its own. Redis and Solr clients already reconnect per process."""
from __future__ import annotations

from typing import Any

__all__ = ["preload_app", "post_fork"]

preload_app = True


def post_fork(server: Any, worker: Any) -> None:
    from ckan.model import meta

    if meta.engine is not None:
        meta.engine.dispose(close=False)
