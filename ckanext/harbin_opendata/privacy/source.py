"""Which resources are scanned, and their files within the scan's limits (see ..files)."""
from __future__ import annotations

import contextlib
from typing import Iterator

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.downloads import FileError, declared_kind
from ..common.downloads import local_copy as _local_copy

__all__ = ["local_copy", "SourceError", "declared_kind", "is_tabular"]

SourceError = FileError


def is_tabular(resource: model.Resource) -> bool:
    return declared_kind(resource) in tk.config["ckanext.harbin_opendata.privacy.formats"]


@contextlib.contextmanager
def local_copy(resource: model.Resource) -> Iterator[str]:
    with _local_copy(resource, tk.config["ckanext.harbin_opendata.privacy.max_bytes"],
                     tk.config["ckanext.harbin_opendata.privacy.download_timeout"]) as path:
        yield path
