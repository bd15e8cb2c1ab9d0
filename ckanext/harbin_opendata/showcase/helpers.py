"""Template helpers of harbin_showcase."""
from __future__ import annotations

from typing import Any, Optional

import ckan.plugins.toolkit as tk

__all__ = ["harbin_showcase_cases", "harbin_showcase_kind_label", "harbin_showcase_kind_options"]


def harbin_showcase_cases(dataset: Optional[str] = None, limit: int = 3) -> list[dict[str, Any]]:
    """Published cases, newest first, optionally only those using `dataset`."""
    data_dict: dict[str, Any] = {"limit": limit}
    if dataset:
        data_dict["dataset"] = dataset
    return tk.get_action("harbin_showcase_list")({"ignore_auth": True}, data_dict)


def harbin_showcase_kind_label(kind: str) -> str:
    labels = {"app": tk._("Application"), "analysis_report": tk._("Analysis report"),
              "research": tk._("Research"), "news": tk._("News"), "other": tk._("Other")}
    return labels.get(kind, kind)


def harbin_showcase_kind_options() -> list[dict[str, str]]:
    from .logic.schema import KINDS

    return [{"value": kind, "text": harbin_showcase_kind_label(kind)} for kind in KINDS]
