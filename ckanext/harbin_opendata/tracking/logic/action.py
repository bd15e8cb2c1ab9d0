"""package_show as CKAN documents it for tracking: `include_tracking: false` leaves the view
counts out. ckanext-activity asks so for the copy of an entry each activity keeps (view counts
are no part of an entry's history); CKAN 2.11's tracking plugin ignores the flag, which cost a
query per entry saved."""
from __future__ import annotations

from typing import Any, Callable

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

__all__ = ["package_show"]

WITHOUT_TRACKING = "harbin_without_tracking"  # context key read by the plugin's after_dataset_show


@tk.chained_action
def package_show(original: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    """CKAN's package_show; with `include_tracking: false`, without `tracking_summary`."""
    if "include_tracking" in data_dict and not tk.asbool(data_dict["include_tracking"]):
        context = {**context, WITHOUT_TRACKING: True}  # type: ignore[assignment]
    return original(context, data_dict)
