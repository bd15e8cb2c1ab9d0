"""`ckan harbin assess` and `ckan harbin report annual`."""
from __future__ import annotations

import datetime as dt
import os

import click

import ckan.plugins.toolkit as tk

from . import jobs, linkcheck

__all__ = ["assess", "report"]


@click.command("assess")
@click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), help="Snapshot day (default today).")
@click.option("--check-links", is_flag=True, help="Check every file and API address first.")
@click.option("--background", is_flag=True, help="Queue the work for `ckan jobs worker harbin_opendata:assessment`.")
def assess(day: dt.datetime, check_links: bool, background: bool) -> None:
    """Recompute the assessment snapshot of a day (replacing one of the same day)."""
    iso = day.date().isoformat() if day else None
    if background:
        job = jobs.enqueue(jobs.assess, [iso, check_links], title=f"assessment {iso or 'today'}")
        click.echo(f"Queued job {job.id} on {tk.config['ckanext.harbin_opendata.assessment.queue']}.")
        return
    if check_links:
        total = len(linkcheck.resources_to_check())
        with click.progressbar(length=total, label="Checking links") as bar:
            counts = linkcheck.check_links(progress=bar.update)
        click.echo(f"{counts['checked']} addresses checked, {counts['broken']} unreachable.")
    run = jobs.assess(iso)
    click.secho(f"Snapshot {run['snapshot_date']}: {run['agencies']} agencies, {run['entries']} entries, "
                f"mean score {run['score']}.", fg="green")


@click.group("report")
def report() -> None:
    """Reports of the assessment (harbin_assessment)."""


@report.command("annual")
@click.option("--year", type=int, required=True, help="The year reported on.")
@click.option("--output-dir", type=click.Path(file_okay=False), default=".", show_default=True,
              help="Where to write the HTML and DOCX files.")
def annual(year: int, output_dir: str) -> None:
    """The annual report (Chinese, HTML and DOCX) from the year's last snapshot (第十八条)."""
    from . import annual_report

    os.makedirs(output_dir, exist_ok=True)
    try:
        paths = annual_report.write(year, output_dir)
    except annual_report.NoSnapshot as error:
        raise click.ClickException(str(error))
    for path in paths:
        click.echo(path)
