"""Which catalog entries and agencies lack what the Harbin schema requires (migration path)."""
from __future__ import annotations

from typing import Any, Iterator

import ckan.model as model
import ckan.plugins.toolkit as tk

from .choices import current_language

__all__ = ["Gap", "dataset_gaps", "organization_gaps"]

Gap = tuple[str, str, list[str]]  # (name, title, labels of the missing fields)


def _label(field: dict[str, Any]) -> str:
    """The field label in the interface language (Chinese on the command line)."""
    label = field["label"]
    if isinstance(label, dict):
        return label.get(current_language()) or label.get("zh_Hans_CN") or next(iter(label.values()))
    return label


def _missing(record: dict[str, Any], fields: list[dict[str, Any]]) -> list[str]:
    missing = [_label(f) for f in fields if f.get("required") and not record.get(f["field_name"])]
    data_items = next((f for f in fields if f["field_name"] == "data_items"), None)
    if data_items and not any(item.get("name") for item in record.get("data_items") or []):
        missing.append(_label(data_items))
    return missing


def _show(action: str, name: str) -> dict[str, Any]:
    return tk.get_action(action)({"ignore_auth": True}, {"id": name})


def dataset_gaps() -> Iterator[Gap]:
    """Active datasets with at least one required Harbin field empty, in name order."""
    fields = tk.h.scheming_get_dataset_schema("dataset")["dataset_fields"]
    names = model.Session.query(model.Package.name).filter(
        model.Package.state == "active", model.Package.type == "dataset").order_by(model.Package.name)
    for (name,) in names:
        dataset = _show("package_show", name)
        missing = _missing(dataset, fields)
        if missing:
            yield name, dataset["title"], missing


def organization_gaps() -> Iterator[Gap]:
    """Active agencies with a required Harbin field (e.g. the credit code) empty."""
    fields = tk.h.scheming_get_organization_schema("organization")["fields"]
    names = model.Session.query(model.Group.name).filter(
        model.Group.state == "active", model.Group.is_organization.is_(True)).order_by(model.Group.name)
    for (name,) in names:
        agency = _show("organization_show", name)
        missing = _missing(agency, fields)
        if missing:
            yield name, agency["title"], missing
