"""Reachability checks of the services the platform runs on (for `ckan harbin check`)."""
from __future__ import annotations

from typing import Callable, Iterator, Optional

import sqlalchemy as sa

import ckan.model as model
from ckan.lib import search
from ckan.lib.redis import connect_to_redis

__all__ = ["check_all"]


def _database() -> None:
    model.Session.execute(sa.text("SELECT 1"))


def _solr() -> None:
    search.check_solr_schema_version()
    search.make_connection().search(q="*:*", rows=0)


def _redis() -> None:
    connect_to_redis().ping()


_CHECKS: dict[str, Callable[[], None]] = {"PostgreSQL": _database, "Solr": _solr, "Redis": _redis}


def check_all() -> Iterator[tuple[str, Optional[str]]]:
    """Yield (service, None) when it answers, (service, reason) when it does not."""
    for name, probe in _CHECKS.items():
        try:
            probe()
        except Exception as error:  # noqa: BLE001 - any failure is the answer we report
            yield name, f"{type(error).__name__}: {error}"
        else:
            yield name, None
