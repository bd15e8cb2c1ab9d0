"""`ckan harbin metadata …`."""
from __future__ import annotations

import sys

import click

from ..common.cells import csv_writer
from . import audit

__all__ = ["metadata"]


@click.group("metadata")
def metadata() -> None:
    """Catalog metadata (harbin_metadata)."""


@metadata.command("audit")
@click.option("--csv", "as_csv", is_flag=True, help="Write CSV (kind,name,title,missing) to stdout.")
def audit_command(as_csv: bool) -> None:
    """List entries and agencies that lack fields the Harbin schema requires.

    Existing stock-CKAN datasets stay readable after harbin_metadata is enabled; this tells what
    each needs before it can next be saved."""
    gaps = [("agency", *gap) for gap in audit.organization_gaps()]
    gaps += [("dataset", *gap) for gap in audit.dataset_gaps()]
    if as_csv:
        writer = csv_writer(sys.stdout)
        writer.writerow(["kind", "name", "title", "missing"])
        writer.writerows([kind, name, title, "; ".join(missing)] for kind, name, title, missing in gaps)
        return
    for kind, name, title, missing in gaps:
        click.echo(f"{kind:<8} {name}  {title}\n         missing: {', '.join(missing)}")
    click.echo(f"{len(gaps)} records lack required fields.")
