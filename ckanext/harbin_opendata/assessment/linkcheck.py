"""The link-check job: is every file and API of the published entries reachable? Each address gets
a bounded timeout, a few run at once, and only the last result per resource is kept. Addresses in
files.blocked_networks (the portal's own host, link-local) are not asked, also not by redirect:
an agency's link must not make the portal probe them; they count as broken."""
from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Optional

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import uploader

from ..common.downloads import FileError, Networks, blocked_networks, open_url
from .model import LinkCheck

__all__ = ["check_links", "check_url", "resources_to_check"]


def resources_to_check() -> list[dict[str, Any]]:
    """Active resources of published entries (one query)."""
    rows = model.Session.execute(sa.text("""
SELECT r.id, r.package_id, r.url, r.url_type FROM resource r JOIN package p ON p.id = r.package_id
WHERE r.state = 'active' AND p.state = 'active' AND p.type = 'dataset' AND NOT p.private
  AND coalesce(btrim(r.url), '') <> ''"""))
    return [dict(row._mapping) for row in rows]


def check_url(url: str, timeout: float, blocked: Networks = ()) -> tuple[bool, Optional[int], Optional[str]]:
    """(reachable, HTTP status, error). HEAD first; servers that refuse HEAD get a streamed GET."""
    try:
        with open_url(url, timeout, blocked, method="HEAD") as response:
            status = response.status_code
        if status in (403, 405, 501):
            with open_url(url, timeout, blocked) as response:
                status = response.status_code
        return status < 400, status, None
    except FileError as error:  # "blocked_host", or the network error's name ("ReadTimeout", …)
        return False, None, str(error.params.get("reason") or error.code)


def _check(resource: dict[str, Any], timeout: float, blocked: Networks) -> dict[str, Any]:
    if resource["url_type"] == "upload":  # the platform's own storage: the file must be there
        path = uploader.get_resource_uploader({"id": resource["id"]}).get_path(resource["id"])
        ok = os.path.isfile(path)
        status, error = None, (None if ok else "missing file")
    elif not resource["url"].lower().startswith(("http://", "https://")):
        ok, status, error = False, None, "not a web address"
    else:
        ok, status, error = check_url(resource["url"], timeout, blocked)
    return {"resource_id": resource["id"], "package_id": resource["package_id"], "url": resource["url"],
            "checked_at": dt.datetime.now(dt.timezone.utc), "ok": ok, "status": status, "error": error}


def check_links(progress: Optional[Callable[[int], None]] = None) -> dict[str, int]:
    """Check every resource and store the results; returns counts (checked, ok, broken)."""
    timeout = tk.config["ckanext.harbin_opendata.assessment.link_check_timeout"]
    workers = tk.config["ckanext.harbin_opendata.assessment.link_check_workers"]
    resources, blocked = resources_to_check(), blocked_networks()
    results = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for result in pool.map(lambda r: _check(r, timeout, blocked), resources):
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
