"""harbin_harvest: the `ckan harbin harvest …` commands and options of the Harbin harvesters.

The harvesters themselves are plugins of their own (one per module in `harvesters/`):
harbin_spreadsheet_harvester, harbin_json_api_harvester, harbin_ckan_harvester and
harbin_dcat_harvester, each an IHarvester for ckanext-harvest's gather/fetch/import queues.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from . import cli


@tk.blanket.config_declarations
class HarbinHarvestPlugin(p.SingletonPlugin):
    p.implements(p.IClick)

    # IClick: `ckan harbin harvest …`, under the base plugin's group
    def get_commands(self) -> list[Any]:
        from ckanext.harbin_opendata.common.cli import harbin

        harbin.add_command(cli.harvest)
        return []
