"""Logging out takes a POST with the CSRF token (probe 3 finding 3: an image on any site whose
address was /user/_logout logged the visitor out). CKAN's route also answers GET: a GET now shows a
page with the log-out button (an old bookmark or link still works, in one click) and logs nobody out."""
from __future__ import annotations

from typing import Any, Optional

import ckan.plugins.toolkit as tk
from ckan.common import current_user

__all__ = ["confirm_on_get"]


def confirm_on_get() -> Optional[Any]:
    """before_request: GET /user/_logout answers the page with the button, not a logout."""
    if tk.request.endpoint != "user.logout" or tk.request.method != "GET":
        return None
    if not current_user.is_authenticated:
        return tk.redirect_to("user.login")
    came_from = tk.request.args.get("came_from", "")
    return tk.render("user/logout_confirm.html", {"came_from": came_from if tk.h.url_is_local(came_from) else ""})
