"""Background jobs of harbin_assessment, on their own named queue."""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from . import compute, linkcheck, service, usage

__all__ = ["enqueue", "assess", "check_links"]


def enqueue(fn: Callable[..., Any], args: list[Any], title: str) -> Any:
    return tk.enqueue_job(fn, args, title=title, queue=tk.config["ckanext.harbin_opendata.assessment.queue"])


def assess(as_of: Optional[str] = None, check_links_first: bool = False) -> dict[str, Any]:
    """Compute and commit the snapshot of the day (YYYY-MM-DD, default today)."""
    if check_links_first:
        linkcheck.check_links()
    usage.flush()
    run = compute.compute_snapshot(service.current_model(), dt.date.fromisoformat(as_of) if as_of else None)
    model.Session.commit()
    return service.run_dict(run)


def check_links() -> dict[str, int]:
    return linkcheck.check_links()
