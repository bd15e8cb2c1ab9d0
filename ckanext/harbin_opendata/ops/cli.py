"""`ckan harbin deploy | worker | consumer | scheduler | backup | restore`: production serving."""
from __future__ import annotations

import click

from . import backup as backups
from . import plan

__all__ = ["commands"]


@click.command("deploy")
@click.argument("output_dir", type=click.Path(file_okay=False))
@click.option("--role", "roles", multiple=True, type=click.Choice(plan.ROLES),
              help="Only these parts on this host (default: all). Run the scheduler on one host only.")
@click.option("--include", "includes", multiple=True, help="Further supervisord files to include (glob).")
@click.pass_context
def deploy(ctx: click.Context, output_dir: str, roles: tuple[str, ...], includes: tuple[str, ...]) -> None:
    """Write nginx, supervisord and systemd configuration for this host into OUTPUT_DIR, and build
    the web assets the web nodes serve."""
    from .deploy import build_webassets, write_config

    ini = ctx.obj.config["__file__"]
    for path in write_config(ini, output_dir, roles or plan.ROLES, includes):
        click.echo(path)
    build_webassets()


@click.command("worker")
@click.argument("queues", nargs=-1, required=True)
@click.option("--burst", is_flag=True, help="Stop when the queues are empty.")
def worker(queues: tuple[str, ...], burst: bool) -> None:
    """A background-job worker for QUEUES that first queues again the jobs of dead workers."""
    from .worker import run

    run(list(queues), burst)


@click.command("consumer")
@click.argument("kind", type=click.Choice(["gather", "fetch"]))
@click.option("--name", required=True, help="Unique on this host and kept across restarts (e.g. fetch-1).")
def consumer(kind: str, name: str) -> None:
    """A harvest gather or fetch consumer that takes over the message of its dead predecessor."""
    from .consumers import consume

    consume(kind, name)


@click.command("scheduler")
@click.pass_context
def scheduler(ctx: click.Context) -> None:
    """Start the periodic jobs at the times of ckanext.harbin_opendata.schedule.* (one per deployment)."""
    from .scheduler import build_scheduler

    build_scheduler(ctx.obj.config["__file__"]).start()


@click.command("backup")
@click.option("--output-dir", default=".", show_default=True, type=click.Path(file_okay=False))
def backup(output_dir: str) -> None:
    """Back up the databases and the storage folder into a new folder in OUTPUT_DIR."""
    try:
        target = backups.backup(output_dir, report=click.echo)
    except backups.BackupError as error:
        raise click.ClickException(str(error))
    click.secho(f"Backup written: {target}", fg="green")


@click.command("restore")
@click.argument("backup_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--yes", is_flag=True, help="Confirm: the databases and storage folder are replaced.")
@click.option("--no-reindex", is_flag=True, help="Leave the search index as it is.")
def restore(backup_dir: str, yes: bool, no_reindex: bool) -> None:
    """Replace the databases and the storage folder with BACKUP_DIR, then rebuild the search index."""
    if not yes:
        raise click.UsageError("restoring replaces the databases and the storage folder: add --yes")
    try:
        manifest = backups.restore(backup_dir, reindex=not no_reindex, report=click.echo)
    except backups.BackupError as error:
        raise click.ClickException(str(error))
    now, then = backups.counts(), manifest["counts"]
    for name, count in then.items():
        click.echo(f"{name}: {now.get(name)} (backup: {count})")
    if any(now.get(name) != count for name, count in then.items()):
        raise click.ClickException("the restored counts differ from the backup's")
    click.secho(f"Restored {backup_dir} (made {manifest['created']})", fg="green")


commands = [deploy, worker, consumer, scheduler, backup, restore]
