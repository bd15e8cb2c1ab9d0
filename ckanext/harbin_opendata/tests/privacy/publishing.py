"""Publishing an entry in a test the way it really happens: its files' checks run, its agency's
editor submits it, the centre's reviewer publishes it (through the actions and their gate)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from .jobs import run_scans

__all__ = ["publish"]


def publish(people: Any, entry_id: str) -> dict[str, Any]:
    run_scans(entry_id)
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": entry_id})
    return tk.get_action("harbin_review_publish")({"user": people.reviewer}, {"id": entry_id})
