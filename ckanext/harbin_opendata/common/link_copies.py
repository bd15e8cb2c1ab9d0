"""The checked copy of a linked file: the bytes its personal-data scan read, kept in the portal's
storage (<ckan.storage_path>/harbin_link_copies/<resource id>/<sha256>) and the only bytes the
portal's download of a link serves. The agency's server may answer later otherwise, or answer the
public otherwise than the scanner (by User-Agent): what it serves now is never handed out under the
portal's name (outside probe, 2026-12-03: a 302 to the agency's server served changed and cloaked
files). Without a copy matching the current scan's digest — the scan failed (unreachable, too
large) or kept none — the download gives nothing (fail closed)."""
from __future__ import annotations

import os
import shutil
import tempfile
from typing import Optional

import ckan.plugins.toolkit as tk

__all__ = ["keep_copy", "copy_path", "forget_copies"]

_FOLDER = "harbin_link_copies"


def _folder(resource_id: str) -> Optional[str]:
    storage = tk.config.get("ckan.storage_path")
    if not storage or not resource_id or "/" in resource_id or resource_id.startswith("."):
        return None
    return os.path.join(storage, _FOLDER, resource_id)


def copy_path(resource_id: str, digest: Optional[str]) -> Optional[str]:
    """Where the copy with this SHA-256 is, when it is kept."""
    folder = _folder(resource_id)
    if folder is None or not digest or not digest.isalnum():
        return None
    path = os.path.join(folder, digest)
    return path if os.path.isfile(path) else None


def keep_copy(resource_id: str, source: str, digest: str) -> bool:
    """Keep the scanned file `source` as the resource's checked copy (moved into place whole, so a
    download never reads half of it); older copies of the resource are removed. False without storage."""
    folder = _folder(resource_id)
    if folder is None:
        return False
    os.makedirs(folder, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=folder, prefix=".part-")
    try:
        with os.fdopen(handle, "wb") as target, open(source, "rb") as origin:
            shutil.copyfileobj(origin, target, 1 << 20)
        os.replace(partial, os.path.join(folder, digest))
    except BaseException:
        if os.path.exists(partial):
            os.remove(partial)
        raise
    for name in os.listdir(folder):
        if name != digest and not name.startswith(".part-"):
            os.remove(os.path.join(folder, name))
    return True


def forget_copies(resource_id: str) -> None:
    """Remove the resource's checked copies (it became an upload, or was deleted)."""
    folder = _folder(resource_id)
    if folder is not None and os.path.isdir(folder):
        shutil.rmtree(folder, ignore_errors=True)
