"""The e-mail verification link of self-registered accounts (verification.py) and the button to
have it sent again."""
from __future__ import annotations

from typing import Any

from flask import Blueprint

import ckan.model as model
import ckan.plugins.toolkit as tk

from . import verification

__all__ = ["harbin_access_email"]

harbin_access_email = Blueprint("harbin_access_email", __name__)


@harbin_access_email.route("/user/access/verify/<token>")
def verify(token: str) -> Any:
    """Opened from the mail, logged in or not (another browser, another device)."""
    try:
        verification.verify(token)
    except verification.VerificationError as error:
        return tk.abort(400, str(error))
    tk.h.flash_success(tk._("Your e-mail address is verified: you may now apply for data."))
    return tk.redirect_to("harbin_access.mine" if tk.current_user.is_authenticated else "user.login")


@harbin_access_email.route("/user/access/verify", methods=["POST"])
def resend() -> Any:
    if not tk.current_user.is_authenticated:
        return tk.abort(403, tk._("Log in to apply for data."))
    user = model.User.get(tk.current_user.id)
    if not verification.is_unverified(user):
        tk.h.flash_success(tk._("Your e-mail address is already verified."))
    elif verification.sent_recently(user):
        tk.h.flash_error(tk._("A link was sent less than {seconds} seconds ago; wait a moment before asking again.").format(
            seconds=verification.RESEND_SECONDS))
    elif verification.send(user):
        tk.h.flash_success(tk._("A new verification link was sent to {email}.").format(email=user.email))
    else:
        tk.h.flash_error(verification.not_sent_message(user.email))
    model.repo.commit()  # the time of the attempt
    back = tk.request.form.get("came_from", "")
    # back to the page asked from (the entry's apply page), on this site only
    if back.startswith("/") and not back.startswith(("//", "/\\")):
        return tk.redirect_to(back)
    return tk.redirect_to("harbin_access.mine")
