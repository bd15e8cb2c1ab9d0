"""`ckan harbin privacy …`: scan an entry's resources from the command line, with progress."""
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
    def report(bytes_done: Optional[int], rows_done: int) -> None:
        size = f"{bytes_done / (1 << 20):.1f} MB, " if bytes_done else ""
        click.echo(f"\r  {label}: {size}{rows_done} rows", nl=False)
    return report


@privacy.command("scan", short_help="Scan an entry's CSV/XLSX resources now and print the findings.")
@click.argument("dataset")
@click.option("--resource", "resource_id", help="Only this resource.")
@click.option("--background", is_flag=True, help="Queue the scans for the worker instead.")
def scan(dataset: str, resource_id: Optional[str], background: bool) -> None:
    from . import scanning
    from .messages import error_message, kind_label

    package = model.Package.get(dataset)
    if package is None or package.state == "deleted":
        raise click.ClickException(f"No catalog entry {dataset!r}.")
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    scans = scanning.scan_package(package, site_user, force=True, resource_id=resource_id)
    if not scans:
        raise click.ClickException("The entry has no CSV or XLSX resource to scan.")
    if background:
        scanning.enqueue_after_commit(scans)
        model.repo.commit()
        click.echo(f"Queued {len(scans)} scan(s) on {tk.config['ckanext.harbin_opendata.privacy.queue']}.")
        return
    model.repo.commit()
    for item in scans:
        resource = model.Resource.get(item.resource_id)
        scanning.run_scan(item.id, _progress(resource.name or resource.id))
        click.echo()
        done = model.Session.get(type(item), item.id)
        if done.error:
            click.secho(f"  failed: {error_message(done.error)}", fg="red")
            continue
        click.echo(f"  {done.rows_done} rows, {len(done.columns or [])} columns, "
                   f"{len(done.personal_columns)} with personal data")
        for column in done.personal_columns:
            kinds = ", ".join(f"{kind_label(kind)} ×{column['counts'].get(kind, 0) + column['embedded'].get(kind, 0)}"
                              for kind in column["kinds"])
            examples = " ".join(example for values in column["examples"].values() for example in values)
            click.secho(f"    {column['header'] or column['column'] + 1}: {kinds}  e.g. {examples}", fg="yellow")
