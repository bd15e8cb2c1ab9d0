"""The entry form drafts the data items (数据项) from the uploaded file: an editor may leave them
empty on the form's first step; the table uploaded on the second step gives them (header names,
column types, marked 待确认, never an example value), for the editor to check on the edit form
before submitting. Fail closed: a link, a file the reader cannot open, or one without a header
drafts nothing, and the entry cannot be finished or submitted until items are entered by hand."""
from __future__ import annotations

import logging
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.data_items import items_from_file
from ..common.downloads import FileError, local_copy
from ..common.tabular import TableError

__all__ = ["draft_items_from_upload"]

log = logging.getLogger(__name__)


def _lists_items(package: model.Package) -> bool:
    return package.extras.get("data_items") not in (None, "", "[]", "null")


def draft_items_from_upload(context: dict[str, Any], resource: dict[str, Any]) -> None:
    """After a file is uploaded to a draft entry listing no data items: draft them from it."""
    limit = tk.config["ckanext.harbin_opendata.metadata.draft_items_max_mb"] * 1024 * 1024
    package = model.Package.get(resource.get("package_id") or "")
    stored = model.Resource.get(resource.get("id") or "")
    if (not limit or package is None or stored is None or package.state != "draft"
            or stored.url_type != "upload" or _lists_items(package)):
        return
    try:
        with local_copy(stored, limit, timeout=0, truncate=True) as path:
            items = items_from_file(path, limit)
    except (FileError, TableError) as error:
        log.info("No data items drafted from %s: %s", stored.id, error)
        return
    except Exception:  # a draft is a help: the upload, already saved, must not fail with it
        log.exception("No data items drafted from %s", stored.id)
        return
    if items:
        try:
            tk.get_action("package_patch")({"user": context.get("user")}, {"id": package.id, "data_items": items})
        except (tk.ValidationError, tk.NotAuthorized, tk.ObjectNotFound) as error:
            log.info("Data items drafted from %s not saved: %s", stored.id, error)
