"""Downloads from a harvest source: bounded in size and time, spooled to disk, never half-trusted."""
from __future__ import annotations

import tempfile
from typing import IO, Any, Optional

import requests

import ckan.plugins.toolkit as tk

__all__ = ["SourceError", "Limits", "download", "get_json_bytes"]

_CHUNK = 1 << 16
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


def _too_big(url: str, limits: Limits) -> SourceError:
    return SourceError(tk._("{url} is larger than the limit of {size} MB: not harvested.").format(
        url=url, size=round(limits.max_bytes / 1024 / 1024, 2)))


def download(url: str, limits: Limits, headers: Optional[dict[str, str]] = None) -> IO[bytes]:
    """The body of `url` in a rewound temporary file. Raises SourceError on an HTTP error, a
    timeout, or a body over the size limit (refused from Content-Length before reading, else
    as soon as the limit is passed)."""
    try:
        response = requests.get(url, headers=headers or {}, stream=True, timeout=limits.timeout)
    except requests.Timeout:
        raise SourceError(tk._("{url} did not answer within {seconds} seconds.").format(
            url=url, seconds=limits.timeout))
    except requests.RequestException as error:
        raise SourceError(tk._("Could not connect to {url}: {error}").format(url=url, error=error))
    with response:
        if not response.ok:
            raise SourceError(tk._("{url} answered with HTTP {status}.").format(
                url=url, status=response.status_code))
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limits.max_bytes:
            raise _too_big(url, limits)
        body = tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY)
        size = 0
        try:
            for chunk in response.iter_content(_CHUNK):
                size += len(chunk)
                if size > limits.max_bytes:
                    body.close()
                    raise _too_big(url, limits)
                body.write(chunk)
        except requests.RequestException as error:  # includes a read timeout mid-body
            body.close()
            raise SourceError(tk._("Reading {url} failed: {error}").format(url=url, error=error))
    body.seek(0)
    return body


def get_json_bytes(url: str, limits: Limits, headers: Optional[dict[str, str]] = None) -> bytes:
    """A (size-limited) body read whole, for JSON pages that are parsed in one piece anyway."""
    with download(url, limits, headers) as body:
        return body.read()
