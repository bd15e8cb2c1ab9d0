"""CKAN's actions that change an entry, its files or its views, chained: a submitted entry is
frozen for its agency (guard.frozen_refusal, 409 before anything is written), and package_update
notes what the entry said before the save, so the audit row of the edit names what changed
(workflow.on_updated reads it back from the context)."""
from __future__ import annotations

from typing import Any, Callable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ...common import roles
from ...common.system_writes import MASKED_COPY
from .. import guard, revision
from ..states import SUBMITTED

__all__ = ["actions", "BEFORE"]

BEFORE = "harbin_review_before"  # context key: {package id: revision.snapshot before the save}
Action = Callable[[Context, DataDict], Any]


def _refuse_if_frozen(context: Context, package: Optional[model.Package]) -> None:
    if package is None or package.type != "dataset" or guard.review_state(package) != SUBMITTED:
        return  # only a submitted entry is frozen: the acting user is looked up for it alone
    system = bool(context.get("ignore_auth") or context.get(MASKED_COPY))  # type: ignore[misc]
    refusal = guard.frozen_refusal(roles.acting_user(context), package, system)
    if refusal:
        raise tk.ValidationError({"state": [refusal]})


def _package_of_update(data_dict: DataDict) -> Optional[model.Package]:
    ref = data_dict.get("id") or data_dict.get("name") if isinstance(data_dict, dict) else None
    return model.Package.get(ref) if isinstance(ref, str) and ref else None


@tk.chained_action
def package_update(up: Action, context: Context, data_dict: DataDict) -> Any:
    """CKAN's package_update (also under package_patch and the resource actions), refused on a
    frozen entry; what the entry said before is kept in the context for the audit row."""
    package = _package_of_update(data_dict)
    _refuse_if_frozen(context, package)
    if package is not None and package.type == "dataset":
        context.setdefault(BEFORE, {})[package.id] = revision.snapshot(package)  # type: ignore[typeddict-unknown-key]
    return up(context, data_dict)


def _package_of_resource(resource_id: Any) -> Optional[model.Package]:
    resource = model.Resource.get(resource_id) if isinstance(resource_id, str) and resource_id else None
    return resource.package if resource is not None else None


def _package_of_view(view_id: Any) -> Optional[model.Package]:
    view = model.ResourceView.get(view_id) if isinstance(view_id, str) and view_id else None
    return _package_of_resource(view.resource_id) if view is not None else None


def _frozen_view_action(package_of: Callable[[DataDict], Optional[model.Package]]) -> Action:
    @tk.chained_action
    def action(up: Action, context: Context, data_dict: DataDict) -> Any:
        _refuse_if_frozen(context, package_of(data_dict) if isinstance(data_dict, dict) else None)
        return up(context, data_dict)
    return action


def actions() -> dict[str, Action]:
    return {"package_update": package_update,
            "resource_view_create": _frozen_view_action(lambda d: _package_of_resource(d.get("resource_id"))),
            "resource_view_update": _frozen_view_action(lambda d: _package_of_view(d.get("id"))),
            "resource_view_delete": _frozen_view_action(lambda d: _package_of_view(d.get("id")))}
