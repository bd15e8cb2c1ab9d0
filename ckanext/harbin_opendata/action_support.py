"""What the suite's actions and views share: validating input, committing, the acting user."""
from __future__ import annotations

from typing import Any, Callable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict, Schema

__all__ = ["validated", "commit_unless_deferred", "acting_user", "view_context", "error_text", "abort_unless_readable",
           "login_first"]


def validated(context: Context, data_dict: DataDict, make_schema: Callable[[], Schema]) -> DataDict:
    """The data validated by the schema; raises ValidationError with every error."""
    data, errors = tk.navl_validate(data_dict, make_schema(), context)
    if errors:
        raise tk.ValidationError(errors)
    return data


def commit_unless_deferred(context: Context) -> None:
    if not context.get("defer_commit"):
        model.repo.commit()


def acting_user(context: Context) -> Optional[model.User]:
    """The user the action runs as, or None for an anonymous visitor."""
    return model.User.get(context["user"]) if context.get("user") else None


def view_context() -> dict[str, Any]:
    """The action context of the current web request."""
    return {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}


def error_text(error: tk.ValidationError) -> str:
    """Every message of a validation error, on one line (for a flash message)."""
    return " ".join(message for messages in error.error_dict.values() for message in messages)


def abort_unless_readable(id: str) -> None:
    """404 unless the visitor may read the entry: a page about an unpublished entry must not tell
    outsiders that it exists (CKAN's own dataset pages answer them 404 too)."""
    try:
        tk.check_access("package_show", view_context(), {"id": id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        tk.abort(404, tk._("Catalog entry not found"))


def login_first(*endpoints: str) -> Callable[[], Any]:
    """A blueprint's before_request hook: an anonymous visitor opening one of these pages (every
    page of the blueprint when none are named) is sent to the login page, and back here after
    logging in, instead of meeting a 403. Posts are left to the views."""
    def hook() -> Any:
        if tk.current_user.is_authenticated or tk.request.method != "GET":
            return None
        if endpoints and (tk.request.endpoint or "").rpartition(".")[2] not in endpoints:
            return None
        return tk.redirect_to("user.login", came_from=tk.h.url_for(tk.h.current_url()))
    return hook
