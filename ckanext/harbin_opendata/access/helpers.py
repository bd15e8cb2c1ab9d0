"""Template helpers of harbin_access."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk

from . import verification

__all__ = ["harbin_access_state_label", "harbin_access_call_label", "harbin_access_via_label",
           "harbin_access_email_unverified", "harbin_access_email_failed", "harbin_access_mail_not_sent"]


def harbin_access_state_label(application: dict[str, Any]) -> str:
    """The application's state in the reader's language; an approved one past its last day is expired."""
    if application.get("state") == "approved" and not application.get("current_grant"):
        return tk._("Grant expired")
    return {"pending": tk._("Awaiting the agency's answer"), "approved": tk._("Approved"),
            "rejected": tk._("Rejected"), "revoked": tk._("Revoked")}.get(application.get("state"), tk._("Unknown"))


def harbin_access_call_label(kind: str) -> str:
    """What a row of the access log did, in the reader's language (the action's own name kept)."""
    return {"download": tk._("File download"), "package_show": tk._("Entry read (package_show)"),
            "resource_show": tk._("Resource read (resource_show)"), "package_search": tk._("Search (package_search)"),
            "datastore_search": tk._("Table query (datastore_search)"),
            "datastore_search_sql": tk._("SQL query (datastore_search_sql)")}.get(kind, kind)


def harbin_access_via_label(row: dict[str, Any]) -> str:
    """How a logged call came: on the website (logged in), or by a program with the app key named
    as the keys page shows it (its name, the first characters of its secret)."""
    if not row.get("key_id"):
        return tk._("Website (logged in)")
    return tk._("App key “{name}” ({prefix}…)").format(name=row.get("key_name") or "?",
                                                      prefix=row.get("key_prefix") or "")


def harbin_access_email_unverified() -> bool:
    """Whether the visitor is a self-registered account whose e-mail address is not verified yet."""
    user = tk.current_user
    return bool(user.is_authenticated) and verification.is_unverified(model.User.get(user.id))


def harbin_access_email_failed() -> bool:
    """Whether the last verification mail to the logged-in visitor could not be sent."""
    user = tk.current_user
    return bool(user.is_authenticated) and verification.send_failed(model.User.get(user.id))


def harbin_access_mail_not_sent(email: str) -> str:
    """Why no verification link waits in the visitor's inbox: the platform's mail, not the address."""
    return verification.not_sent_message(email)
