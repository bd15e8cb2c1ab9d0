"""Tables of harbin_privacy (created by its alembic migrations, never on plugin load)."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.dialects.postgresql import JSONB

__all__ = ["Base", "Scan", "Exemption", "Withheld", "TABLES",
           "QUEUED", "RUNNING", "DONE", "FAILED"]

Base: Any = orm.declarative_base(metadata=sa.MetaData())

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


class Scan(Base):
    """One scan of one version (fingerprint) of a tabular resource, with its findings per column."""
    __tablename__ = "harbin_privacy_scan"
    id: str = sa.Column(sa.UnicodeText, primary_key=True)
    package_id: str = sa.Column(sa.UnicodeText, nullable=False)
    resource_id: str = sa.Column(sa.UnicodeText, nullable=False)
    fingerprint: str = sa.Column(sa.UnicodeText, nullable=False)
    state: str = sa.Column(sa.UnicodeText, nullable=False)
    requested_by: Optional[str] = sa.Column(sa.UnicodeText)
    created_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())
    started_at: Optional[dt.datetime] = sa.Column(sa.DateTime(timezone=True))
    finished_at: Optional[dt.datetime] = sa.Column(sa.DateTime(timezone=True))
    bytes_total: Optional[int] = sa.Column(sa.BigInteger)
    bytes_done: int = sa.Column(sa.BigInteger, nullable=False, default=0)
    rows_done: int = sa.Column(sa.BigInteger, nullable=False, default=0)
    error: Optional[str] = sa.Column(sa.UnicodeText)
    personal: Optional[bool] = sa.Column(sa.Boolean)  # any column holds personal data
    # [{"sheet", "column", "header", "cells", "counts", "embedded", "examples", "kinds"}]
    columns: Optional[list[dict[str, Any]]] = sa.Column(JSONB)

    @property
    def personal_columns(self) -> list[dict[str, Any]]:
        return [column for column in self.columns or [] if column["kinds"]]


class Exemption(Base):
    """A reviewer's decision that one scan's findings may be opened as they are, with the reason."""
    __tablename__ = "harbin_privacy_exemption"
    id: int = sa.Column(sa.BigInteger, primary_key=True, autoincrement=True)
    scan_id: str = sa.Column(sa.UnicodeText, sa.ForeignKey("harbin_privacy_scan.id"), nullable=False)
    package_id: str = sa.Column(sa.UnicodeText, nullable=False)
    resource_id: str = sa.Column(sa.UnicodeText, nullable=False)
    reason: str = sa.Column(sa.UnicodeText, nullable=False)
    granted_by: str = sa.Column(sa.UnicodeText, nullable=False)
    created_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())


class Withheld(Base):
    """An original resource kept from the public because a masked copy replaces it."""
    __tablename__ = "harbin_privacy_withheld"
    resource_id: str = sa.Column(sa.UnicodeText, primary_key=True)
    package_id: str = sa.Column(sa.UnicodeText, nullable=False)
    masked_resource_id: Optional[str] = sa.Column(sa.UnicodeText)
    rules: Optional[dict[str, str]] = sa.Column(JSONB)
    withheld_by: Optional[str] = sa.Column(sa.UnicodeText)
    created_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())


TABLES = [Exemption.__tablename__, Withheld.__tablename__, Scan.__tablename__]
