"""A new entry read from the database once, not twice, in a bulk import.

Saving an entry in a harvest ends with ckanext-activity's package_show of it (after every plugin's
after_dataset_create), and its batch's search indexing later builds its document from another
package_show of the same, unchanged, committed entry: the database read (package_dictize, ~15
statements) twice. Within `keeping_new_entries()` the read of an entry new in the transaction is
kept (a copy); within `reusing()` the next read of that entry is the kept copy, once. package_show's
plugin hooks and validation still run on it as always; only the database read is spared.

A copy is dropped, and the entry read again, when anything of the entry changed after it was
read: a flushed row of the entry (the entry, its resources, tags, extras, memberships, privacy
rows; any row naming its package_id), a later modification time, or a rollback."""
from __future__ import annotations

import contextlib
import contextvars
import copy
from typing import Any, Iterator, Optional

import sqlalchemy as sa

import ckan.model as model
from ckan.lib.dictization import model_dictize

__all__ = ["keeping_new_entries", "reusing"]

_KEPT: contextvars.ContextVar[Optional[dict[str, dict]]] = contextvars.ContextVar("harbin_kept_dicts", default=None)
_UNREAD: contextvars.ContextVar[tuple[type, ...]] = contextvars.ContextVar("harbin_unread_rows", default=())
_REUSING: contextvars.ContextVar[bool] = contextvars.ContextVar("harbin_reusing_dicts", default=False)


def _new_in_transaction(pkg: model.Package) -> bool:
    return pkg in getattr(model.Session(), "_object_cache", {}).get("new", ())


def _keeping(dictize: Any) -> Any:
    def package_dictize(pkg: model.Package, context: Any, include_plugin_data: bool = False) -> dict[str, Any]:
        kept = _KEPT.get()
        if kept is None or include_plugin_data:
            return dictize(pkg, context, include_plugin_data)
        if _REUSING.get():
            found = kept.pop(pkg.id, None)
            if found is not None and found.get("metadata_modified") == pkg.metadata_modified.isoformat():
                return found
            return dictize(pkg, context, include_plugin_data)
        result = dictize(pkg, context, include_plugin_data)
        if _new_in_transaction(pkg):
            kept[pkg.id] = copy.deepcopy(result)  # package_show's hooks change the dict it returns
        return result

    package_dictize.harbin_keeps = True  # type: ignore[attr-defined]
    return package_dictize


def _entry_ids(row: Any) -> set[str]:
    """The entries whose read the row may change."""
    if isinstance(row, _UNREAD.get()):
        return set()
    if isinstance(row, model.Package):
        return {row.id}
    if isinstance(row, model.Member):
        return {row.table_id} if row.table_name == "package" else set()
    package_id = getattr(row, "package_id", None)
    return {package_id} if isinstance(package_id, str) else set()


def _forget_changed(session: Any, flush_context: Any) -> None:
    kept = _KEPT.get()
    if kept:
        for row in (*session.new, *session.dirty, *session.deleted):
            for package_id in _entry_ids(row):
                kept.pop(package_id, None)


def _forget_all(session: Any, *_: Any) -> None:
    kept = _KEPT.get()
    if kept:
        kept.clear()


def _install() -> None:
    if not getattr(model_dictize.package_dictize, "harbin_keeps", False):
        model_dictize.package_dictize = _keeping(model_dictize.package_dictize)
    if not sa.event.contains(model.Session, "after_flush", _forget_changed):
        sa.event.listen(model.Session, "after_flush", _forget_changed)
        sa.event.listen(model.Session, "after_soft_rollback", _forget_all)


@contextlib.contextmanager
def keeping_new_entries(unread: tuple[type, ...] = ()) -> Iterator[None]:
    """Within the block, the last read of each entry new in its transaction is kept; rows of the
    `unread` classes (that package_dictize does not read, e.g. harvest objects naming the entry)
    changed afterwards do not drop it."""
    _install()
    tokens = _KEPT.set({}), _UNREAD.set(unread)
    try:
        yield
    finally:
        _KEPT.reset(tokens[0])
        _UNREAD.reset(tokens[1])


@contextlib.contextmanager
def reusing() -> Iterator[None]:
    """Within the block, an entry's kept read stands for its next read (once)."""
    token = _REUSING.set(True)
    try:
        yield
    finally:
        _REUSING.reset(token)


def forget() -> None:
    """Drop the copies kept (a batch of entries indexed)."""
    _forget_all(None)
