"""Review rows read in a transaction stay in the session until it ends. SQLAlchemy's session
forgets an object nobody refers to, and the row is read again at the next lookup: one
package_update of an agency editor read its entry's row five times (three permission checks, two
hooks after the save). A commit or rollback expires every row and lets them go, so a lookup after
it reads the database again, as before."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

import ckan.model as model

from .model import ReviewEntry

__all__ = ["hold"]

_KEY = "harbin_review_held_rows"


def hold(entry: ReviewEntry) -> ReviewEntry:
    """Keep `entry` referred to until the session's transaction ends."""
    if not sa.event.contains(model.Session, "after_commit", _release):
        sa.event.listen(model.Session, "after_commit", _release)
        sa.event.listen(model.Session, "after_rollback", _release)
    model.Session.info.setdefault(_KEY, {})[entry.package_id] = entry
    return entry


def _release(session: Any, *_args: Any) -> None:
    session.info.pop(_KEY, None)
