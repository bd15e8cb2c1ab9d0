"""The base plugin's commands under `ckan harbin` (the group itself is common/cli.py): check, demo, search."""
from __future__ import annotations

import click

import ckan.plugins.toolkit as tk

from . import jobs, services
from .common.cli import harbin

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
