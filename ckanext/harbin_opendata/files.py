"""The file behind a resource, as a local path: the upload in CKAN's storage, or a linked file
downloaded (streamed, size- and time-limited) into a temporary file. Shared by the personal-data
scan and the table preview."""
from __future__ import annotations

import contextlib
import os
import tempfile
from typing import Iterator
from urllib.parse import urlparse

import requests

import ckan.model as model
from ckan.lib import uploader

__all__ = ["local_copy", "FileError", "declared_kind"]

_CHUNK = 1 << 20


class FileError(Exception):
    """The file cannot be had; `code` and `params` make the user's message."""

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


def _download(url: str, target: str, limit: int, timeout: int, truncate: bool) -> int:
    if urlparse(url).scheme not in ("http", "https"):
        raise FileError("bad_url")
    try:
        with requests.get(url, stream=True, timeout=timeout) as response:
            if response.status_code != 200:
                raise FileError("http_status", status=response.status_code)
            if not truncate and int(response.headers.get("Content-Length") or 0) > limit:
                raise FileError("too_large", limit=limit)
            size = 0
            with open(target, "wb") as out:
                for chunk in response.iter_content(_CHUNK):
                    if size + len(chunk) > limit:
                        if truncate:  # enough for a preview
                            out.write(chunk[:limit - size])
                            return limit
                        raise FileError("too_large", limit=limit)
                    size += len(chunk)
                    out.write(chunk)
            return size
    except requests.RequestException as error:
        raise FileError("unreachable", reason=type(error).__name__) from error


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
        _download(resource.url, path, limit, timeout, truncate)
        yield path
    finally:
        os.unlink(path)
