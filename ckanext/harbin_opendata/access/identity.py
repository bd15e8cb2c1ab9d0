"""Real-name verification (实名认证) of data users through the site's IIdentityCheck: the result is
kept on the account (real name, the resident ID number masked as 230102********1234, the check's
reference and time), never the number itself. Attempts are limited per day and recorded
(identity_attempts.py)."""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Optional

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ..common.interfaces import IdentityResult, IIdentityCheck
from . import account_extras, identity_attempts

log = logging.getLogger(__name__)

__all__ = ["TooManyAttempts", "check", "verified_identity", "mask"]

_KEY = "identity"


def mask(id_number: str) -> str:
    """The number as the platform may show it: the region code and the last four characters."""
    return id_number[:6] + "*" * max(0, len(id_number) - 10) + id_number[-4:]


def verified_identity(user: Optional[model.User]) -> Optional[dict[str, Any]]:
    """The account's verified identity (real_name, id_number masked, reference, checked_at), or None."""
    return account_extras.read(user, _KEY)


class TooManyAttempts(Exception):
    """The account used its attempts of the day; the message says so, in the reader's language."""


def check(user: model.User, real_name: str, id_number: str) -> IdentityResult:
    """Ask the site's identity check, within the account's attempts of the day; a verified result
    is kept on the account. Every attempt is recorded, refused ones too (the caller commits, also
    when this raises)."""
    checks = list(p.PluginImplementations(IIdentityCheck))
    if not checks:
        raise tk.ValidationError({"id_number": [tk._("This platform has no real-name verification configured.")]})
    masked = mask(id_number)
    allowed = identity_attempts.limit()
    if identity_attempts.used_today(user) >= allowed:
        identity_attempts.record(user, identity_attempts.LIMITED, masked)
        raise TooManyAttempts(tk._("You have used today's {limit} attempts at real-name verification; "
                                   "try again tomorrow.").format(limit=allowed))
    try:
        result = checks[0].identity_check(user.name, real_name, id_number)
    except Exception:  # the site's service is down or answered nonsense: not verified, ask again later
        log.exception("The identity check of user %s failed", user.id)
        identity_attempts.record(user, identity_attempts.FAILED, masked)
        raise tk.ValidationError({"id_number": [tk._(
            "The real-name verification service cannot be reached now; try again later.")]}) from None
    identity_attempts.record(user, identity_attempts.VERIFIED if result.verified else identity_attempts.REFUSED,
                             masked, result.reference)
    if result.verified:
        account_extras.write(user, _KEY, {
            "real_name": real_name, "id_number": mask(id_number), "reference": result.reference,
            "checked_at": dt.datetime.utcnow().isoformat(timespec="seconds")})
    return result
