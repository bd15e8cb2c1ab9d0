"""Solr writes that wait out a SolrCloud failover. When the node holding a shard's leader dies, the
other replica refuses updates (HTTP 5xx: "Async exception during distributed update") until
ZooKeeper has expired the dead node's session and a new leader is elected — a few seconds, during
which an entry saved on the portal would fail with a 500. The production processes (web nodes, job
workers, harvest consumers, the scheduler) install `install()`: an update that fails for a reason on
the server's side is sent again every half second for up to `deploy.solr_write_retry_seconds`.
Updates are adds, deletes and commits by id, which may safely be sent twice; refusals (HTTP 4xx)
are not retried."""
from __future__ import annotations

import logging
import time
from typing import Any, Callable

import pysolr

import ckan.plugins.toolkit as tk
import ckan.lib.search as search
from ckan.lib.search import common, index, query

__all__ = ["FailoverSolr", "install", "transient"]

log = logging.getLogger(__name__)
_PAUSE = 0.5


def transient(error: pysolr.SolrError) -> bool:
    """A failure another attempt may not meet: no answer, or a server error (not a refusal)."""
    return "(HTTP 4" not in str(error)


class FailoverSolr(pysolr.Solr):
    retry_seconds: float = 0.0

    def _update(self, *args: Any, **kwargs: Any) -> Any:
        deadline = time.monotonic() + self.retry_seconds
        while True:
            try:
                return super()._update(*args, **kwargs)
            except pysolr.SolrError as error:
                if not transient(error) or time.monotonic() + _PAUSE > deadline:
                    raise
                log.warning("Solr update failed (%s); trying again", str(error)[:200])
                time.sleep(_PAUSE)


def _failover(make_connection: Callable[..., pysolr.Solr]) -> Callable[..., pysolr.Solr]:
    def make_failover_connection(decode_dates: bool = True) -> pysolr.Solr:
        connection = make_connection(decode_dates)
        connection.__class__ = FailoverSolr
        return connection

    make_failover_connection.wrapped = make_connection  # type: ignore[attr-defined]
    return make_failover_connection


def install() -> None:
    """Make CKAN's Solr connections of this process retry updates (once; no-op when the option is 0)."""
    FailoverSolr.retry_seconds = float(tk.config["ckanext.harbin_opendata.deploy.solr_write_retry_seconds"])
    if FailoverSolr.retry_seconds <= 0 or hasattr(common.make_connection, "wrapped"):
        return
    common.make_connection = _failover(common.make_connection)
    for module in (search, index, query):  # they import it by name
        module.make_connection = common.make_connection  # type: ignore[attr-defined]
