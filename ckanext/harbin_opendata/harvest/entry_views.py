"""The default resource views (the table preview) of a harvested entry, saved in the entry's own
transaction. CKAN's package_create creates them through resource_view_create with a fresh
context, which commits once per view — each commit re-indexing the entry in Solr and writing
an activity: 39% of a first harvest's time (py-spy, 1,001-record JSON catalog). While the
importer saves an entry, the views wait for the importer's single commit.

Likewise ckanext-activity's package_show of the entry being saved does not ask the search index
first: the entry is not there yet, or is there as it was before (CKAN finds the dates differ and
reads the database anyway) — a Solr query per entry for nothing."""
from __future__ import annotations

import contextlib
import contextvars
from typing import Any, Callable, Iterator

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

__all__ = ["saving_entry", "package_create_default_resource_views", "package_show"]

_SAVING = contextvars.ContextVar("harbin_harvest_saving_entry", default=False)


@contextlib.contextmanager
def saving_entry() -> Iterator[None]:
    """Within the block, default views are created without a commit of their own."""
    token = _SAVING.set(True)
    try:
        yield
    finally:
        _SAVING.reset(token)


@tk.chained_action
def package_create_default_resource_views(original: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    """CKAN's action; during a harvest's save of an entry, without committing per view."""
    if _SAVING.get():
        context = {**context, "defer_commit": True}  # type: ignore[assignment]
    return original(context, data_dict)


@tk.chained_action
def package_show(original: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    """CKAN's action; during a harvest's save of an entry, read from the database only."""
    if _SAVING.get():
        context.setdefault("use_cache", False)
    return original(context, data_dict)
