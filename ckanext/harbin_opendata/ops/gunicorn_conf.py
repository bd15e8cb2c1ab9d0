"""gunicorn settings of a web node (`gunicorn -c python:ckanext.harbin_opendata.ops.gunicorn_conf`):
the portal is loaded once in the master and forked into the workers, so a node (re)starts with one
load of CKAN instead of one per worker, and a worker gunicorn replaces comes up at once.

Loading CKAN opens database connections: CKAN's own and the DataStore's (its plugin checks its
databases' permissions). Before each fork the master closes them — the DataStore's through CKAN's
IForkObserver, as CKAN's job worker does before forking a job — so that no two workers ever share
one connection (two processes talking on one socket mix up each other's queries). Redis and Solr
clients already reconnect per process.

The master then freezes the objects it holds (startup_objects.py): the workers inherit them out of
the collector's sight, and the collections of a worker do not write to the pages it shares with the
master (Python's gc.freeze documentation).

The request line and header limits are nginx's (large_client_header_buffers, 16 KB a line), which
answers with the platform's page (ops/deploy.py): gunicorn's own, smaller ones (4,094 bytes of
request line) let nginx pass an address of 5,000 characters and answered it with gunicorn's bare
English "Bad Request". Web nodes listen behind nginx only."""
from __future__ import annotations

from typing import Any

__all__ = ["preload_app", "pre_fork", "limit_request_line", "limit_request_field_size", "limit_request_fields"]

preload_app = True
limit_request_line = 0  # unlimited here (gunicorn reads up to 1 MB): nginx's 16 KB applies first
limit_request_field_size = 32768  # above nginx's 16 KB a header line (0 would mean gunicorn's 8,190)
limit_request_fields = 32768  # gunicorn's largest; nginx's 4 × 16 KB of headers bound them first


def pre_fork(server: Any, worker: Any) -> None:
    from ckan import plugins
    from ckan.model import meta

    for observer in plugins.PluginImplementations(plugins.IForkObserver):
        observer.before_fork()
    if meta.engine is not None:
        meta.engine.dispose()
    from ..startup_objects import freeze_now

    freeze_now()
