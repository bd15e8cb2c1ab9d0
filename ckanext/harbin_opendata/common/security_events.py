"""Security events (等级保护 安全审计) that areas without the audit log report: failed logins and
lock-outs, refused actions, credentials revoked. Sent on one named signal; harbin_review records
them in the audit log when it is loaded (nothing happens otherwise)."""
from __future__ import annotations

from typing import Any, Optional

import ckan.plugins.toolkit as tk

__all__ = ["SIGNAL", "report"]

SIGNAL = tk.signals.ckanext.signal("harbin_security_event")


def report(event: str, actor: Optional[str], **details: Any) -> None:
    """Report one event: its name (labelled by harbin_review), who acted (user name or id, None for
    an anonymous caller) and what it concerned. Never raises: the action goes on."""
    try:
        SIGNAL.send(event, actor=actor, details=details)
    except Exception:  # noqa: BLE001 - a failing receiver logs its own error
        pass
