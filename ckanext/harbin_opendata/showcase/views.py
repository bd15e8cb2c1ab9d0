"""Public pages of harbin_showcase: the list of cases and a case's page."""
from __future__ import annotations

from flask import Blueprint

import ckan.plugins.toolkit as tk

from ..action_support import view_context

__all__ = ["showcase"]

showcase = Blueprint("harbin_showcase", __name__, url_prefix="/showcase")


@showcase.route("/")
def index() -> str:
    cases = tk.get_action("harbin_showcase_list")(view_context(), {"limit": 100})
    return tk.render("showcase/index.html", {"cases": cases})


@showcase.route("/<id>")
def read(id: str) -> str:
    try:
        case = tk.get_action("harbin_showcase_show")(view_context(), {"id": id})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404, tk._("Reuse case not found"))
    return tk.render("showcase/read.html", {"case": case})
