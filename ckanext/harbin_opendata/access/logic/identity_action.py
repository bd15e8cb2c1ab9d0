"""Actions of real-name verification (实名认证) through the site's IIdentityCheck (identity.py), and
the trail of its attempts."""
from __future__ import annotations

from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ...common.actions import commit_unless_deferred, validated
from ...common import api_status
from .. import identity, quota
from ..model import IdentityAttempt
from . import schema

__all__ = ["harbin_access_identity_check", "harbin_access_identity_show", "harbin_access_identity_attempt_list"]

_MAX_ATTEMPTS = 1000


def harbin_access_identity_check(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Verify the caller's real name through the site's identity check; a verified identity is kept
    on the account (the ID number masked).

    :param real_name: the name as on the resident ID card
    :param id_number: the 18-character resident ID number (not stored)
    :returns: verified (bool), message (for the user), identity (the kept result, or null)

    At most ``access.identity_attempts_per_day`` answers per account per day; past it the call is
    refused (429 with Retry-After through the API). Every attempt is recorded.
    """
    tk.check_access("harbin_access_identity_check", context, data_dict)
    data = validated(context, data_dict, schema.identity_schema)
    user = model.User.get(context["user"])
    try:
        result = identity.check(user, data["real_name"], data["id_number"])
    except identity.TooManyAttempts as error:
        commit_unless_deferred(context)  # the refused attempt stays in the trail
        api_status.mark(429, quota.seconds_to_midnight(), str(error))
        raise tk.ValidationError({"id_number": [str(error)]}) from None
    except tk.ValidationError:
        commit_unless_deferred(context)
        raise
    commit_unless_deferred(context)
    return {"verified": result.verified, "message": result.message, "identity": identity.verified_identity(user)}


@tk.side_effect_free
def harbin_access_identity_show(context: Context, data_dict: DataDict) -> Optional[dict[str, Any]]:
    """The caller's verified identity (real_name, id_number masked, reference, checked_at), or null."""
    tk.check_access("harbin_access_identity_show", context, data_dict)
    return identity.verified_identity(model.User.get(context["user"]))


@tk.side_effect_free
def harbin_access_identity_attempt_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """The real-name verification attempts, newest first: the audit trail (安全审计) of who tried
    when with what outcome (verified, refused, limited, failed), the number masked. Sysadmins only.

    :param user: id or name of an account (optional; every account when not given)
    :param limit: rows wanted (default 100, at most 1000)
    """
    tk.check_access("harbin_access_identity_attempt_list", context, data_dict)
    data = validated(context, data_dict, schema.attempt_list_schema)
    query = model.Session.query(IdentityAttempt, model.User.name).join(
        model.User, model.User.id == IdentityAttempt.user_id)
    if data.get("user"):
        user = model.User.get(data["user"])
        if user is None:
            raise tk.ObjectNotFound(tk._("User not found"))
        query = query.filter(IdentityAttempt.user_id == user.id)
    rows = query.order_by(IdentityAttempt.id.desc()).limit(min(int(data["limit"]), _MAX_ATTEMPTS)).all()
    return [{"at": attempt.at.isoformat(), "user_id": attempt.user_id, "user_name": name, "outcome": attempt.outcome,
             "id_number": attempt.id_number, "reference": attempt.reference} for attempt, name in rows]
