"""The base plugin's commands under `ckan harbin` (the group itself is common/cli.py): check, demo, search."""
from __future__ import annotations

import click

import ckan.plugins.toolkit as tk

from . import jobs, services
from .common.cli import harbin
from .ops import cli as ops_cli

__all__ = ["harbin"]


@harbin.command("check")
def check() -> None:
    """Check that PostgreSQL, Solr and Redis answer, and report each one."""
    failures = 0
    for name, problem in services.check_all():
        click.echo(f"{name:<12} {'OK' if problem is None else 'FAIL: ' + problem}")
        failures += problem is not None
    if failures:
        raise click.exceptions.Exit(1)


@harbin.group("demo")
def demo() -> None:
    """Demo agencies and catalog entries."""


@demo.command("load")
def demo_load() -> None:
    """Create the demo agencies and catalog entries that do not exist yet."""
    from .demo.loader import load_demo

    orgs, datasets = load_demo(report=click.echo)
    click.secho(f"Demo data: {orgs} agencies and {datasets} entries created.", fg="green")


@harbin.group("search")
def search() -> None:
    """Search index maintenance."""


@search.command("reindex")
@click.option("--background", is_flag=True, help="Queue the work for a `ckan jobs worker`.")
def search_reindex(background: bool) -> None:
    """Reindex every dataset (needed after changing ckanext.harbin_opendata.search.cjk)."""
    ids = jobs.all_dataset_ids()
    if background:
        job = jobs.enqueue(jobs.reindex_datasets, [ids], title=f"reindex {len(ids)} datasets")
        click.echo(f"Queued job {job.id} on {tk.config['ckanext.harbin_opendata.jobs.queue']}.")
        return
    with click.progressbar(length=len(ids), label="Reindexing") as bar:
        jobs.reindex_datasets(ids, progress=bar.update)


@search.command("check")
@click.option("--repair", is_flag=True, help="Make the index agree: index entries as committed, remove documents of absent ones.")
@click.option("--grace", type=int, default=None,
              help="Leave documents written in the last GRACE seconds alone (default: search_check.grace_seconds).")
def search_check(repair: bool, grace: int | None) -> None:
    """Compare the search index with the database (exit 1 on a difference not repaired)."""
    from .ops import search_check as checks

    found = checks.differences(checks.grace_seconds() if grace is None else grace)
    click.echo(f"{found.documents} documents, {found.entries} entries: {len(found.ghosts)} documents of entries not "
               f"in the database, {len(found.stale)} out of date, {len(found.outdated)} written by an older indexing, "
               f"{len(found.missing)} entries without a document")
    for kind in ("ghosts", "stale", "outdated", "missing"):
        ids = getattr(found, kind)
        if ids:
            click.echo(f"  {kind}: {', '.join(ids[:20])}{' …' if len(ids) > 20 else ''}")
    if not found:
        return
    if not repair:
        raise click.exceptions.Exit(1)
    failed = checks.repair(found)
    for package_id, error in failed.items():
        click.echo(f"  not repaired: {package_id}: {error}", err=True)
    if failed:
        raise click.ClickException(f"{len(failed)} entries not repaired")
    click.secho("Repaired", fg="yellow")


for _command in ops_cli.commands:
    harbin.add_command(_command)
