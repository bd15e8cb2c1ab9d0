"""Harvester `harbin_spreadsheet`: an agency's catalog list (目录清单) as an XLSX or CSV file."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckanext.harvest.harvesters.base import HarvesterBase
from ckanext.harvest.model import HarvestJob

from .. import sourceconfig, tables
from ..base import HarbinHarvesterMixin
from ...common.tabular import Limits as TableLimits
from ..download import local_file
from ..listing import Listing

__all__ = ["HarbinSpreadsheetHarvester"]


class HarbinSpreadsheetHarvester(HarbinHarvesterMixin, HarvesterBase):
    """Source URL: the file. Config keys: `columns` (field → header name, added to the usual
    Chinese headers), `format` (accepted; the file's content decides), `sheet`, `encoding` (of a text file, applied strictly)."""

    own_config_keys = {"columns", "format", "sheet", "encoding"}

    def info(self) -> dict[str, str]:
        return {
            "name": "harbin_spreadsheet",
            "title": tk._("Catalog spreadsheet (XLSX/CSV)"),
            "description": tk._("An agency's catalog list (目录清单) as an XLSX or CSV file with Chinese "
                                "column headers (资源名称, 资源代码, 数据领域, …)."),
        }

    def check_own_config(self, config: dict[str, Any]) -> None:
        if "columns" in config:
            sourceconfig.check_fields(config["columns"], "columns")
        if config.get("format") not in (None, "xlsx", "csv"):
            raise ValueError(tk._("“format” must be “xlsx” or “csv”."))
        for key in ("sheet", "encoding"):
            if key in config and not isinstance(config[key], str):
                raise ValueError(tk._("“{key}” must be a text.").format(key=key))

    def list_records(self, job: HarvestJob, config: dict[str, Any]) -> Listing:
        """The file is read for what its bytes are (XLSX, XLS, ODS, CSV in any encoding)."""
        limits = self.limits(config)
        with local_file(job.source.url, limits, config.get("headers")) as path:
            sheet, rows = tables.catalog_sheet(path, TableLimits(max_unpacked_bytes=limits.max_bytes * 20),
                                               config.get("sheet"), config.get("encoding"))
            return Listing(list(tables.records(rows, config.get("columns"), sheet, label_rows=True)))
