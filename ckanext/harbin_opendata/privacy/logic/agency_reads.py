"""CKAN's reads of agencies and groups, chained: the texts of one not known clean are withheld from
the public (agency_texts.py) on its page, its about page and the lists of agencies. Internal reads
(ignore_auth: the re-check, the DCAT publisher's name and kind) see them whole."""
from __future__ import annotations

from typing import Any, Callable

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ..agency_texts import strip_group, withheld

__all__ = ["organization_show", "group_show", "organization_list", "group_list"]


def _viewer(context: Context) -> Any:
    return context.get("user")


@tk.side_effect_free
@tk.chained_action
def _show(original: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    shown = original(context, data_dict)
    if not context.get("ignore_auth"):
        strip_group(shown, _viewer(context))
    return shown


@tk.side_effect_free
@tk.chained_action
def _list(original: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    shown = original(context, data_dict)
    groups = [group for group in shown if isinstance(group, dict)] if isinstance(shown, list) else []
    if groups and not context.get("ignore_auth"):
        found = withheld(group.get("id") for group in groups)
        for group in groups:
            strip_group(group, _viewer(context), found)
    return shown


organization_show = group_show = _show
organization_list = group_list = _list
