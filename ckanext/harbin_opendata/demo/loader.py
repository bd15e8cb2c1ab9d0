"""Load the demo agencies and catalog entries, with generated CSV resources, into the portal.

Idempotent: agencies and entries that already exist (by name) are left as they are. The YAML files
also hold the Harbin catalog fields (credit code, domain, data items, update frequency, open type);
only the fields the active CKAN schema knows are sent.
"""
from __future__ import annotations

import csv
import io
import pathlib
from typing import Any, Callable

import yaml
from werkzeug.datastructures import FileStorage

import ckan.plugins.toolkit as tk

from .samples import sample_rows

__all__ = ["load_demo", "demo_agencies", "demo_datasets"]

_HERE = pathlib.Path(__file__).parent
_LICENSE = "cc-by"


def demo_agencies() -> list[dict[str, Any]]:
    return yaml.safe_load((_HERE / "agencies.yaml").read_text(encoding="utf-8"))


def demo_datasets() -> list[dict[str, Any]]:
    return yaml.safe_load((_HERE / "datasets.yaml").read_text(encoding="utf-8"))


def _context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def _exists(action: str, name: str) -> bool:
    try:
        tk.get_action(action)(_context(), {"id": name})
    except tk.ObjectNotFound:
        return False
    return True


def _organization(agency: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": agency["name"],
        "title": agency["title"],
        "description": agency["description"],
    }


def _csv_upload(entry: dict[str, Any]) -> FileStorage:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([item[0] for item in entry["items"]])
    writer.writerows(sample_rows(entry["name"], [item[4] for item in entry["items"]], entry["rows"]))
    # UTF-8 with a byte-order mark: opens correctly in the spreadsheet programs agencies use.
    data = io.BytesIO(text.getvalue().encode("utf-8-sig"))
    return FileStorage(stream=data, filename=f"{entry['name']}.csv", content_type="text/csv")


def _dataset(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": entry["name"],
        "title": entry["title"],
        "notes": entry["notes"],
        "owner_org": entry["agency"],
        "license_id": _LICENSE,
        "tags": [{"name": tag} for tag in [entry["domain"], *entry["tags"]]],
    }


def _resource(dataset_id: str, entry: dict[str, Any]) -> dict[str, Any]:
    # Uploads go through resource_create: package_create does not store files.
    return {
        "package_id": dataset_id,
        "name": entry["title"],
        "description": entry["notes"],
        "format": "CSV",
        "url": "",
        "upload": _csv_upload(entry),
    }


def load_demo(report: Callable[[str], None] = print) -> tuple[int, int]:
    """Create what is missing; return the number of agencies and entries created."""
    created_orgs = created_datasets = 0
    for agency in demo_agencies():
        if not _exists("organization_show", agency["name"]):
            tk.get_action("organization_create")(_context(), _organization(agency))
            created_orgs += 1
            report(f"+ {agency['title']}")
    for entry in demo_datasets():
        if not _exists("package_show", entry["name"]):
            dataset = tk.get_action("package_create")(_context(), _dataset(entry))
            tk.get_action("resource_create")(_context(), _resource(dataset["id"], entry))
            created_datasets += 1
            report(f"+ {entry['title']}")
    return created_orgs, created_datasets
