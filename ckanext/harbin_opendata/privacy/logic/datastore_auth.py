"""The DataStore answers for a hidden resource's table (withheld original, findings, not checked)
only to those who see the resource: its agency and the reviewers — whatever asks (the guard of
common/datastore_auth.py). The one rule of visibility.py."""
from __future__ import annotations

from typing import Any, Callable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ...common import roles
from ...common.datastore_auth import table_auth_functions
from ..visibility import hidden_from

__all__ = ["chained_auth_functions"]


def _hidden(user: Any, resource: model.Resource) -> Optional[str]:
    if hidden_from(roles.user_object(user), resource):
        return tk._("This resource's data is not public.")
    return None


def chained_auth_functions() -> dict[str, Callable[..., Any]]:
    return table_auth_functions(_hidden)
