"""`ckan harbin privacy …`: scan an entry's resources (or every entry's) from the command line, and
read the texts stored in the catalog again for personal data."""
from __future__ import annotations

from typing import Optional

import click

import ckan.model as model
import ckan.plugins.toolkit as tk

__all__ = ["privacy"]


@click.group(short_help="Personal-data scans and masking (harbin_privacy).")
def privacy() -> None:
    pass


def _progress(label: str):
    def report(rows_done: int) -> None:
        click.echo(f"\r  {label}: {rows_done} rows", nl=False)
    return report


def _print_scan(scan_id: str) -> None:
    from .labels import error_message, kind_label
    from .model import Scan

    done = model.Session.get(Scan, scan_id)
    if done.error:
        click.secho(f"  failed: {error_message(done.error)}", fg="red")
        return
    uncertain = [table["name"] or "-" for table in done.tables or [] if not table["confident"]]
    click.echo(f"  {done.rows_done} rows, {len(done.columns or [])} columns, "
               f"{len(done.personal_columns)} with personal data")
    if uncertain:
        click.secho(f"  header row to confirm: {', '.join(uncertain)}", fg="yellow")
    for column in done.personal_columns:
        kinds = ", ".join(f"{kind_label(kind)} ×{column['counts'].get(kind, 0) + column['embedded'].get(kind, 0)}"
                          for kind in column["kinds"])
        examples = " ".join(example for values in column["examples"].values() for example in values)
        click.secho(f"    {column['header'] or column['column'] + 1}: {kinds}  e.g. {examples}", fg="yellow")


def _entries(dataset: Optional[str], every: bool) -> list[model.Package]:
    if every:
        return model.Session.query(model.Package).filter(model.Package.state == "active",
                                                         model.Package.type == "dataset").all()
    package = model.Package.get(dataset or "")
    if package is None or package.state == "deleted":
        raise click.ClickException(f"No catalog entry {dataset!r}.")
    return [package]


@privacy.command("scan", short_help="Scan an entry's resources (or --all entries') now and print the findings.")
@click.argument("dataset", required=False)
@click.option("--all", "every", is_flag=True, help="Every entry (after an upgrade: old scans no longer count).")
@click.option("--resource", "resource_id", help="Only this resource.")
@click.option("--background", is_flag=True, help="Queue the scans for the workers instead.")
def scan(dataset: Optional[str], every: bool, resource_id: Optional[str], background: bool) -> None:
    from . import jobs

    if not dataset and not every:
        raise click.UsageError("Name an entry, or give --all.")
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    scans = [scan for package in _entries(dataset, every)
             for scan in jobs.scan_package(package, site_user, force=True, resource_id=resource_id)]
    if not scans:
        raise click.ClickException("No resource with a file to scan.")
    if background:
        jobs.enqueue_after_commit(scans)
        model.repo.commit()
        click.echo(f"Queued {len(scans)} scan(s).")
        return
    model.repo.commit()
    for item in scans:
        resource = model.Resource.get(item.resource_id)
        jobs.run_scan(item.id, _progress(resource.name or resource.id))
        click.echo()
        _print_scan(item.id)


@privacy.command("links", short_help="Fetch linked files again; scan again those that changed.")
@click.argument("dataset", required=False)
def links(dataset: Optional[str]) -> None:
    """Fetch each linked file (of one entry, or of all) again and compare it with the bytes its scan
    read (link_refetch.py); a changed one, or one whose scan kept no bytes, is scanned again."""
    from .link_refetch import refetch_links

    ids = None
    if dataset:
        package = model.Package.get(dataset)
        if package is None:
            raise click.BadParameter(f"No entry {dataset!r}.")
        ids = [package.id]
    done = refetch_links(ids)
    for resource_id in done.changed:
        click.echo(f"changed, scanning again: {resource_id}")
    click.echo(f"{len(done.same)} unchanged, {len(done.changed)} scanned again, "
               f"{len(done.unreachable)} not fetched.")


@privacy.command("texts", short_help="Check the texts stored in the catalog (entries, files, views, agencies) again.")
@click.argument("dataset", required=False)
@click.option("--all", "every", is_flag=True, help="Every entry, agency and group (after an upgrade of the check).")
@click.option("--withdraw", is_flag=True, help="Withdraw each published entry whose texts fail (it becomes private).")
def texts(dataset: Optional[str], every: bool, withdraw: bool) -> None:
    """List what the metadata check refuses now among the texts saved before it, and keep the
    result (text_recheck.py: an agency's failing texts are withheld); exit 1 if any."""
    from .stored_texts import active_groups, error_lines
    from .text_recheck import recheck

    if not dataset and not every:
        raise click.UsageError("Name an entry, or give --all.")
    done = recheck(_entries(dataset, every), active_groups() if every else [], withdraw)
    for item in done.failing:
        click.secho(f"{item.what} {item.name}", fg="yellow")
        for line in error_lines(item.errors):
            click.echo(f"  {line}")
    for name in done.unread:
        click.secho(f"{name}: could not be read (see the log)", fg="red")
    for name, outcome in done.withdrawn.items():
        click.echo(f"{name}: {outcome}")
    click.echo(f"{len(done.failing)} stored text(s) with personal data.")
    if done.failing or done.unread:
        raise SystemExit(1)
