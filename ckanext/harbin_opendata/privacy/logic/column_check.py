"""harbin_privacy_check_columns: the personal-data scan's view of a few columns someone is about to
describe in the catalog (the data items the entry form drafts from a file, whose example values are
public): which columns hold personal data, and for each column that holds none an example value no
detector matches. Fail closed: examples come only from a stored file whose scan is finished, that
is neither a withheld original nor hidden; a column flagged by its sample, by its header (姓名,
身份证号 …) or by that scan gets none; a value that looks like a name is never one."""
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
# the file's scan is finished and its columns decided (with findings or without, or opened by a
# reviewer); not while unscanned, pending, failed or with an unconfirmed header
_CHECKED = frozenset({"clear", "personal", "exempted"})


def _flagged_by_scan(resource_id: Optional[str]) -> Optional[set[str]]:
    """Headers of the columns the resource's latest scan found personal data in (any table); None
    when no example may come from the file at all: no stored resource (a file chosen in the form has
    no scan), a file whose scan is not finished, a withheld original (its masked copy may hold
    columns masked by the agency's own rules: draft from the copy) or a hidden file."""
    resource = model.Resource.get(resource_id) if resource_id else None
    if resource is None or resource.state != "active":
        return None
    status = next((res for res in tk.get_action("harbin_privacy_status")(
        {"ignore_auth": True, "user": ""}, {"id": resource.package_id})["resources"] if res["id"] == resource.id), None)
    scan = latest_scans(resource.package_id).get(resource.id)
    # a file with findings is hidden until masked: its undecided columns may still give examples;
    # a file hidden for any other reason (the agency's choice) gives none
    hidden = status is not None and status["hidden"] and status["state"] != "personal"
    if status is None or status["state"] not in _CHECKED or hidden or status["withheld"] \
            or scan is None or scan.state != "done" or scan.columns is None:
        return None
    return {column["header"] for column in scan.columns if column["kinds"]}


def _findings(columns: list[dict[str, Any]]) -> list[ColumnFindings]:
    found = []
    for index, column in enumerate(columns):
        finding = ColumnFindings("", index, column["header"])
        values = pa.array([value for value in column["values"]], pa.string())
        finding.absorb(classify(values, finding.name_header, ALL_KINDS, finding.id_header,
                                names_by_shape=finding.names_by_shape), ALL_KINDS)
        found.append(finding)
    settle_table(found)
    return found


def _safe(value: str) -> bool:
    text = value.strip()
    return bool(text) and len(text) <= EXAMPLE_MAX and not looks_like_name(text) \
        and not any(find_all(text, ALL_KINDS))


def _example(finding: ColumnFindings, values: list[str], flagged: Optional[set[str]]) -> str:
    if flagged is None or finding.decided or finding.name_header or finding.id_header or finding.header in flagged:
        return ""
    return next((value.strip() for value in values if _safe(value)), "")


def harbin_privacy_check_columns(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Personal data in columns given with a sample of their values, and a safe example of each.

    :param columns: [{"header": "…", "values": ["…", …]}, …] (at most 500 columns of 500 values)
    :param resource_id: the stored file the columns come from (without one, or one not checked clean,
        no example is given): its latest scan's findings count too
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
        personal = bool(kinds) or column["header"] in (flagged or set())
        answers.append({"header": column["header"], "personal": personal, "kinds": kinds,
                        "kind_labels": [kind_label(kind) for kind in kinds],
                        "example": _example(finding, column["values"], flagged)})
    return {"columns": answers}
