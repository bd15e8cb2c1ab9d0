"""CKAN's download of an uploaded file, with the file opened before anything of its record is read.

CKAN checks the record (resource_show, package_show: what the public may see) and then opens the
file by its path. A new version moved into place between the two (uploads.py moves it when its
record commits) was served under the old record's check: the outside probe downloaded a file with
personal data twice in ~1.3 s while the agency replaced a clean one. Here the file is opened first
and the record read afresh after: a file opened before the move is the old, checked one; one
opened after it goes with the new record, hidden until its scan.

A linked file is served the same way, from the copy its scan read (common/link_copies.py), never by
a redirect to the agency's server."""
from __future__ import annotations

import os
import urllib.parse
from typing import IO, Any, Optional

import flask

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.common import current_user
from ckan.lib import signals, uploader

from .common.link_copies import copy_path
from .common.scanned_links import NOT_CHECKED, scanned_digests

__all__ = ["download", "take_over_downloads"]


def _open_stored(resource_id: str) -> Optional[IO[bytes]]:
    stored = uploader.get_resource_uploader({})
    if not getattr(stored, "storage_path", None):  # no storage configured: no uploads to serve
        return None
    try:
        return open(stored.get_path(resource_id), "rb")
    except (OSError, ValueError):
        return None


def download(package_type: str, id: str, resource_id: str, filename: Optional[str] = None) -> Any:
    handle = _open_stored(resource_id)  # before any read of the record (the session may hold none yet)
    model.Session.expire_all()  # the checks read the record as committed now
    try:
        return _checked_download(id, resource_id, filename, handle)
    except BaseException:
        if handle is not None:
            handle.close()
        raise


def _checked_download(id: str, resource_id: str, filename: Optional[str], handle: Optional[IO[bytes]]) -> Any:
    context = {"user": current_user.name, "auth_user_obj": current_user}
    try:
        resource = tk.get_action("resource_show")(context, {"id": resource_id})
        tk.get_action("package_show")(context, {"id": id})
    except tk.ObjectNotFound:
        tk.abort(404, tk._("Resource not found"))
    except tk.NotAuthorized:  # as the entry's own page: log in first, and outsiders are not told it exists
        if not current_user.is_authenticated:
            if handle is not None:
                handle.close()
            return tk.redirect_to("user.login", came_from=tk.h.url_for(tk.h.current_url()))
        tk.abort(404, tk._("Resource not found"))
    if resource.get("url_type") == "upload":
        if handle is None:  # gone from the storage folder: said as the request guard says it
            raise FileNotFoundError(resource_id)
        name = filename or os.path.basename(resource.get("url") or "") or "data"
        response = flask.send_file(handle, download_name=name, mimetype=resource.get("mimetype") or None)
        response.content_length = os.fstat(handle.fileno()).st_size  # (the access log counts the bytes)
        signals.resource_download.send(resource_id)
        return response
    if handle is not None:
        handle.close()
    if "url" not in resource:
        tk.abort(404, tk._("No download is available"))
    return _linked_download(resource, filename)


def _linked_download(resource: dict[str, Any], filename: Optional[str]) -> Any:
    """A link's download: the copy its scan read (common/link_copies.py), never a redirect to what
    the agency's server serves now; nothing when no checked copy is kept (fail closed)."""
    record = model.Resource.get(resource["id"])
    scanned = scanned_digests(record) if record is not None else None
    if scanned == NOT_CHECKED:  # a site without the personal-data area checks no file
        return tk.redirect_to(resource["url"])
    path = copy_path(resource["id"], (scanned or {}).get("digest"))
    try:
        handle = open(path, "rb") if path else None
    except OSError:
        handle = None
    if handle is None:
        tk.abort(404, tk._("This linked file has no checked copy on the platform yet: it cannot be downloaded "
                           "here until the platform has fetched and checked it."))
    name = filename or _link_name(resource["url"])
    response = flask.send_file(handle, download_name=name, mimetype=resource.get("mimetype") or None)
    response.content_length = os.fstat(handle.fileno()).st_size
    signals.resource_download.send(resource["id"])
    return response


def _link_name(url: str) -> str:
    name = os.path.basename(urllib.parse.urlsplit(url).path)
    return name if name and name not in (".", "..") else "data"


def take_over_downloads(app: Any) -> None:
    """Answer every address served by CKAN's download view with the view above (the dataset's and
    each package type's, e.g. /harvest/<id>/resource/<id>/download: none may open the file after
    reading its record)."""
    for endpoint, view in list(app.view_functions.items()):
        if (getattr(view, "__module__", ""), getattr(view, "__name__", "")) == ("ckan.views.resource", "download"):
            app.view_functions[endpoint] = download
