"""`ckan harbin access log flush|prune`: move the queued access-log rows into the table; delete
rows past ckanext.harbin_opendata.access.log_retention_days (run daily, e.g. from cron)."""
from __future__ import annotations

import click

from . import access_log

__all__ = ["access"]


@click.group("access")
def access() -> None:
    """Access to data: the access log."""


@access.group("log")
def log() -> None:
    """The access log (日志记录)."""


@log.command("flush")
def log_flush() -> None:
    """Move the rows queued in Redis into the access log table."""
    click.echo(f"{access_log.flush()} rows moved into the access log.")


@log.command("prune")
def log_prune() -> None:
    """Flush, then delete the rows older than the retention period."""
    access_log.flush()
    click.echo(f"{access_log.prune()} rows older than the retention period deleted.")
