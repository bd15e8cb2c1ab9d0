"""harbin_privacy_check_columns: the personal-data scan's view of a few columns someone is about to
describe in the catalog (the data items the entry form drafts from a file, whose example values are
public): which columns hold personal data, and for each column that holds none an example value no
detector matches. Fail closed: a column flagged by its sample, by its header (姓名, 身份证号 …) or by
the latest scan of the resource it comes from gets no example; a value that looks like a name is
never one."""
from __future__ import annotations

from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
import pyarrow as pa
from ckan.types import Context, DataDict

from ...common.actions import validated
from ..labels import kind_label
from ..model import latest_scans
from ..scan.columns import ColumnFindings, settle_table
from ..scan.detectors import OPTIONAL_KINDS, find_all
from ..scan.files import DEFAULT_KINDS
from ..scan.names import looks_like_name
from ..scan.vectorized import classify
from . import schema

__all__ = ["harbin_privacy_check_columns"]

ALL_KINDS = DEFAULT_KINDS | frozenset(OPTIONAL_KINDS)
EXAMPLE_MAX = 60  # characters: a longer cell is free text, no example of a field


def _flagged_by_scan(resource_id: Optional[str]) -> set[str]:
    """Headers of the columns the resource's latest scan found personal data in (any table)."""
    resource = model.Resource.get(resource_id) if resource_id else None
    scan = latest_scans(resource.package_id).get(resource.id) if resource is not None else None
    return {column["header"] for column in (scan.columns if scan is not None else None) or [] if column["kinds"]}


def _findings(columns: list[dict[str, Any]]) -> list[ColumnFindings]:
    found = []
    for index, column in enumerate(columns):
        finding = ColumnFindings("", index, column["header"])
        values = pa.array([value for value in column["values"]], pa.string())
        finding.absorb(classify(values, finding.name_header, ALL_KINDS, finding.id_header), ALL_KINDS)
        found.append(finding)
    settle_table(found)
    return found


def _safe(value: str) -> bool:
    text = value.strip()
    return bool(text) and len(text) <= EXAMPLE_MAX and not looks_like_name(text) \
        and not any(find_all(text, ALL_KINDS))


def _example(finding: ColumnFindings, values: list[str], flagged: set[str]) -> str:
    if finding.decided or finding.name_header or finding.id_header or finding.header in flagged:
        return ""
    return next((value.strip() for value in values if _safe(value)), "")


def harbin_privacy_check_columns(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Personal data in columns given with a sample of their values, and a safe example of each.

    :param columns: [{"header": "…", "values": ["…", …]}, …] (at most 500 columns of 500 values)
    :param resource_id: the resource the columns come from: its latest scan's findings count too
        (optional)
    :returns: {"columns": [{"header", "personal", "kinds", "kind_labels", "example"}, …]}
    """
    tk.check_access("harbin_privacy_check_columns", context, data_dict)
    columns = schema.checked_columns(data_dict.get("columns"))
    data = validated(context, {key: value for key, value in data_dict.items() if key != "columns"},
                     schema.columns_schema)
    flagged = _flagged_by_scan(data.get("resource_id"))
    answers = []
    for column, finding in zip(columns, _findings(columns)):
        kinds = sorted(set(finding.decided) | ({"person_name"} if finding.name_header else set())
                       | ({"resident_id"} if finding.id_header else set()))
        personal = bool(kinds) or column["header"] in flagged
        answers.append({"header": column["header"], "personal": personal, "kinds": kinds,
                        "kind_labels": [kind_label(kind) for kind in kinds],
                        "example": _example(finding, column["values"], flagged)})
    return {"columns": answers}
