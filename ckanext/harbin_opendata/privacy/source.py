"""The file behind a resource, as a local path: the upload in CKAN's storage, or a linked file
downloaded (streamed, size- and time-limited) into a temporary file."""
from __future__ import annotations

import contextlib
import os
import tempfile
from typing import Iterator
from urllib.parse import urlparse

import requests

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import uploader

__all__ = ["local_copy", "SourceError", "declared_kind", "is_tabular"]

_CHUNK = 1 << 20


class SourceError(Exception):
    """The file cannot be had; `code` and `params` make the user's message (see messages.py)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def declared_kind(resource: model.Resource) -> str:
    """The format the resource says it has, lower case ("csv", "xlsx", …), else its URL's extension."""
    declared = (resource.format or "").strip().lower().lstrip(".")
    if declared:
        return declared
    path = urlparse(resource.url or "").path
    return os.path.splitext(path)[1].lower().lstrip(".")


def is_tabular(resource: model.Resource) -> bool:
    return declared_kind(resource) in tk.config["ckanext.harbin_opendata.privacy.formats"]


def _download(url: str, target: str) -> int:
    limit = tk.config["ckanext.harbin_opendata.privacy.max_bytes"]
    timeout = tk.config["ckanext.harbin_opendata.privacy.download_timeout"]
    if urlparse(url).scheme not in ("http", "https"):
        raise SourceError("bad_url")
    try:
        with requests.get(url, stream=True, timeout=timeout) as response:
            if response.status_code != 200:
                raise SourceError("http_status", status=response.status_code)
            if int(response.headers.get("Content-Length") or 0) > limit:
                raise SourceError("too_large", limit=limit)
            size = 0
            with open(target, "wb") as out:
                for chunk in response.iter_content(_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise SourceError("too_large", limit=limit)
                    out.write(chunk)
            return size
    except requests.RequestException as error:
        raise SourceError("unreachable", reason=type(error).__name__) from error


@contextlib.contextmanager
def local_copy(resource: model.Resource) -> Iterator[str]:
    """A path to the resource's file for the duration of the block."""
    if resource.url_type == "upload":
        path = uploader.get_resource_uploader(resource.as_dict()).get_path(resource.id)
        if not os.path.isfile(path):
            raise SourceError("upload_missing")
        if os.path.getsize(path) > tk.config["ckanext.harbin_opendata.privacy.max_bytes"]:
            raise SourceError("too_large", limit=tk.config["ckanext.harbin_opendata.privacy.max_bytes"])
        yield path
        return
    handle, path = tempfile.mkstemp(prefix="harbin-privacy-")
    os.close(handle)
    try:
        _download(resource.url, path)
        yield path
    finally:
        os.unlink(path)
