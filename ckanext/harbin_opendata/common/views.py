"""What the suite's views share: the request's action context, error text, login redirects, 404s."""
from __future__ import annotations

import contextlib
from typing import Any, Callable, Iterator, Optional

import ckan.plugins.toolkit as tk

__all__ = ["view_context", "error_text", "posted_action", "abort_unless_readable", "login_first", "page_number"]


def view_context() -> dict[str, Any]:
    """The action context of the current web request."""
    return {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}


def error_text(error: tk.ValidationError) -> str:
    """Every message of a validation error, on one line (for a flash message)."""
    return " ".join(message for messages in error.error_dict.values() for message in messages)


@contextlib.contextmanager
def posted_action(not_found: str, refused: Optional[str] = None) -> Iterator[None]:
    """Around the action a form posted, before the view redirects back to its page: a validation
    error is flashed, and so is a refusal (a 403 with `refused`, when given); what is not found is
    a 404 with `not_found`."""
    try:
        yield
    except tk.NotAuthorized as error:
        if refused:
            tk.abort(403, refused)
        tk.h.flash_error(str(error) or tk._("You are not allowed to do this."))
    except tk.ValidationError as error:
        tk.h.flash_error(error_text(error))
    except tk.ObjectNotFound:
        tk.abort(404, not_found)


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


def page_number() -> int:
    """The ?page= of a paged list (1 when absent); 400 for anything but a whole number from 1."""
    try:
        number = int(tk.request.args.get("page", 1))
    except ValueError:
        number = 0
    if number < 1:
        tk.abort(400, tk._("The page number must be a whole number from 1."))
    return number
