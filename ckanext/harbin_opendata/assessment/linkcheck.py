"""The link-check job: is every file and API of the published entries reachable? Each address gets
a bounded timeout, a few run at once, and only the last result per resource is kept."""
from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Optional

import requests
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import uploader

from .model import LinkCheck

__all__ = ["check_links", "check_url", "resources_to_check"]


def resources_to_check() -> list[dict[str, Any]]:
    """Active resources of published entries (one query)."""
    rows = model.Session.execute(sa.text("""
SELECT r.id, r.package_id, r.url, r.url_type FROM resource r JOIN package p ON p.id = r.package_id
WHERE r.state = 'active' AND p.state = 'active' AND p.type = 'dataset' AND NOT p.private
  AND coalesce(btrim(r.url), '') <> ''"""))
    return [dict(row._mapping) for row in rows]


def check_url(url: str, timeout: float) -> tuple[bool, Optional[int], Optional[str]]:
    """(reachable, HTTP status, error). HEAD first; servers that refuse HEAD get a streamed GET."""
    try:
        response = requests.head(url, timeout=timeout, allow_redirects=True)
        if response.status_code in (403, 405, 501):
            response = requests.get(url, timeout=timeout, stream=True, allow_redirects=True)
            response.close()
        return response.status_code < 400, response.status_code, None
    except requests.RequestException as error:
        return False, None, type(error).__name__


def _check(resource: dict[str, Any], timeout: float) -> dict[str, Any]:
    if resource["url_type"] == "upload":  # the platform's own storage: the file must be there
        path = uploader.get_resource_uploader({"id": resource["id"]}).get_path(resource["id"])
        ok = os.path.isfile(path)
        status, error = None, (None if ok else "missing file")
    elif not resource["url"].lower().startswith(("http://", "https://")):
        ok, status, error = False, None, "not a web address"
    else:
        ok, status, error = check_url(resource["url"], timeout)
    return {"resource_id": resource["id"], "package_id": resource["package_id"], "url": resource["url"],
            "checked_at": dt.datetime.now(dt.timezone.utc), "ok": ok, "status": status, "error": error}


def check_links(progress: Optional[Callable[[int], None]] = None) -> dict[str, int]:
    """Check every resource and store the results; returns counts (checked, ok, broken)."""
    timeout = tk.config["ckanext.harbin_opendata.assessment.link_check_timeout"]
    workers = tk.config["ckanext.harbin_opendata.assessment.link_check_workers"]
    resources = resources_to_check()
    results = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for result in pool.map(lambda r: _check(r, timeout), resources):
            results.append(result)
            if progress:
                progress(1)
    if results:
        statement = insert(LinkCheck.__table__).values(results)
        model.Session.execute(statement.on_conflict_do_update(
            index_elements=["resource_id"],
            set_={c: statement.excluded[c] for c in ("package_id", "url", "checked_at", "ok", "status", "error")}))
    model.Session.commit()
    ok = sum(r["ok"] for r in results)
    return {"checked": len(results), "ok": ok, "broken": len(results) - ok}
