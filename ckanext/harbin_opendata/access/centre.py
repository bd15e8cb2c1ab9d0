"""Pages of the personal centre (个人中心) for app keys and the access log: a user's keys (create,
the secret shown once; revoke), the user's own log, an agency's log of its entries with counts;
both logs as CSV (UTF-8 with BOM, for spreadsheet programs)."""
from __future__ import annotations

import io
from typing import Any

import redis
from flask import Blueprint, Response

import ckan.plugins.toolkit as tk

from ..common.cells import csv_writer
from ..common.views import error_text, login_first
from ..common.views import view_context as _context
from .keys import HEADER
from .outage import page_unavailable

__all__ = ["harbin_access_centre"]

harbin_access_centre = Blueprint("harbin_access_centre", __name__)
harbin_access_centre.before_request(login_first())
harbin_access_centre.register_error_handler(redis.RedisError, page_unavailable)  # 503, not 500


@harbin_access_centre.route("/user/access/keys", methods=["GET", "POST"])
def keys() -> str:
    """The user's keys; a POST makes one. Today's use is read from Redis before the key is made and
    never after: with Redis away the page is a 503 and no key is made, never a key whose only
    showing of its secret is lost to the 503."""
    listed = tk.get_action("harbin_access_key_list")(_context(), {})
    created = None
    if tk.request.method == "POST":
        try:
            created = tk.get_action("harbin_access_key_create")(_context(), {"name": tk.request.form.get("name", "")})
        except tk.ValidationError as error:
            tk.h.flash_error(error_text(error))
        except tk.NotAuthorized as error:
            tk.abort(403, str(error))
    if created:
        listed = [{key: value for key, value in created.items() if key != "key"}] + listed
    return tk.render("access/keys.html", {"keys": listed, "created": created, "header": HEADER})


@harbin_access_centre.route("/user/access/keys/<key_id>/revoke", methods=["POST"])
def revoke(key_id: str) -> Any:
    try:
        tk.get_action("harbin_access_key_revoke")(_context(), {"id": key_id})
    except tk.ObjectNotFound as error:
        tk.abort(404, str(error))
    except tk.NotAuthorized as error:
        tk.abort(403, str(error))
    tk.h.flash_success(tk._("The app key was revoked."))
    return tk.redirect_to("harbin_access_centre.keys")


def _log(organization: str = "", limit: int = 200) -> dict[str, Any]:
    try:
        return tk.get_action("harbin_access_log_list")(_context(), {"organization": organization, "limit": limit})
    except tk.NotAuthorized as error:
        return tk.abort(403, str(error))


def _csv(log: dict[str, Any], name: str) -> Response:
    """The rows as the page shows them (same words for the call and the way it came), with the ids
    and the byte count a spreadsheet can sum."""
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow([tk._("Time"), tk._("User"), tk._("Via"), tk._("What"), tk._("Catalog entry"),
                     tk._("Resource"), tk._("Resource ID"), tk._("Result"), tk._("Status"), tk._("Bytes")])
    for row in log["rows"]:
        writer.writerow([row["at"], row["user_name"], tk.h.harbin_access_via_label(row),
                         tk.h.harbin_access_call_label(row["kind"]), row["package_title"] or row["package_name"],
                         row["resource_name"], row["resource_id"] or "",
                         tk._("Served") if row["status"] < 400 else tk._("Refused"), row["status"], row["bytes"]])
    return Response(buffer.getvalue().encode("utf-8-sig"), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


@harbin_access_centre.route("/user/access/log")
def my_log() -> Any:
    return tk.render("access/log.html", {"log": _log(), "organization": None})


@harbin_access_centre.route("/user/access/log.csv")
def my_log_csv() -> Response:
    return _csv(_log(limit=100000), "harbin-access-log")


def _agency(id: str) -> dict[str, Any]:
    try:
        return tk.get_action("organization_show")(_context(), {"id": id, "include_datasets": False})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404, tk._("Agency not found"))


@harbin_access_centre.route("/organization/<id>/access-log")
def agency_log(id: str) -> Any:
    organization = _agency(id)
    return tk.render("access/log.html", {"log": _log(organization["id"]), "organization": organization})


@harbin_access_centre.route("/organization/<id>/access-log.csv")
def agency_log_csv(id: str) -> Response:
    organization = _agency(id)
    return _csv(_log(organization["id"], limit=100000), f"harbin-access-log-{organization['name']}")
