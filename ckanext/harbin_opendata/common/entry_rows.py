"""The rows of the entries a search answers with, as the areas that check search results against the
database read them (review: committed and not deleted, private; access: type and open type;
privacy: the copy of the resources' states on the package row): one statement for a page of
results, shared by the areas' after_dataset_search hooks within one package_search call
(`one_read_per_search`), instead of one statement per area (issue 20, benchmarks/compare.py). Outside such a call every read goes to the database. The hooks sharing the
rows write nothing in between; rows are never kept beyond the package_search call that read them."""
from __future__ import annotations

import contextvars
from typing import Any, Callable, Iterable, NamedTuple, Optional

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

__all__ = ["EntryRow", "PRIVACY_COPY_KEY", "entry_rows", "one_read_per_search"]

# plugin_data key of the privacy area's copy of an entry's resource states (privacy/hidden_copy.py)
PRIVACY_COPY_KEY = "harbin_privacy"


class EntryRow(NamedTuple):
    type: str
    private: bool
    state: str
    open_type: Optional[str]  # the open_type extra as `package.extras` reads it, None without one
    privacy_copy: Any  # plugin_data[PRIVACY_COPY_KEY] as the row holds it (None without one)


# One statement text whatever the number of ids (an array parameter): compiled once.
_ROWS = sa.text(
    "SELECT package.id, package.type, package.private, package.state, open_type.value,"
    f" package.plugin_data -> '{PRIVACY_COPY_KEY}' FROM package"
    " LEFT OUTER JOIN package_extra AS open_type"
    " ON open_type.package_id = package.id AND open_type.key = 'open_type'"
    " WHERE package.id = ANY(:ids)")

# ids asked → their rows, for the package_search call in progress (None: outside one, nothing kept)
_READ: contextvars.ContextVar[Optional[tuple[frozenset[str], dict[str, EntryRow]]]] = \
    contextvars.ContextVar("harbin_entry_rows", default=None)
_IN_SEARCH: contextvars.ContextVar[bool] = contextvars.ContextVar("harbin_entry_rows_scope", default=False)


def entry_rows(ids: Iterable[str]) -> dict[str, EntryRow]:
    """id → row of each existing entry among `ids` (deleted ones included, with their state)."""
    wanted = frozenset(ids)
    if not wanted:
        return {}
    read = _READ.get()
    if read is not None and wanted <= read[0]:
        return {package_id: row for package_id, row in read[1].items() if package_id in wanted}
    rows = {package_id: EntryRow(*row) for package_id, *row in model.Session.execute(_ROWS, {"ids": sorted(wanted)})}
    if _IN_SEARCH.get():
        _READ.set((wanted, rows))
    return rows


@tk.chained_action
def one_read_per_search(original: Callable[..., Any], context: Any, data_dict: Any) -> Any:
    """package_search, its result checks sharing one read of the entries' rows."""
    scope, read = _IN_SEARCH.set(True), _READ.set(None)
    try:
        return original(context, data_dict)
    finally:
        _READ.reset(read)
        _IN_SEARCH.reset(scope)
