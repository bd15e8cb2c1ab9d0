"""A linked file is fetched again each time the platform shows its content (the table preview, the
DataStore load), and its server may answer otherwise than when the file was checked: scanned
clean, then served with personal data. What the platform shows of a link must be the bytes the
personal-data scan read: the scan keeps the SHA-256 of the whole file ("digest") and of its first
preview.max_bytes ("head_digest", "<bytes>:<sha256>", for a preview that fetches only the
beginning of a large file). A copy whose digest differs — or of a file whose scan kept none — is
not shown, and the link is queued for a new scan (hidden until it ends)."""
from __future__ import annotations

import hashlib
import logging
from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

__all__ = ["digests_of", "scanned_digests", "check_copy", "NOT_CHECKED"]

log = logging.getLogger(__name__)
_CHUNK = 1 << 20
NOT_CHECKED = "not checked"  # the site has no personal-data area


def digests_of(path: str, head_bytes: int) -> dict[str, str]:
    """{"digest", "head_digest"} of a file, read once."""
    whole, head, size = hashlib.sha256(), hashlib.sha256(), 0
    with open(path, "rb") as file:
        while chunk := file.read(_CHUNK):
            whole.update(chunk)
            if size < head_bytes:
                head.update(chunk[:head_bytes - size])
            size += len(chunk)
    return {"digest": whole.hexdigest(), "head_digest": f"{head_bytes}:{head.hexdigest()}"}


def scanned_digests(resource: model.Resource) -> Any:
    """{"digest", "head_digest"} of the linked file as its current scan read it (None values when
    none were kept); NOT_CHECKED on a site without the personal-data area."""
    try:
        status = tk.get_action("harbin_privacy_status")({"ignore_auth": True, "user": ""},
                                                        {"id": resource.package_id})
    except KeyError:
        return NOT_CHECKED
    found = next((res for res in status["resources"] if res["id"] == resource.id), None) or {}
    scan = found.get("scan") or {}
    return {key: scan.get(key) if scan.get("current") else None for key in ("digest", "head_digest")}


def check_copy(resource: model.Resource, path: str, cut_at: Optional[int], scanned: Optional[dict[str, Any]]) -> bool:
    """Whether the fetched copy at `path` (its first `cut_at` bytes only, when not None) is what
    the scan read; when not, a new scan is queued."""
    scanned = scanned or scanned_digests(resource)
    if scanned == NOT_CHECKED:
        return True
    fetched = digests_of(path, cut_at or 0)
    same = scanned.get("head_digest") == fetched["head_digest"] if cut_at else \
        scanned.get("digest") == fetched["digest"]
    if not same:
        _content_changed(resource)
    return same


def _content_changed(resource: model.Resource) -> None:
    """The link now serves other bytes than were checked: scan it again (it is hidden meanwhile)."""
    try:
        tk.get_action("harbin_privacy_scan")({"ignore_auth": True, "user": ""},
                                             {"id": resource.package_id, "resource_id": resource.id})
    except (KeyError, tk.ValidationError):
        log.warning("Linked file of resource %s changed; no new scan could be queued", resource.id)
