"""Tables of harbin_review (created by its alembic migrations, never on plugin load).

They use a MetaData of their own: CKAN's test helpers empty every table of CKAN's MetaData with
DELETE, which the append-only audit log refuses.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.dialects.postgresql import JSONB

__all__ = ["Base", "ReviewEntry", "AuditEvent", "Notification", "Adjustment", "TABLES"]

Base: Any = orm.declarative_base(metadata=sa.MetaData())


class ReviewEntry(Base):
    """The review state of one catalog entry."""
    __tablename__ = "harbin_review_entry"
    __table_args__ = (sa.Index("harbin_review_entry_state_idx", "state"),)
    package_id: str = sa.Column(sa.UnicodeText, primary_key=True)
    state: str = sa.Column(sa.UnicodeText, nullable=False)
    submitted_by: Optional[str] = sa.Column(sa.UnicodeText)
    submitted_at: Optional[dt.datetime] = sa.Column(sa.DateTime(timezone=True))
    reviewed_by: Optional[str] = sa.Column(sa.UnicodeText)
    reviewed_at: Optional[dt.datetime] = sa.Column(sa.DateTime(timezone=True))
    comment: Optional[str] = sa.Column(sa.UnicodeText)
    # The values of the reviewed fields as the reviewer approved them.
    reviewed_fields: Optional[dict[str, Any]] = sa.Column(JSONB)
    updated_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False,
                                        server_default=sa.func.now(), onupdate=sa.func.now())


class AuditEvent(Base):
    """One row of the append-only audit log."""
    __tablename__ = "harbin_review_audit_log"
    __table_args__ = (sa.Index("harbin_review_audit_log_package_idx", "package_id", "id"),
                      sa.Index("harbin_review_audit_log_created_idx", "created_at"))
    id: int = sa.Column(sa.BigInteger, primary_key=True, autoincrement=True)
    created_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())
    actor_id: Optional[str] = sa.Column(sa.UnicodeText)
    actor_name: Optional[str] = sa.Column(sa.UnicodeText)
    event: str = sa.Column(sa.UnicodeText, nullable=False)
    package_id: Optional[str] = sa.Column(sa.UnicodeText)
    package_name: Optional[str] = sa.Column(sa.UnicodeText)
    organization_id: Optional[str] = sa.Column(sa.UnicodeText)
    from_state: Optional[str] = sa.Column(sa.UnicodeText)
    to_state: Optional[str] = sa.Column(sa.UnicodeText)
    comment: Optional[str] = sa.Column(sa.UnicodeText)
    details: Optional[dict[str, Any]] = sa.Column(JSONB)
    address: Optional[str] = sa.Column(sa.UnicodeText)  # the client's, for events of a request


class Notification(Base):
    """An on-site notification for one user."""
    __tablename__ = "harbin_review_notification"
    __table_args__ = (sa.Index("harbin_review_notification_user_idx", "user_id", "id"),)
    id: int = sa.Column(sa.BigInteger, primary_key=True, autoincrement=True)
    user_id: str = sa.Column(sa.UnicodeText, nullable=False)
    event: str = sa.Column(sa.UnicodeText, nullable=False)
    package_id: Optional[str] = sa.Column(sa.UnicodeText)
    actor_name: Optional[str] = sa.Column(sa.UnicodeText)
    comment: Optional[str] = sa.Column(sa.UnicodeText)
    created_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())
    read_at: Optional[dt.datetime] = sa.Column(sa.DateTime(timezone=True))


class Adjustment(Base):
    """A catalog adjustment (第九条): a change in law or duties the agency's catalog must follow
    within 15 days."""
    __tablename__ = "harbin_review_adjustment"
    __table_args__ = (sa.Index("harbin_review_adjustment_org_idx", "organization_id"),)
    id: str = sa.Column(sa.UnicodeText, primary_key=True)
    organization_id: str = sa.Column(sa.UnicodeText, nullable=False)
    trigger_kind: str = sa.Column(sa.UnicodeText, nullable=False)
    description: str = sa.Column(sa.UnicodeText, nullable=False)
    trigger_date: dt.date = sa.Column(sa.Date, nullable=False)
    due_date: dt.date = sa.Column(sa.Date, nullable=False)
    package_ids: list[str] = sa.Column(JSONB, nullable=False, default=list, server_default="[]")
    created_by: str = sa.Column(sa.UnicodeText, nullable=False)
    created_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())
    completed_by: Optional[str] = sa.Column(sa.UnicodeText)
    completed_at: Optional[dt.datetime] = sa.Column(sa.DateTime(timezone=True))


TABLES = [cls.__tablename__ for cls in (ReviewEntry, AuditEvent, Notification, Adjustment)]
