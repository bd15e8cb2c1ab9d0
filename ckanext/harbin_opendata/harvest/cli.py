"""`ckan harbin harvest …`: create a source, run it now with progress, show its last job report."""
from __future__ import annotations

import json
import os
from typing import Any, Optional

import click

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.views import error_text

__all__ = ["harvest"]

HARVESTER_TYPES = ["harbin_spreadsheet", "harbin_json_api", "harbin_ckan", "harbin_dcat"]


def _context() -> dict[str, Any]:
    return {"user": tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"],
            "ignore_auth": True, "model": model, "session": model.Session}


def _source(name: str) -> dict[str, Any]:
    try:
        return tk.get_action("harvest_source_show")(_context(), {"id": name})
    except tk.ObjectNotFound:
        raise click.ClickException(f"No harvest source {name}.")


@click.group(short_help="Harvest legacy agency channels into the platform.")
def harvest() -> None:
    """Harvest sources of the Harbin harvesters (spreadsheets, JSON APIs, CKAN, DCAT)."""


@harvest.command("create")
@click.argument("name")
@click.argument("url")
@click.option("--type", "source_type", type=click.Choice(HARVESTER_TYPES), required=True)
@click.option("--title", help="Title of the source (default: the name).")
@click.option("--org", "owner_org", help="Agency (organization name) owning the source and its entries.")
@click.option("--config", "config", help="Source config: JSON text or the path of a JSON file.")
@click.option("--frequency", default="MANUAL", show_default=True,
              type=click.Choice(["MANUAL", "MONTHLY", "WEEKLY", "BIWEEKLY", "DAILY", "ALWAYS"]))
def create(name: str, url: str, source_type: str, title: Optional[str], owner_org: Optional[str],
           config: Optional[str], frequency: str) -> None:
    """Create harvest source NAME reading URL."""
    if config and os.path.isfile(config):
        with open(config, encoding="utf-8") as handle:
            config = handle.read()
    data = {"name": name, "title": title or name, "url": url, "source_type": source_type,
            "frequency": frequency, "config": config or "", "owner_org": owner_org or ""}
    try:
        source = tk.get_action("harvest_source_create")(_context(), data)
    except tk.ValidationError as error:
        raise click.ClickException(json.dumps(error.error_dict, ensure_ascii=False))
    click.secho(f"Harvest source {source['name']} ({source_type}) created: {url}", fg="green")


@harvest.command("run")
@click.argument("name")
def run(name: str) -> None:
    """Harvest source NAME now, in this process (gather, fetch, import), with progress. A job of
    the source left stalled (no progress for harvest.job_timeout minutes) is finished first."""
    from .runner import JobRunning, run_source

    source = _source(name)
    bar: list[Any] = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "gather":
            click.echo(f"Reading {source['url']} …")
        elif not bar:
            bar.append(click.progressbar(length=total, label="Importing"))
            bar[0].__enter__()
            bar[0].update(done)
        else:  # `done` counts the records of every importing process
            bar[0].update(done - bar[0].pos)

    try:
        summary = run_source(source["id"], progress)
    except JobRunning as error:
        raise click.ClickException(str(error))
    finally:
        if bar:
            bar[0].__exit__(None, None, None)
    _print_summary(summary, name)
    if summary["gather_errors"] or summary["errors"]:
        raise click.exceptions.Exit(1)


def _on_source(action: str, name: str, not_found: str = "") -> dict[str, Any]:
    """What a harbin_harvest_* action answers about source NAME; a refusal is the command's error."""
    source = _source(name)
    try:
        return tk.get_action(action)(_context(), {"id": source["id"]})
    except tk.ObjectNotFound as error:
        raise click.ClickException(not_found or str(error))
    except tk.ValidationError as error:
        raise click.ClickException(error_text(error))


@harvest.command("report")
@click.argument("name")
def report(name: str) -> None:
    """The report of the last job of source NAME."""
    summary = _on_source("harbin_harvest_job_report", name, f"Source {name} has not been harvested yet.")
    _print_summary(summary, name)


@harvest.command("confirm-withdrawals")
@click.argument("name")
def confirm_withdrawals(name: str) -> None:
    """Withdraw the entries that the last job of source NAME held back (too many at once)."""
    done = _on_source("harbin_harvest_withdrawals_confirm", name)
    click.secho(f"{done['withdrawn']} entries withdrawn (job {done['job_id']}).", fg="green")


_ORDER = ["created", "draft", "updated", "withdrawn", "unchanged", "duplicate", "error", "held"]


def _print_summary(summary: dict[str, Any], name: str) -> None:
    counts = summary["counts"]
    shown = ", ".join(f"{status}: {counts[status]}" for status in _ORDER + sorted(set(counts) - set(_ORDER))
                      if status in counts) or "no records"
    click.echo(f"Job {summary['id']} ({summary['status']}): {shown}")
    for message in summary["gather_errors"]:
        click.secho(f"  source: {message}", fg="red")
    for kind, color in (("errors", "yellow"), ("warnings", "cyan")):
        for group in summary[kind]:
            more = f" …(+{group['count'] - len(group['records'])})" if group["count"] > len(group["records"]) else ""
            click.secho(f"  {kind[:-1]} ×{group['count']}: {group['cause']}", fg=color)
            click.echo(f"      records: {'; '.join(group['records'])}{more}")
    for field, found in summary["unmapped"].items():
        values = ", ".join(f"{value} ({count})" for value, count in found["values"].items())
        click.secho(f"  unmapped {field}: {values}", fg="yellow")
        click.echo(f"      allowed: {', '.join(found['allowed'])}")
    if counts.get("held"):
        click.secho(f"  {counts['held']} withdrawals held: ckan harbin harvest confirm-withdrawals {name}", fg="red")
