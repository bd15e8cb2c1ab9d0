"""Harvester `harbin_spreadsheet`: an agency's catalog list (目录清单) as an XLSX or CSV file."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckanext.harvest.harvesters.base import HarvesterBase
from ckanext.harvest.model import HarvestJob

from .. import sourceconfig, tables
from ..base import HarbinHarvesterMixin
from ..download import download
from ..listing import Listing

__all__ = ["HarbinSpreadsheetHarvester"]


class HarbinSpreadsheetHarvester(HarbinHarvesterMixin, HarvesterBase):
    """Source URL: the file. Config keys: `columns` (field → header name, added to the usual
    Chinese headers), `format` (xlsx or csv; else from the file), `sheet`, `encoding`."""

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
        with download(job.source.url, self.limits(config), config.get("headers")) as body:
            rows = self._rows(body, job.source.url, config)
            return Listing(list(tables.records(rows, config.get("columns"))))

    @staticmethod
    def _rows(body: Any, url: str, config: dict[str, Any]) -> Any:
        kind = config.get("format")
        if kind is None:
            kind = "xlsx" if tables.is_xlsx(body.read(4)) else "csv"
            body.seek(0)
        if kind == "xlsx":
            return tables.sheet_rows(body, config.get("sheet"))
        return tables.csv_rows(body, config.get("encoding"))
