"""Pages of harbin_privacy: an entry's findings, scanning again, masking with per-column rules,
and reviewers' exemptions. Every change goes through the actions (and their auth functions)."""
from __future__ import annotations

from typing import Any

from flask import Blueprint

import ckan.plugins.toolkit as tk

from ..common.views import abort_unless_readable, error_text, login_first
from ..common.views import view_context as _context
from .masking import RULES, default_rules

__all__ = ["harbin_privacy"]

harbin_privacy = Blueprint("harbin_privacy", __name__)

harbin_privacy.before_request(login_first())


def _status(id: str) -> dict[str, Any]:
    if not tk.current_user.is_authenticated:
        tk.abort(403, tk._("Log in to see the personal-data checks."))
    try:
        return tk.get_action("harbin_privacy_status")(_context(), {"id": id})
    except tk.ObjectNotFound:
        tk.abort(404, tk._("Catalog entry not found"))
    except tk.NotAuthorized:
        abort_unless_readable(id)
        tk.abort(403, tk._("Only editors of the entry's agency and reviewers see its personal-data checks."))


def _may(action: str, data: dict[str, Any]) -> bool:
    try:
        tk.check_access(action, _context(), data)
        return True
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return False


@harbin_privacy.route("/dataset/<id>/privacy")
def status(id: str) -> str:
    result = _status(id)
    running = any(res["scan"] and res["scan"]["state"] in ("queued", "running") for res in result["resources"])
    exemptable = {res["scan"]["id"] for res in result["resources"]
                  if res["scan"] and res["state"] in ("personal", "failed", "unconfirmed") and not res["scan"]["exemption"]
                  and _may("harbin_privacy_exempt", {"scan_id": res["scan"]["id"]})}
    return tk.render("privacy/status.html", {
        "status": result, "refresh": running, "exemptable": exemptable,
        "pkg_dict": tk.get_action("package_show")(_context(), {"id": result["id"]})})


def _flash_errors(call: Any) -> bool:
    try:
        call()
        return True
    except tk.ValidationError as error:
        tk.h.flash_error(error_text(error))
    except tk.NotAuthorized as error:
        tk.h.flash_error(str(error) or tk._("You are not allowed to do this."))
    except tk.ObjectNotFound:
        tk.abort(404, tk._("Not found"))
    return False


@harbin_privacy.route("/dataset/<id>/privacy/scan", methods=["POST"])
def scan(id: str) -> Any:
    params = {"id": id, "resource_id": tk.request.form.get("resource_id") or None}
    answer: dict[str, Any] = {}
    if _flash_errors(lambda: answer.update(tk.get_action("harbin_privacy_scan")(
            _context(), {k: v for k, v in params.items() if v}))):
        _flash_rescans(answer)
    return tk.redirect_to("harbin_privacy.status", id=id)


def _flash_rescans(answer: dict[str, Any]) -> None:
    if answer["scans"]:
        tk.h.flash_success(tk._("The scan is queued; this page shows its progress."))
    if answer["queued"]:
        tk.h.flash_notice(tk._("A scan of this file is already queued or running; no other one is queued."))
    if answer["current"]:
        tk.h.flash_notice(tk._("The file has not changed since its last clean scan, by the same checks: "
                               "its scan is current and it is not scanned again."))


@harbin_privacy.route("/dataset/<id>/privacy/mask/<resource_id>", methods=["GET", "POST"])
def mask(id: str, resource_id: str) -> Any:
    result = _status(id)
    resource = next((res for res in result["resources"] if res["id"] == resource_id), None)
    if resource is None or not resource["scan"]:
        tk.abort(404, tk._("Resource not found"))
    if tk.request.method == "POST":
        rules = {column["key"]: tk.request.form.get(f"rule-{column['key']}", "mask_found")
                 for column in resource["scan"]["all_columns"]}
        if _flash_errors(lambda: tk.get_action("harbin_privacy_mask")(
                _context(), {"resource_id": resource_id, "rules": rules})):
            tk.h.flash_success(tk._("Masking started: the masked copy appears as a new resource of the entry "
                                    "and the original is withheld from the public."))
            return tk.redirect_to("harbin_privacy.status", id=id)
    return tk.render("privacy/mask.html", {"status": result, "resource": resource, "rules": RULES,
                                           "defaults": default_rules(resource["scan"]["all_columns"]),
                                           "pkg_dict": tk.get_action("package_show")(_context(), {"id": result["id"]})})


@harbin_privacy.route("/dataset/<id>/privacy/exempt/<scan_id>", methods=["POST"])
def exempt(id: str, scan_id: str) -> Any:
    reason = tk.request.form.get("reason", "")
    if _flash_errors(lambda: tk.get_action("harbin_privacy_exempt")(_context(), {"scan_id": scan_id, "reason": reason})):
        tk.h.flash_success(tk._("Exemption recorded."))
    return tk.redirect_to("harbin_privacy.status", id=id)


def _header_rows(form: Any, tables: list[dict[str, Any]]) -> dict[str, Any]:
    rows = {}
    for number, table in enumerate(tables):
        value = (form.get(f"header-{number}") or "").strip()
        rows[table["name"]] = int(value) if value.isdigit() else value
    return rows


@harbin_privacy.route("/dataset/<id>/privacy/layout/<resource_id>", methods=["POST"])
def confirm_layout(id: str, resource_id: str) -> Any:
    result = _status(id)
    resource = next((res for res in result["resources"] if res["id"] == resource_id and res["scan"]), None)
    if resource is None:
        tk.abort(404, tk._("Resource not found"))
    rows = _header_rows(tk.request.form, resource["scan"]["tables"])
    if _flash_errors(lambda: tk.get_action("harbin_privacy_confirm_layout")(
            _context(), {"resource_id": resource_id, "header_rows": rows})):
        tk.h.flash_success(tk._("Header rows recorded: the file is scanned again reading its tables that way."))
    return tk.redirect_to("harbin_privacy.status", id=id)
