"""Public pages of harbin_showcase: the list of cases and a case's page."""
from __future__ import annotations

from typing import Any

from flask import Blueprint

import ckan.plugins.toolkit as tk

from ..common.views import error_text, login_first, view_context
from .logic.schema import KINDS

__all__ = ["showcase"]

showcase = Blueprint("harbin_showcase", __name__, url_prefix="/showcase")

showcase.before_request(login_first("new", "edit"))


@showcase.route("", endpoint="index_without_slash")  # else Flask's redirect to /showcase/ loses /en
@showcase.route("/")
def index() -> str:
    cases = tk.get_action("harbin_showcase_list")(view_context(), {"limit": 100})
    return tk.render("showcase/index.html", {"cases": cases})


@showcase.route("/new", methods=["GET", "POST"])
@showcase.route("/<id>/edit", methods=["GET", "POST"], endpoint="edit")
def new(id: str = "") -> Any:
    """The form for a new case or for editing one (administrators only)."""
    action = "harbin_showcase_update" if id else "harbin_showcase_create"
    try:
        tk.check_access(action, view_context(), {"id": id})
        case = tk.get_action("harbin_showcase_show")(view_context(), {"id": id}) if id else {}
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Only administrators manage reuse cases."))
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Reuse case not found"))
    if tk.request.method == "POST":
        form = {key: tk.request.form.get(key, "") for key in ("title", "summary", "unit", "kind", "url", "image_url")}
        data = {**{k: v for k, v in form.items() if v}, "datasets": tk.request.form.get("datasets", ""),
                "published": "published" in tk.request.form, "id": id,
                "image_upload": tk.request.files.get("image_upload"),
                "clear_upload": "clear_upload" in tk.request.form}
        try:
            saved = tk.get_action(action)(view_context(), data)
        except tk.ValidationError as error:
            tk.h.flash_error(error_text(error))
            case = {**form, "datasets_text": data["datasets"], "published": data["published"]}
        else:
            return tk.redirect_to("harbin_showcase.read", id=saved["id"])
    else:
        case["datasets_text"] = " ".join(d["name"] for d in case.get("datasets", []))
    return tk.render("showcase/edit.html", {"case": case, "case_id": id, "kinds": KINDS})


@showcase.route("/<id>")
def read(id: str) -> str:
    try:
        case = tk.get_action("harbin_showcase_show")(view_context(), {"id": id})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404, tk._("Reuse case not found"))
    return tk.render("showcase/read.html", {"case": case})
