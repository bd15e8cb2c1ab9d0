"""`ckan harbin review …`: audit export and overdue catalog adjustments."""
from __future__ import annotations

import datetime as dt
import sys

import click

from . import adjustments, audit

__all__ = ["review"]


@click.group("review")
def review() -> None:
    """Review workflow (harbin_review)."""


@review.command("audit-export")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Only events from this day on.")
@click.option("--output", type=click.File("w", encoding="utf-8-sig"), default="-",
              help="CSV file to write (default: standard output).")
def audit_export(since: dt.datetime, output) -> None:
    """Export the audit log as CSV (UTF-8 with BOM, opens in spreadsheet programs)."""
    count = audit.write_csv(audit.events_since(since.replace(tzinfo=dt.timezone.utc) if since else None), output)
    click.echo(f"{count} events exported.", err=True)


@review.command("overdue-adjustments")
def overdue_adjustments() -> None:
    """List catalog adjustments open past their due date; exits 1 if there is any."""
    overdue = [a for a in adjustments.query() if adjustments.status(a) == "overdue"]
    for adjustment in overdue:
        click.echo(f"{adjustment.due_date}  {adjustment.organization_id}  {adjustment.description}")
    click.echo(f"{len(overdue)} overdue catalog adjustments.", err=True)
    if overdue:
        sys.exit(1)
