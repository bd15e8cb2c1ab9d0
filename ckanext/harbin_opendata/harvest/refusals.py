"""The text of a record the catalog schema refused: each field with its label (数据摘要 for
`notes`) and, where the source config can help, how (`defaults`, `source_codes`)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

__all__ = ["validation_text"]


def _label(field: str) -> str:
    from ckanext.scheming.helpers import scheming_get_dataset_schema

    schema = scheming_get_dataset_schema("dataset") or {}
    found = next((f for f in schema.get("dataset_fields", []) if f.get("field_name") == field), {})
    label = found.get("label")
    return label.get("zh_Hans_CN") or label.get("en") or field if isinstance(label, dict) else str(label or field)


def _hint(field: str) -> str:
    if field == "resource_code":
        return tk._("give “resource_code_prefix” to number records without one, and “source_codes”: "
                    "“renumber_invalid” to number codes that are not resource codes")
    if field in ("owner_org", "resources", "id", "name"):
        return ""
    return tk._("a value for every record can be given in the source's “defaults”, e.g. {example}").format(
        example=f'{{"{field}": "…"}}')


def validation_text(error: tk.ValidationError) -> str:
    parts = []
    for field, messages in (error.error_dict or {}).items():
        flat = " ".join(m if isinstance(m, str) else str(m) for m in (messages if isinstance(messages, list)
                                                                     else [messages]))
        label, hint = _label(field), _hint(field)
        name = f"{field} ({label})" if label != field else field
        parts.append(f"{name}: {flat}" + (f" ({hint})" if hint else ""))
    return "; ".join(parts) or str(error)
