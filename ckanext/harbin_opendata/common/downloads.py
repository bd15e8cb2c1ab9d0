"""Bounded downloads, and the file behind a resource as a local path: the upload in CKAN's
storage, or a linked file downloaded (streamed, size- and time-limited) into a temporary file.
Shared by the personal-data scan, the table preview and the harvesters (harvest/download.py)."""
from __future__ import annotations

import contextlib
import ipaddress
import os
import socket
import tempfile
from typing import IO, Iterator, Optional
from urllib.parse import urlparse

import requests

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import uploader

__all__ = ["local_copy", "FileError", "declared_kind", "fetch", "open_url", "blocked_networks"]

_CHUNK = 1 << 20
_REDIRECTS = 5
Networks = tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]


class FileError(Exception):
    """The file cannot be had; `code` and `params` make the user's message. A network failure
    keeps the exception (`cause`) and whether it came before the answer or while reading the body
    (`phase`: "connect" or "read")."""

    def __init__(self, code: str, cause: Optional[Exception] = None, phase: str = "", **params: object) -> None:
        super().__init__(code)
        self.code, self.params, self.cause, self.phase = code, params, cause, phase


def declared_kind(resource: model.Resource) -> str:
    """The format the resource says it has, lower case ("csv", "xlsx", …), else its URL's extension."""
    declared = (resource.format or "").strip().lower().lstrip(".")
    if declared:
        return declared
    path = urlparse(resource.url or "").path
    return os.path.splitext(path)[1].lower().lstrip(".")


def blocked_networks() -> Networks:
    """The configured ranges a resource's linked file is never fetched from."""
    return tuple(ipaddress.ip_network(text, strict=False)
                 for text in tk.config["ckanext.harbin_opendata.files.blocked_networks"])


def _refuse_blocked(url: str, blocked: Networks) -> None:
    host = urlparse(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError):
        return  # requests reports the unknown host
    if any(ipaddress.ip_address(address.split("%")[0]) in network for address in addresses for network in blocked):
        raise FileError("blocked_host", host=host)


def open_url(url: str, timeout: float, blocked: Networks, headers: Optional[dict[str, str]] = None,
             method: str = "GET") -> requests.Response:
    """The answer to `url` (its body not read yet), following redirects only to addresses outside
    `blocked`. Raises FileError."""
    for _ in range(_REDIRECTS + 1):
        if urlparse(url).scheme not in ("http", "https"):
            raise FileError("bad_url")
        _refuse_blocked(url, blocked)
        try:
            response = requests.request(method, url, headers=headers or {}, stream=True, timeout=timeout,
                                        allow_redirects=not blocked)
        except requests.RequestException as error:
            raise FileError("unreachable", error, "connect", reason=type(error).__name__) from error
        if not (blocked and response.is_redirect):
            return response
        url = requests.compat.urljoin(url, response.headers["Location"])
        response.close()
    raise FileError("unreachable", phase="connect", reason="TooManyRedirects")


def fetch(url: str, out: IO[bytes], limit: int, timeout: float, headers: Optional[dict[str, str]] = None,
          truncate: bool = False, blocked: Networks = ()) -> int:
    """Stream `url` into `out`; returns the bytes written. A body over `limit` bytes is refused
    (from its Content-Length before reading, else as soon as the limit is passed), or with
    truncate only its first `limit` bytes are kept. Addresses in `blocked` are refused, also as
    a redirect's target. Raises FileError."""
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
def local_copy(resource: model.Resource, limit: int, timeout: int, truncate: bool = False) -> Iterator[str]:
    """A path to the resource's file for the duration of the block. A file over `limit` bytes is
    refused (FileError "too_large"), or with truncate only its first `limit` bytes are fetched."""
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
            fetch(resource.url, out, limit, timeout, truncate=truncate, blocked=blocked_networks())
        yield path
    finally:
        os.unlink(path)
