"""The one bounded downloader, and the file behind a resource as a local path: the upload in CKAN's
storage, or a linked file downloaded (streamed, size- and time-limited) into a temporary file.
Every outgoing request of the suite goes through here (the personal-data scan, the table preview,
the link check, the harvesters and their JSON-LD contexts): connections only to addresses outside
files.blocked_networks, decided on the resolved address and pinned to it (common/guarded_http.py)."""
from __future__ import annotations

import contextlib
import os
import tempfile
from typing import IO, Any, Iterator, Optional
from urllib.parse import urlparse

import requests

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import uploader

from . import scanned_links
from .addresses import Blocklist, configured_blocklist
from .guarded_http import BlockedAddress, GuardedSession

__all__ = ["local_copy", "FileError", "declared_kind", "fetch", "open_url", "blocked_networks", "Blocklist"]

_CHUNK = 1 << 20


class FileError(Exception):
    """The file cannot be had; `code` and `params` make the user's message. A network failure
    keeps the exception (`cause`) and whether it came before the answer or while reading the body
    (`phase`: "connect" or "read")."""

    def __init__(self, code: str, cause: Optional[Exception] = None, phase: str = "", **params: object) -> None:
        super().__init__(code)
        self.code, self.params, self.cause, self.phase = code, params, cause, phase

    def stored(self) -> str:
        """"code:param" as kept on a scan row or a failed load ("too_large:2147483648"), as TableError's."""
        return ":".join([self.code, *map(str, self.params.values())])


def declared_kind(resource: model.Resource) -> str:
    """The format the resource says it has, lower case ("csv", "xlsx", …), else its URL's extension."""
    declared = (resource.format or "").strip().lower().lstrip(".")
    if declared:
        return declared
    path = urlparse(resource.url or "").path
    return os.path.splitext(path)[1].lower().lstrip(".")


def blocked_networks() -> Blocklist:
    """The configured addresses the portal never fetches from (files.blocked_networks)."""
    return configured_blocklist()


def open_url(url: str, timeout: float, blocked: Optional[Blocklist] = None, headers: Optional[dict[str, str]] = None,
             method: str = "GET") -> requests.Response:
    """The answer to `url` (its body not read yet), connected only to addresses outside `blocked`
    (the configured blocklist when None), also when redirected. Raises FileError."""
    if urlparse(url).scheme.lower() not in ("http", "https"):
        raise FileError("bad_url")
    session = GuardedSession(blocked)
    try:
        return session.request(method, url, headers=headers or {}, stream=True, timeout=timeout)
    except BlockedAddress as error:
        raise FileError("blocked_host", host=error.host) from error
    except requests.TooManyRedirects as error:
        raise FileError("unreachable", error, "connect", reason="TooManyRedirects") from error
    except requests.exceptions.InvalidURL as error:
        raise FileError("bad_url", error) from error
    except requests.RequestException as error:
        raise FileError("unreachable", error, "connect", reason=type(error).__name__) from error


def fetch(url: str, out: IO[bytes], limit: int, timeout: float, headers: Optional[dict[str, str]] = None,
          truncate: bool = False, blocked: Optional[Blocklist] = None) -> int:
    """Stream `url` into `out`; returns the bytes written. A body over `limit` bytes is refused
    (from its Content-Length before reading, else as soon as the limit is passed), or with
    truncate only its first `limit` bytes are kept. Addresses in `blocked` are refused, also as
    a redirect's target (the configured blocklist when None). Raises FileError."""
    response = open_url(url, timeout, blocked, headers)
    with response:
        if not response.ok:
            raise FileError("http_status", status=response.status_code)
        declared = response.headers.get("Content-Length", "")
        if not truncate and declared.isdigit() and int(declared) > limit:
            raise FileError("too_large", limit=limit)
        size = 0
        try:
            for chunk in response.iter_content(_CHUNK):
                if size + len(chunk) > limit:
                    if truncate:  # enough for a preview
                        out.write(chunk[:limit - size])
                        return limit
                    raise FileError("too_large", limit=limit)
                size += len(chunk)
                out.write(chunk)
        except requests.RequestException as error:  # includes a read timeout mid-body
            raise FileError("unreachable", error, "read", reason=type(error).__name__) from error
    return size


@contextlib.contextmanager
def local_copy(resource: model.Resource, limit: int, timeout: int, truncate: bool = False,
               as_scanned: bool = False, scanned: Optional[dict[str, Any]] = None) -> Iterator[str]:
    """A path to the resource's file for the duration of the block. A file over `limit` bytes is
    refused (FileError "too_large"), or with truncate only its first `limit` bytes are fetched.
    With as_scanned, a linked file must be the bytes its personal-data scan read (the digests
    `scanned`, or the current scan's when None): else FileError "link_changed" (scanned_links.py).
    An upload is the platform's own copy, checked by its record."""
    if resource.url_type == "upload":
        path = uploader.get_resource_uploader(resource.as_dict()).get_path(resource.id)
        if not os.path.isfile(path):
            raise FileError("upload_missing")
        if not truncate and os.path.getsize(path) > limit:
            raise FileError("too_large", limit=limit)
        yield path
        return
    handle, path = tempfile.mkstemp(prefix="harbin-file-")
    os.close(handle)
    try:
        with open(path, "wb") as out:
            size = fetch(resource.url, out, limit, timeout, truncate=truncate)
        cut_at = limit if truncate and size >= limit else None
        if as_scanned and not scanned_links.check_copy(resource, path, cut_at, scanned):
            raise FileError("link_changed")
        yield path
    finally:
        os.unlink(path)
