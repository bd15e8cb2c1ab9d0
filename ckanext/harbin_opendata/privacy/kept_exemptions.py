"""A reviewer's exemption across a new reader. When the tabular reader improves (model.READER), scans
by the older one no longer count and the same file is scanned again. The new scan keeps the
exemption granted on the older scan of that very file only when it finds nothing that scan did
not: the same columns of the same tables, no new kind of personal data, no header uncertain that
was certain, the same error. Anything more (a second stacked table's ID numbers) waits for a
reviewer again."""
from __future__ import annotations

from typing import Optional

import sqlalchemy as sa

import ckan.model as model

from .model import DONE, FAILED, READER, Exemption, Scan

__all__ = ["keep_exemption"]


def _personal(scan: Scan) -> dict[tuple[str, int], set[str]]:
    """Kinds found per (table, column): 姓名 exempted in 表一 says nothing of 姓名 in 表二."""
    return {(column["sheet"], column["column"]): set(column["kinds"]) for column in scan.personal_columns}


def _covers(old: Scan, new: Scan) -> bool:
    """Whether the exempted older scan found everything the new one found."""
    if new.state == FAILED:
        return old.state == FAILED and old.error == new.error
    if new.state != DONE or old.state not in (DONE, FAILED) or (new.confident is False and old.confident is not False):
        return False
    before = _personal(old) if old.state == DONE else {}
    return all(kinds <= before.get(key, set()) for key, kinds in _personal(new).items())


def keep_exemption(scan: Scan) -> Optional[Exemption]:
    """Give `scan` (just finished by the current reader) the exemption of the newest older-reader
    scan of the same file, when that scan covers its findings; returns the exemption it copied (the
    caller audits and commits)."""
    if (scan.reader or 0) < READER:
        return None
    previous = (model.Session.query(Scan, Exemption).join(Exemption, Exemption.scan_id == Scan.id)
                .filter(Scan.resource_id == scan.resource_id, Scan.fingerprint == scan.fingerprint,
                        sa.func.coalesce(Scan.reader, 0) < READER, Scan.created_at < scan.created_at)
                .order_by(Scan.created_at.desc(), Exemption.id.desc()).first())
    if previous is None or not _covers(previous[0], scan):
        return None
    granted = previous[1]
    kept = Exemption(scan_id=scan.id, package_id=scan.package_id, resource_id=scan.resource_id,
                     reason=granted.reason, granted_by=granted.granted_by)
    model.Session.add(kept)
    return granted

