"""What the suite's actions share: validating input and committing."""
from __future__ import annotations

from typing import Callable

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict, Schema

__all__ = ["validated", "commit_unless_deferred"]


def validated(context: Context, data_dict: DataDict, make_schema: Callable[[], Schema]) -> DataDict:
    """The data validated by the schema; raises ValidationError with every error."""
    data, errors = tk.navl_validate(data_dict, make_schema(), context)
    if errors:
        raise tk.ValidationError(errors)
    return data


def commit_unless_deferred(context: Context) -> None:
    if not context.get("defer_commit"):
        model.repo.commit()
