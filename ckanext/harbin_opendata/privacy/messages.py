"""Words for users: kinds of personal data, scan states, scan failures."""
from __future__ import annotations

from typing import Optional

import ckan.plugins.toolkit as tk

__all__ = ["kind_label", "state_label", "error_message", "rule_label"]


def kind_label(kind: str) -> str:
    return {
        "resident_id": tk._("resident ID number"), "mobile": tk._("mobile number"),
        "bank_card": tk._("bank card number"), "email": tk._("e-mail address"),
        "person_name": tk._("person's name"),
    }.get(kind, kind)


def state_label(state: str) -> str:
    return {"queued": tk._("Waiting to be scanned"), "running": tk._("Scanning"),
            "done": tk._("Scanned"), "failed": tk._("Scan failed")}.get(state, state)


def rule_label(rule: str) -> str:
    return {"mask": tk._("Mask the personal data"), "drop": tk._("Leave the column out"),
            "keep": tk._("Keep as it is (needs an exemption)")}.get(rule, rule)


def _megabytes(value: str) -> str:
    return f"{int(value) / (1 << 20):.0f}"


def error_message(code: Optional[str]) -> str:
    """The stored failure code ("too_large:2147483648", "http_status:404", …) as a sentence."""
    if not code:
        return ""
    name, _, arg = code.partition(":")
    messages = {
        "bad_url": lambda: tk._("The resource's link is not an http(s) address."),
        "http_status": lambda: tk._("The linked file's server answered with HTTP status {status}.").format(status=arg),
        "too_large": lambda: tk._("The file is larger than the {mb} MB that are scanned.").format(mb=_megabytes(arg)),
        "unreachable": lambda: tk._("The linked file could not be fetched ({reason}).").format(reason=arg),
        "blocked_host": lambda: tk._("The link points at an address the portal does not fetch files from ({host}).").format(
            host=arg),
        "upload_missing": lambda: tk._("The uploaded file is missing from the portal's storage."),
        "resource_gone": lambda: tk._("The file was removed or replaced before it was scanned."),
        "internal": lambda: tk._("The scan stopped on an internal error; the administrators can find it in the log."),
    }
    unreadable = {
        "xls": tk._("XLS files (Excel 97-2003) cannot be scanned: save the table as XLSX or CSV."),
        "xlsx": tk._("The file is not a readable XLSX workbook."),
        "binary": tk._("The file is not a text table (CSV) or an XLSX workbook."),
    }
    if name == "unreadable":
        return unreadable.get(arg, unreadable["binary"])
    return messages[name]() if name in messages else code
