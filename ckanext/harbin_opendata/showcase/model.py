"""Tables of harbin_showcase (created by its alembic migration, never on plugin load)."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy import orm

__all__ = ["Base", "ShowcaseCase", "ShowcaseDataset", "TABLES"]

Base: Any = orm.declarative_base(metadata=sa.MetaData())


class ShowcaseCase(Base):
    """A reuse case (利用案例) of open data: an app, a report, research, news."""
    __tablename__ = "harbin_showcase_case"
    id: str = sa.Column(sa.UnicodeText, primary_key=True)
    title: str = sa.Column(sa.UnicodeText, nullable=False)
    summary: str = sa.Column(sa.UnicodeText, nullable=False)
    unit: str = sa.Column(sa.UnicodeText, nullable=False)
    kind: str = sa.Column(sa.UnicodeText, nullable=False)
    url: Optional[str] = sa.Column(sa.UnicodeText)
    image_url: Optional[str] = sa.Column(sa.UnicodeText)
    published: bool = sa.Column(sa.Boolean, nullable=False, default=False, server_default=sa.false())
    creator_id: Optional[str] = sa.Column(sa.UnicodeText)
    created_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())


class ShowcaseDataset(Base):
    """A published catalog entry that a case uses."""
    __tablename__ = "harbin_showcase_dataset"
    __table_args__ = (sa.Index("harbin_showcase_dataset_package_idx", "package_id"),)
    case_id: str = sa.Column(sa.UnicodeText, sa.ForeignKey("harbin_showcase_case.id", ondelete="CASCADE"),
                             primary_key=True)
    package_id: str = sa.Column(sa.UnicodeText, primary_key=True)


TABLES = [ShowcaseDataset.__tablename__, ShowcaseCase.__tablename__]
