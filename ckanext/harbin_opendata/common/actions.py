"""What the suite's actions share: validating input and committing."""
from __future__ import annotations

from typing import Callable

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.logic.schema import validator_args
from ckan.types import Context, DataDict, Schema, Validator

__all__ = ["validated", "commit_unless_deferred", "id_schema"]


def validated(context: Context, data_dict: DataDict, make_schema: Callable[[], Schema]) -> DataDict:
    """The data validated by the schema; raises ValidationError with every error."""
    data, errors = tk.navl_validate(data_dict, make_schema(), context)
    if errors:
        raise tk.ValidationError(errors)
    return data


def commit_unless_deferred(context: Context) -> None:
    if not context.get("defer_commit"):
        model.repo.commit()


@validator_args
def id_schema(not_empty: Validator, unicode_safe: Validator) -> Schema:
    """The input of an action that names one object by its id (show, delete, complete …)."""
    return {"id": [not_empty, unicode_safe]}
