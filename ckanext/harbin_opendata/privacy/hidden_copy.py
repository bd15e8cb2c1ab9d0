"""The copy of an entry's resource states on its package row (plugin_data["harbin_privacy"]):
package_show reads it with the package it loads anyway, so showing an entry queries no privacy
table. Triggers on the privacy tables and on CKAN's resource table rewrite it in the transaction
of every change, whoever makes it (migrations 9e2d4b7a1c65, b41c7e2f9d03); a package without a
copy falls back to the query. Search results read it with the entries' rows (common/entry_rows.py)."""
from __future__ import annotations

from typing import Any, Iterable, Optional

import sqlalchemy as sa

import ckan.model as model

from ..common.entry_rows import PRIVACY_COPY_KEY
from .model import Exemption, Scan, Withheld

__all__ = ["STORED_KEY", "stored_states", "copied_states", "store_hidden", "store_if_replaced", "listen_for_flushes"]

STORED_KEY = PRIVACY_COPY_KEY  # {"states": {resource id: state}} for resources that are not clear
_STORE = sa.text("SELECT harbin_privacy_store_hidden(:package_id)")
_TOUCHED = "harbin_privacy_touched_packages"
_REPLACED = "harbin_privacy_plugin_data_replaced"  # on a package's instance state: its plugin_data was set


def stored_states(package: model.Package, resource_ids: Iterable[str]) -> Optional[dict[str, str]]:
    """The states of the entry's resources that are not clear, from the package row (no query);
    None when the row has no copy, or one that does not list every resource of `resource_ids` (a
    resource added or replaced since the row was read: migration d2a7b8e3f914)."""
    stored = _covering((package.plugin_data or {}).get(STORED_KEY), resource_ids)
    return None if stored is None else stored["states"]


def copied_states(copy: Any, resource_ids: Iterable[str]) -> Optional[dict[str, str]]:
    """The state of every resource the copy lists (those it does not name are clear or exempted), as
    model.states gives them; None as in `stored_states`. `copy`: the copy as a statement read it
    from the package row (common/entry_rows.py)."""
    stored = _covering(copy, resource_ids)
    if stored is None:
        return None
    return {resource_id: stored["states"].get(resource_id, "clear") for resource_id in stored["resources"]}


def _covering(stored: Any, resource_ids: Iterable[str]) -> Optional[dict[str, Any]]:
    """The copy when it is whole and lists every resource of `resource_ids`."""
    if not isinstance(stored, dict) or not isinstance(stored.get("states"), dict) \
            or not isinstance(stored.get("resources"), list) or not set(resource_ids) <= set(stored["resources"]):
        return None
    return stored


def store_hidden(package: model.Package) -> None:
    """Write the package row's copy now (the triggers do it on every change of the privacy tables;
    this restores it after a sysadmin's package_update replaced plugin_data, and gives new entries
    one)."""
    model.Session.flush()
    model.Session.execute(_STORE, {"package_id": package.id})
    model.Session.expire(package, ["plugin_data"])


def store_if_replaced(package: model.Package) -> None:
    """`store_hidden` after an update that set the package's plugin_data (a sysadmin's
    package_update with plugin_data); any other update leaves the copy to the triggers, which keep
    it (issue 20: package_update wrote it again every time, 2 statements)."""
    if sa.inspect(package).info.pop(_REPLACED, False):
        store_hidden(package)


def _note_replaced(package: model.Package, value: Any, old_value: Any, initiator: Any) -> None:
    sa.inspect(package).info[_REPLACED] = True


def _note_touched(session: Any, flush_context: Any) -> None:
    # a row merely set to the values it had (package_update saves every resource back) is in
    # session.dirty but sends no UPDATE, so no trigger rewrote the copy (issue 20: the entry's
    # plugin_data was read again after every update)
    rows = (*session.new, *(row for row in session.dirty if session.is_modified(row)), *session.deleted)
    touched = {row.package_id for row in rows if isinstance(row, (Scan, Exemption, Withheld, model.Resource))}
    if touched:
        session.info.setdefault(_TOUCHED, set()).update(touched)


def _expire_stored(session: Any, flush_context: Any) -> None:
    """After a flush that changed privacy or resource rows, the triggers have rewritten those packages' copies:
    packages already loaded in this session read theirs again."""
    for package_id in session.info.pop(_TOUCHED, set()):
        package = session.identity_map.get(session.identity_key(model.Package, package_id))
        if package is not None:
            session.expire(package, ["plugin_data"])


def listen_for_flushes() -> None:
    if not sa.event.contains(model.Session, "after_flush", _note_touched):
        sa.event.listen(model.Session, "after_flush", _note_touched)
        sa.event.listen(model.Session, "after_flush_postexec", _expire_stored)
    if not sa.event.contains(model.Package.plugin_data, "set", _note_replaced):
        sa.event.listen(model.Package.plugin_data, "set", _note_replaced)
