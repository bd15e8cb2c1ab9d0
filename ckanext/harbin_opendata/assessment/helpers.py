"""Template helpers of harbin_assessment."""
from __future__ import annotations

from typing import Optional

import ckan.plugins.toolkit as tk
from markupsafe import Markup

from . import charts, service
from .labels import label

__all__ = ["harbin_assessment_value", "harbin_assessment_problem_label",
           "harbin_assessment_figure_label", "harbin_assessment_bar_chart", "harbin_assessment_line_chart",
           "harbin_assessment_lang"]


def harbin_assessment_lang() -> str:
    return "en" if (tk.h.lang() or "").startswith("en") else "zh"


def harbin_assessment_value(key: str, value: Optional[float]) -> str:
    """An indicator value as people read it: a percentage for shares, a number otherwise."""
    if value is None:
        return "—"
    indicator = service.current_model().indicator(key)
    return f"{value * 100:.1f}%" if indicator.scale == "ratio" else f"{value:.1f}"


def harbin_assessment_problem_label(key: str) -> str:
    return label(key)


def harbin_assessment_figure_label(key: str) -> str:
    return label(key)


def harbin_assessment_bar_chart(items: list[tuple[str, Optional[float]]], title: str = "") -> Markup:
    return Markup(charts.bar_svg(items, title=title))  # labels are escaped inside


def harbin_assessment_line_chart(points: list[tuple[str, Optional[float]]], title: str = "") -> Markup:
    return Markup(charts.line_svg(points, title=title))
