"""E-mail verification of self-registered accounts: an account a visitor registers (the
registration form, or user_create called anonymously) may not apply for data until its owner opens
the link mailed to its address. The link carries a signed, timed token (itsdangerous, Flask's own
signing library) naming the account and a keyed hash of the address (the address itself is not
in the link, which mail servers and browsers log), so nothing is stored but the account's
"unverified" mark; it expires after access.email_verification_hours. An owner who changes the
address verifies the new one (logic/account_action.py): links sent to the old one void. Accounts
created by sysadmins (and every account created before this plugin) carry no
mark and are not asked."""
from __future__ import annotations

import hashlib
import hmac
import logging
import time
from typing import Any, Optional

from flask import has_request_context
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

import ckan.authz as authz
import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import mailer

from . import account_extras

log = logging.getLogger(__name__)

__all__ = ["VerificationError", "RESEND_SECONDS", "is_unverified", "require_verification", "mark_verified",
           "not_sent_message", "sent_recently", "send_failed", "on_user_created", "normalised", "send", "verify"]

_MARK = "email_unverified"
_SENT = "email_link_sent_at"
_FAILED = "email_link_failed"  # the last mail could not be sent: say so, and let the owner ask again at once
_SALT = "harbin-access-email-verification"
RESEND_SECONDS = 60
_SELF_REGISTRATION = {("user.register", None), ("api.action", "user_create")}


class VerificationError(Exception):
    """A verification link that cannot be used; the message says why, in the reader's language."""


def is_unverified(user: Optional[model.User]) -> bool:
    """Whether the account was self-registered and its address is not verified yet."""
    return bool(account_extras.read(user, _MARK))


def _set_mark(user: model.User, unverified: bool) -> None:
    account_extras.write(user, _MARK, unverified)


def require_verification(user: model.User) -> None:
    """Mark the account: it may not apply for data until its address is verified (the caller commits)."""
    _set_mark(user, True)


def mark_verified(user: model.User) -> None:
    """The address counts as verified (a sysadmin set it; the caller commits)."""
    _set_mark(user, False)


def sent_recently(user: model.User) -> bool:
    """A link was sent less than RESEND_SECONDS ago: the button waits (no mail bombing an address)."""
    sent = account_extras.read(user, _SENT)
    return bool(sent) and time.time() - float(sent) < RESEND_SECONDS


def send_failed(user: Optional[model.User]) -> bool:
    """The last verification mail to the account could not be sent (no link is waiting in its inbox)."""
    return bool(account_extras.read(user, _FAILED))


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(tk.config["SECRET_KEY"], salt=_SALT)


def normalised(address: Optional[str]) -> str:
    """The address as compared: case and surrounding spaces do not make another address."""
    return (address or "").strip().lower()


def _address_hash(address: Optional[str]) -> str:
    """A keyed hash of the address, for the link: who reads the link cannot test guesses of it."""
    return hmac.new(tk.config["SECRET_KEY"].encode(), (_SALT + normalised(address)).encode(), hashlib.sha256).hexdigest()[:32]


def _is_self_registration() -> bool:
    """The account is made by the registration form or user_create, by anyone but a sysadmin: a
    logged-in user may register more accounts (CKAN's form allows it), and those are asked too."""
    if not has_request_context():
        return False
    if tk.current_user.is_authenticated and authz.is_sysadmin(tk.current_user.name):
        return False
    action = (tk.request.view_args or {}).get("logic_function")
    return (tk.request.endpoint, action) in _SELF_REGISTRATION


def on_user_created(sender: str, user: model.User, **kwargs: Any) -> None:
    """ISignal user_created (before CKAN commits the account): a self-registered account is marked
    unverified and its owner mailed the link."""
    if not _is_self_registration():
        return
    require_verification(user)
    model.Session.flush()  # the account's id, for the link
    if not send(user):  # told at once, not first on the apply page
        tk.h.flash_error(not_sent_message(user.email))


def not_sent_message(email: str) -> str:
    """The platform's mail service failed, not the owner's address: say so, and what to do."""
    return tk._("The platform could not send the verification mail to {email}: its mail service is not "
                "available at the moment (your address is not at fault). Ask for the link again later on the page "
                "of the data you apply for, or contact the platform's operator.").format(email=email)


def send(user: model.User) -> bool:
    """Mail the verification link to the account's address (in the reader's language); False when
    the mail could not be sent (the owner may ask again)."""
    if not user.email:
        return False
    token = _serializer().dumps({"id": user.id, "address": _address_hash(user.email)})
    link = tk.url_for("harbin_access_email.verify", token=token, _external=True)
    hours = int(tk.config["ckanext.harbin_opendata.access.email_verification_hours"])
    subject = tk._("Verify your e-mail address")
    body = tk._("Hello {name},\n\nTo apply for data on {site}, verify your e-mail address by opening this link "
                "within {hours} hours:\n\n{link}\n\nIf you did not register, ignore this message.").format(
        name=user.fullname or user.name, site=tk.h.harbin_platform_name(), hours=hours, link=link)
    try:
        _deliver(user, subject, body)
    except (mailer.MailerException, OSError) as error:
        log.warning("The verification mail to user %s could not be sent: %s", user.id, error)
        account_extras.write(user, _FAILED, True)  # the caller commits
        return False
    account_extras.write(user, _SENT, time.time())  # only a mail sent makes the owner wait before the next
    account_extras.write(user, _FAILED, False)
    return True


def _deliver(user: model.User, subject: str, body: str) -> None:
    """Through CKAN's mailer (smtp.*); a demo without a mail server names a file instead
    (access.demo_mailbox: the mails are appended there, never in production, where an unset option
    leaves SMTP as the only way and its failure is told)."""
    mailbox = tk.config.get("ckanext.harbin_opendata.access.demo_mailbox")
    if not mailbox:
        mailer.mail_recipient(user.fullname or user.name, user.email, subject, body)
        return
    with open(mailbox, "a", encoding="utf-8") as box:
        box.write(f"To: {user.email}\nSubject: {subject}\n\n{body}\n\n{'-' * 60}\n")


def verify(token: str) -> model.User:
    """Verify the account the token names (and commit); VerificationError when the link is not
    valid, has expired, or names an address the account no longer has."""
    max_age = int(tk.config["ckanext.harbin_opendata.access.email_verification_hours"]) * 3600
    try:
        claims = _serializer().loads(token, max_age=max_age)
    except SignatureExpired:
        raise VerificationError(tk._("This verification link has expired; ask for a new one.")) from None
    except BadSignature:
        raise VerificationError(tk._("This verification link is not valid.")) from None
    user = model.User.get(claims.get("id") or "") if isinstance(claims, dict) else None
    sent_to = claims.get("address") if isinstance(claims, dict) else None
    if user is None or user.state != "active" or not isinstance(sent_to, str) \
            or not hmac.compare_digest(sent_to, _address_hash(user.email)):
        raise VerificationError(tk._("This verification link is not valid for any account any more."))
    _set_mark(user, False)
    model.repo.commit()
    return user
