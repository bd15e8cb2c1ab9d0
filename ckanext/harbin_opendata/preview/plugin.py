"""harbin_preview: a table preview (first rows of CSV/XLSX resources) so that the public can look
before downloading (第十一条). It goes through resource_show like every view, so what the public
may not see is not previewed either; an entry whose files the visitor may not have (IFileAccess:
有条件开放 without a grant) shows no rows, only why."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig

from ..common import file_access
from ..common.views import view_context
from .table import PREVIEW_FORMATS, first_rows


@tk.blanket.config_declarations
class HarbinPreviewPlugin(p.SingletonPlugin):
    requires: tuple[str, ...] = ("harbin_opendata",)
    p.implements(p.IConfigurer)
    p.implements(p.IResourceView, inherit=True)

    # IConfigurer
    def update_config(self, config: CKANConfig) -> None:
        tk.add_template_directory(config, "templates")

    # IResourceView
    def info(self) -> dict[str, Any]:
        return {"name": "harbin_table_preview", "title": tk._("Table preview"), "icon": "table",
                "default_title": tk._("Table preview"), "iframed": False, "always_available": True}

    def can_view(self, data_dict: dict[str, Any]) -> bool:
        return (data_dict["resource"].get("format") or "").strip().lower() in PREVIEW_FORMATS

    def setup_template_variables(self, context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
        package = model.Package.get(data_dict["resource"].get("package_id") or "")
        refused = file_access.refusal(view_context()["user"], package) if package else tk._("Resource not found")
        if refused:
            return {"preview": {"error": "refused", "message": refused}}
        return {"preview": first_rows(data_dict["resource"]["id"])}

    def view_template(self, context: Any, data_dict: dict[str, Any]) -> str:
        return "harbin/preview.html"
