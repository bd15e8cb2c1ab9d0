"""The copy of an entry's hidden resources on its package row (plugin_data["harbin_privacy"]):
package_show reads it with the package it loads anyway, so showing an entry queries no privacy
table. Triggers on the privacy tables rewrite it in the transaction of every change, whoever makes
it (migration 9e2d4b7a1c65); a package without a copy falls back to the query."""
from __future__ import annotations

from typing import Any, Optional

import sqlalchemy as sa

import ckan.model as model

from .model import Exemption, Scan, Withheld

__all__ = ["STORED_KEY", "stored_hidden", "store_hidden", "listen_for_flushes"]

STORED_KEY = "harbin_privacy"  # {"hidden": [resource ids], "pending": [resource ids]}
_STORE = sa.text("SELECT harbin_privacy_store_hidden(:package_id)")
_TOUCHED = "harbin_privacy_touched_packages"


def stored_hidden(package: model.Package, with_pending: bool) -> Optional[set[str]]:
    """The hidden resource ids from the package row (no query), with those whose scan is pending
    if asked; None when the row has no copy."""
    stored = (package.plugin_data or {}).get(STORED_KEY)
    if not isinstance(stored, dict):
        return None
    return set(stored.get("hidden", [])) | (set(stored.get("pending", [])) if with_pending else set())


def store_hidden(package: model.Package) -> None:
    """Write the package row's copy now (the triggers do it on every change of the privacy tables;
    this restores it after a sysadmin's package_update replaced plugin_data, and gives new entries
    one)."""
    model.Session.flush()
    model.Session.execute(_STORE, {"package_id": package.id})
    model.Session.expire(package, ["plugin_data"])


def _note_touched(session: Any, flush_context: Any) -> None:
    touched = {row.package_id for row in (*session.new, *session.dirty, *session.deleted)
               if isinstance(row, (Scan, Exemption, Withheld))}
    if touched:
        session.info.setdefault(_TOUCHED, set()).update(touched)


def _expire_stored(session: Any, flush_context: Any) -> None:
    """After a flush that changed privacy rows, the triggers have rewritten those packages' copies:
    packages already loaded in this session read theirs again."""
    for package_id in session.info.pop(_TOUCHED, set()):
        package = session.identity_map.get(session.identity_key(model.Package, package_id))
        if package is not None:
            session.expire(package, ["plugin_data"])


def listen_for_flushes() -> None:
    if not sa.event.contains(model.Session, "after_flush", _note_touched):
        sa.event.listen(model.Session, "after_flush", _note_touched)
        sa.event.listen(model.Session, "after_flush_postexec", _expire_stored)
