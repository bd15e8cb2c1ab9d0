"""Downloads from a harvest source: bounded in size and time, spooled to disk, never half-trusted."""
from __future__ import annotations

import tempfile
from typing import IO, Any, Optional

import requests

import ckan.plugins.toolkit as tk

from ..common.downloads import FileError, fetch

__all__ = ["SourceError", "Limits", "download", "get_json_bytes"]

_IN_MEMORY = 1 << 20  # above this a download lives in a temporary file, not in memory


class SourceError(Exception):
    """The source could not be read; the message is for the harvest job report."""


class Limits:
    """Size and time limits of one source: its config, else the site's configuration."""

    def __init__(self, source_config: dict[str, Any]):
        megabytes = source_config.get("max_size_mb") or tk.config["ckanext.harbin_opendata.harvest.max_size_mb"]
        self.max_bytes = int(float(megabytes) * 1024 * 1024)
        self.timeout = float(source_config.get("timeout") or tk.config["ckanext.harbin_opendata.harvest.timeout"])
        self.max_pages = int(source_config.get("max_pages") or tk.config["ckanext.harbin_opendata.harvest.max_pages"])


def _source_error(url: str, limits: Limits, error: FileError) -> SourceError:
    """The harvest job report's sentence for a failed download."""
    if error.code == "too_large":
        return SourceError(tk._("{url} is larger than the limit of {size} MB: not harvested.").format(
            url=url, size=round(limits.max_bytes / 1024 / 1024, 2)))
    if error.code == "http_status":
        return SourceError(tk._("{url} answered with HTTP {status}.").format(url=url, status=error.params["status"]))
    if error.code == "bad_url":
        return SourceError(tk._("{url} is not an http(s) address.").format(url=url))
    if error.phase == "read":
        return SourceError(tk._("Reading {url} failed: {error}").format(url=url, error=error.cause))
    if isinstance(error.cause, requests.Timeout):
        return SourceError(tk._("{url} did not answer within {seconds} seconds.").format(url=url, seconds=limits.timeout))
    return SourceError(tk._("Could not connect to {url}: {error}").format(url=url, error=error.cause))


def download(url: str, limits: Limits, headers: Optional[dict[str, str]] = None) -> IO[bytes]:
    """The body of `url` in a rewound temporary file (in memory while small). Raises SourceError
    on an HTTP error, a timeout, or a body over the size limit."""
    body = tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY)
    try:
        fetch(url, body, limits.max_bytes, limits.timeout, headers)
    except FileError as error:
        body.close()
        raise _source_error(url, limits, error) from error
    body.seek(0)
    return body


def get_json_bytes(url: str, limits: Limits, headers: Optional[dict[str, str]] = None) -> bytes:
    """A (size-limited) body read whole, for JSON pages that are parsed in one piece anyway."""
    with download(url, limits, headers) as body:
        return body.read()
