"""Tables of harbin_access (created by its alembic migrations, never on plugin load): the
agencies' agreements (协议, versioned), the users' applications, which become grants when
approved, the users' app keys (stored hashed), the access log (日志记录) and the real-name
verification attempts."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy import orm

__all__ = ["Base", "Agreement", "Application", "AppKey", "AccessLog", "IdentityAttempt", "TABLES", "PENDING", "APPROVED", "REJECTED", "REVOKED"]

Base: Any = orm.declarative_base(metadata=sa.MetaData())
PENDING, APPROVED, REJECTED, REVOKED = "pending", "approved", "rejected", "revoked"


class Agreement(Base):
    """One version of an entry's agreement text; the newest is the one applicants accept."""
    __tablename__ = "harbin_access_agreement"
    package_id: str = sa.Column(sa.UnicodeText, primary_key=True)
    version: int = sa.Column(sa.Integer, primary_key=True)
    text: str = sa.Column(sa.UnicodeText, nullable=False)
    created_by: Optional[str] = sa.Column(sa.UnicodeText)
    created_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())


class Application(Base):
    """A user's application (数据申请) for an entry's files; approved and current, it is a grant."""
    __tablename__ = "harbin_access_application"
    id: str = sa.Column(sa.UnicodeText, primary_key=True)
    package_id: str = sa.Column(sa.UnicodeText, nullable=False, index=True)
    organization_id: Optional[str] = sa.Column(sa.UnicodeText)  # the owning agency when filed
    user_id: str = sa.Column(sa.UnicodeText, nullable=False, index=True)
    state: str = sa.Column(sa.UnicodeText, nullable=False)
    purpose: str = sa.Column(sa.UnicodeText, nullable=False)
    scenario: str = sa.Column(sa.UnicodeText, nullable=False)
    applicant_organization: str = sa.Column(sa.UnicodeText, nullable=False)
    credit_code: str = sa.Column(sa.UnicodeText, nullable=False)
    contact: str = sa.Column(sa.UnicodeText, nullable=False)
    wanted_until: dt.date = sa.Column(sa.Date, nullable=False)
    agreement_version: int = sa.Column(sa.Integer, nullable=False)
    created_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())
    due_date: dt.date = sa.Column(sa.Date, nullable=False)
    decided_at: Optional[dt.datetime] = sa.Column(sa.DateTime(timezone=True))
    decided_by: Optional[str] = sa.Column(sa.UnicodeText)
    reason: Optional[str] = sa.Column(sa.UnicodeText)
    expires_on: Optional[dt.date] = sa.Column(sa.Date)  # last day of the grant
    revoked_at: Optional[dt.datetime] = sa.Column(sa.DateTime(timezone=True))
    revoked_by: Optional[str] = sa.Column(sa.UnicodeText)


class AppKey(Base):
    """A user's named app key: only the SHA-256 of the secret is kept, the secret is shown once."""
    __tablename__ = "harbin_access_app_key"
    id: str = sa.Column(sa.UnicodeText, primary_key=True)
    user_id: str = sa.Column(sa.UnicodeText, nullable=False, index=True)
    name: str = sa.Column(sa.UnicodeText, nullable=False)
    key_hash: str = sa.Column(sa.UnicodeText, nullable=False, unique=True)
    prefix: str = sa.Column(sa.UnicodeText, nullable=False)  # the secret's first characters, to tell keys apart
    created_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())
    revoked_at: Optional[dt.datetime] = sa.Column(sa.DateTime(timezone=True))


class AccessLog(Base):
    """One download or data call by a user or an app key (第十一条 日志记录, 第十六条)."""
    __tablename__ = "harbin_access_log"
    id: int = sa.Column(sa.BigInteger, primary_key=True, autoincrement=True)
    at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, index=True)
    user_id: str = sa.Column(sa.UnicodeText, nullable=False, index=True)
    key_id: Optional[str] = sa.Column(sa.UnicodeText)
    kind: str = sa.Column(sa.UnicodeText, nullable=False)  # "download" or the action's name
    package_id: Optional[str] = sa.Column(sa.UnicodeText)
    organization_id: Optional[str] = sa.Column(sa.UnicodeText, index=True)
    resource_id: Optional[str] = sa.Column(sa.UnicodeText)
    status: int = sa.Column(sa.Integer, nullable=False)
    bytes: int = sa.Column(sa.BigInteger, nullable=False, default=0, server_default="0")


class IdentityAttempt(Base):
    """One real-name verification attempt (实名认证): counted against the daily limit, and the trail
    of who tried when with what result (the ID number masked, never whole)."""
    __tablename__ = "harbin_access_identity_attempt"
    __table_args__ = (sa.Index("harbin_access_identity_attempt_user_idx", "user_id", "at"),)
    id: int = sa.Column(sa.BigInteger, primary_key=True, autoincrement=True)
    user_id: str = sa.Column(sa.UnicodeText, nullable=False)
    at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())
    outcome: str = sa.Column(sa.UnicodeText, nullable=False)  # verified, refused, limited, failed
    id_number: Optional[str] = sa.Column(sa.UnicodeText)
    reference: Optional[str] = sa.Column(sa.UnicodeText)


TABLES = [Application.__tablename__, Agreement.__tablename__, AppKey.__tablename__, AccessLog.__tablename__,
          IdentityAttempt.__tablename__]
