"""harbin_metadata_draft_items: the entry form's 从文件生成数据项. The data items (数据项) of an
entry drafted from a table (an uploaded or linked file of the entry, or a file the editor chose in
the form): names from the header the suite's tabular reader finds (title rows, merged cells, GBK …),
types from the values (common/data_items.py, as for harvested records), and an example value the
privacy area judged free of personal data (harbin_privacy_check_columns; without that area, none).
The items the form lists already are kept: a drafted item only fills their empty fields (merged by
name) and items with new names are added after them; nothing is saved, the editor saves the form."""
from __future__ import annotations

import contextlib
import os
import tempfile
from typing import Any, Iterator, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ...common.actions import validated
from ...common.data_items import columns_from_file, drafted_item
from ...common.downloads import FileError, local_copy
from ...common.file_messages import file_message
from ...common.tabular import TableError
from . import item_schema

__all__ = ["harbin_metadata_draft_items", "merged_items", "upload_path"]

ITEM_FIELDS = ("name", "type", "unit", "description", "example")
_LINK_TIMEOUT = 10  # seconds: the editor's request waits for it


def _limit() -> int:
    return int(tk.config["ckanext.harbin_opendata.metadata.draft_items_max_mb"]) * 1024 * 1024


@contextlib.contextmanager
def upload_path(upload: Any, limit: int) -> Iterator[str]:
    """The uploaded file in a temporary file; a file over `limit` bytes is refused."""
    handle, path = tempfile.mkstemp(prefix="harbin-items-")
    try:
        with os.fdopen(handle, "wb") as out:  # stops at the limit rather than copying it all first
            written = 0
            while chunk := upload.stream.read(1 << 20):
                written += len(chunk)
                if written > limit:
                    raise tk.ValidationError({"upload": [file_message(f"too_large:{limit}")]})
                out.write(chunk)
        yield path
    finally:
        os.unlink(path)


def _linked(resource: model.Resource) -> bool:
    return resource.url_type != "upload" and (resource.url or "").lower().startswith(("http://", "https://"))


def _resource(package: model.Package, resource_id: Optional[str]) -> model.Resource:
    """The named file of the entry, or its newest uploaded file, or (none uploaded) its newest
    linked one."""
    files = [resource for resource in package.resources if resource.state == "active"
             and (resource.url_type == "upload" or _linked(resource))]
    if resource_id:
        files = [resource for resource in files if resource.id == resource_id]
    if not files:
        raise tk.ValidationError({"resource_id": [
            tk._("The entry has no file to draft the data items from: upload a CSV or Excel file or link one, "
                 "or choose one here.")]})
    uploads = [resource for resource in files if resource.url_type == "upload"]
    return (uploads or files)[-1]


@contextlib.contextmanager
def _table_file(package: Optional[model.Package], data: dict[str, Any]) -> Iterator[tuple[str, str, Optional[str]]]:
    """(path, the file's name, the resource id) of the table to draft from. A linked file is
    fetched through the suite's guarded downloader (blocked networks refused), its first bytes
    up to the limit, within _LINK_TIMEOUT seconds; it gives names and types, no examples."""
    if data.get("upload") is not None:
        with upload_path(data["upload"], _limit()) as path:
            yield path, os.path.basename(data["upload"].filename or ""), None
        return
    if package is None:
        raise tk.ValidationError({"upload": [tk._("Choose a CSV or Excel file to draft the data items from.")]})
    resource = _resource(package, data.get("resource_id"))
    try:
        with local_copy(resource, _limit(), timeout=_LINK_TIMEOUT, truncate=True) as path:
            # a linked file may have changed since its scan read it: its values give no example
            # a linked file may have changed since its scan read it: its values give no example
            yield path, resource.name or resource.url or "", None if _linked(resource) else resource.id
    except FileError as error:
        raise tk.ValidationError({"resource_id": [file_message(error.stored())]}) from error


def _privacy_view(context: Context, columns: list[tuple[str, list[str]]], resource_id: Optional[str]) -> list[dict[str, Any]]:
    """The privacy area's judgement of each column (fail closed: no example without it)."""
    blank = [{"personal": False, "kind_labels": [], "example": ""} for _ in columns]
    try:
        check = tk.get_action("harbin_privacy_check_columns")
    except KeyError:  # harbin_privacy not loaded: nothing says a value is free of personal data
        return blank
    given = {"columns": [{"header": name, "values": values} for name, values in columns]}
    if resource_id:
        given["resource_id"] = resource_id
    try:
        return check({"user": context.get("user")}, given)["columns"]
    except tk.NotAuthorized:
        return blank


def _key(name: Any) -> str:
    return "".join(str(name or "").split()).casefold()


def merged_items(current: list[dict[str, str]], drafted: list[dict[str, str]]) -> tuple[list[dict[str, str]], list[str], list[str]]:
    """(the current items with their empty fields filled by the drafted item of the same name,
    then the drafted items of new names; the names added; the names completed)."""
    by_name = {_key(item["name"]): item for item in drafted}
    merged, completed = [], []
    for item in current:
        draft = by_name.pop(_key(item.get("name")), None) if item.get("name") else None
        filled = dict(item)
        if draft is not None:
            filled.update({field: draft[field] for field in ITEM_FIELDS if not item.get(field) and draft.get(field)})
            if filled != item:
                completed.append(item["name"])
        merged.append(filled)
    added = [item for item in drafted if _key(item["name"]) in by_name]
    return merged + added, [item["name"] for item in added], completed


def harbin_metadata_draft_items(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Data items drafted from a table, merged with the items the form lists (nothing is saved).

    :param id: id or name of the entry (optional with `upload`, for an entry not created yet)
    :param resource_id: the entry's file to read (default: its newest uploaded file, else its newest linked one)
    :param upload: a file to read instead (CSV, XLSX, XLS, ODS …)
    :param items: the items the form lists now (list of {name, type, unit, description, example})
    :returns: {"items", "added", "completed", "source", "without_example": [{"name", "kind_labels"}]}
    """
    tk.check_access("harbin_metadata_draft_items", context, data_dict)
    current = item_schema.checked_items(data_dict.get("items"))
    data = validated(context, {key: value for key, value in data_dict.items() if key != "items"},
                     item_schema.draft_schema)
    package = model.Package.get(data["id"]) if data.get("id") else None
    if data.get("id") and (package is None or package.state == "deleted"):
        raise tk.ObjectNotFound(tk._("Catalog entry not found"))
    with _table_file(package, data) as (path, source, resource_id):
        try:
            columns = columns_from_file(path, _limit())
        except TableError as error:
            raise tk.ValidationError({"upload": [file_message(error.stored())]}) from error
    if not columns:
        raise tk.ValidationError({"upload": [tk._(
            "No header row was found with certainty in {file}: enter the data items by hand.").format(file=source)]})
    drafted, without = [], []
    for (name, values), view in zip(columns, _privacy_view(context, columns, resource_id)):
        drafted.append(dict(drafted_item(name, values), unit="", example=view["example"]))
        if not view["example"]:
            without.append({"name": name, "kind_labels": view["kind_labels"], "personal": view["personal"]})
    items, added, completed = merged_items(current, drafted)
    return {"items": items, "added": added, "completed": completed, "source": source, "without_example": without}
