"""Tables of harbin_feedback (created by its alembic migrations, never on plugin load)."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.dialects.postgresql import JSONB

__all__ = ["Base", "FeedbackRequest", "FeedbackEvent", "TABLES"]

Base: Any = orm.declarative_base(metadata=sa.MetaData())


class FeedbackRequest(Base):
    """A data request (数据需求) or a correction request (纠错/疑义) from the public."""
    __tablename__ = "harbin_feedback_request"
    __table_args__ = (sa.Index("harbin_feedback_request_org_idx", "organization_id", "state"),
                      sa.Index("harbin_feedback_request_package_idx", "package_id"),
                      sa.Index("harbin_feedback_request_origin_idx", "origin", "resource_id",
                               postgresql_where=sa.text("origin IS NOT NULL AND closed_at IS NULL")))
    id: str = sa.Column(sa.UnicodeText, primary_key=True)
    kind: str = sa.Column(sa.UnicodeText, nullable=False)
    state: str = sa.Column(sa.UnicodeText, nullable=False)
    title: str = sa.Column(sa.UnicodeText, nullable=False)
    description: str = sa.Column(sa.UnicodeText, nullable=False)
    organization_id: Optional[str] = sa.Column(sa.UnicodeText)
    package_id: Optional[str] = sa.Column(sa.UnicodeText)
    resource_id: Optional[str] = sa.Column(sa.UnicodeText)
    data_domain: Optional[str] = sa.Column(sa.UnicodeText)
    wanted_fields: Optional[str] = sa.Column(sa.UnicodeText)
    location: Optional[str] = sa.Column(sa.UnicodeText)
    proposed_value: Optional[str] = sa.Column(sa.UnicodeText)
    evidence: Optional[str] = sa.Column(sa.UnicodeText)
    requester_id: Optional[str] = sa.Column(sa.UnicodeText)
    requester_name: Optional[str] = sa.Column(sa.UnicodeText)
    requester_contact: Optional[str] = sa.Column(sa.UnicodeText)
    created_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())
    due_date: dt.date = sa.Column(sa.Date, nullable=False)
    answered_at: Optional[dt.datetime] = sa.Column(sa.DateTime(timezone=True))
    closed_at: Optional[dt.datetime] = sa.Column(sa.DateTime(timezone=True))
    reply: Optional[str] = sa.Column(sa.UnicodeText)
    # NULL: filed by the public; "data_check": opened by the platform's catalog-against-data check,
    # its findings in `details`
    origin: Optional[str] = sa.Column(sa.UnicodeText)
    details: Optional[list] = sa.Column(JSONB)


class FeedbackEvent(Base):
    """One step in the life of a request: filed, accepted, reassigned, resolved, rejected."""
    __tablename__ = "harbin_feedback_event"
    __table_args__ = (sa.Index("harbin_feedback_event_request_idx", "request_id", "id"),)
    id: int = sa.Column(sa.BigInteger, primary_key=True, autoincrement=True)
    request_id: str = sa.Column(sa.UnicodeText, sa.ForeignKey("harbin_feedback_request.id", ondelete="CASCADE"), nullable=False)
    event: str = sa.Column(sa.UnicodeText, nullable=False)
    actor_id: Optional[str] = sa.Column(sa.UnicodeText)
    from_state: Optional[str] = sa.Column(sa.UnicodeText)
    to_state: Optional[str] = sa.Column(sa.UnicodeText)
    organization_id: Optional[str] = sa.Column(sa.UnicodeText)
    comment: Optional[str] = sa.Column(sa.UnicodeText)
    created_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())
    # Known to the unit of work, so a request is inserted before its first event.
    request = orm.relationship(FeedbackRequest)


TABLES = [FeedbackEvent.__tablename__, FeedbackRequest.__tablename__]
