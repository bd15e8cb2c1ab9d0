"""`ckan harbin …`: the suite's command-line root. Each plugin adds its commands to `harbin`."""
from __future__ import annotations

import click

__all__ = ["harbin"]


@click.group(short_help="Harbin open-data platform commands.")
def harbin() -> None:
    """Commands of the Harbin public open-data platform (ckanext-harbin-opendata)."""
