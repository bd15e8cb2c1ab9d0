"""Tables of harbin_assessment (created by its alembic migrations, never on plugin load): dated
snapshots of the scores, and the link checker's last result per resource."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.dialects.postgresql import JSONB

import ckan.model as ckan_model

__all__ = ["Base", "Run", "DatasetScore", "AgencyScore", "LinkCheck", "Usage", "TABLES", "table_exists"]

Base: Any = orm.declarative_base(metadata=sa.MetaData())


class Run(Base):
    """One snapshot: the assessment as of a day (recomputing the same day replaces it)."""
    __tablename__ = "harbin_assessment_run"
    id: int = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    snapshot_date: dt.date = sa.Column(sa.Date, nullable=False, unique=True)
    created_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())
    model_version: str = sa.Column(sa.UnicodeText, nullable=False)
    model: dict[str, Any] = sa.Column(JSONB, nullable=False)
    entries: int = sa.Column(sa.Integer, nullable=False, default=0, server_default="0")
    agencies: int = sa.Column(sa.Integer, nullable=False, default=0, server_default="0")
    score: Optional[float] = sa.Column(sa.Float)
    figures: dict[str, Any] = sa.Column(JSONB, nullable=False, default=dict, server_default="{}")


class DatasetScore(Base):
    """A published catalog entry in a snapshot: its indicator values (0…1) and score (0…100)."""
    __tablename__ = "harbin_assessment_dataset"
    __table_args__ = (sa.Index("harbin_assessment_dataset_org_idx", "run_id", "organization_id"),)
    run_id: int = sa.Column(sa.Integer, sa.ForeignKey("harbin_assessment_run.id", ondelete="CASCADE"),
                            primary_key=True)
    package_id: str = sa.Column(sa.UnicodeText, primary_key=True)
    organization_id: str = sa.Column(sa.UnicodeText, nullable=False)
    values: dict[str, Any] = sa.Column(JSONB, nullable=False)
    score: Optional[float] = sa.Column(sa.Float)
    open_type: Optional[str] = sa.Column(sa.UnicodeText)
    update_frequency: Optional[str] = sa.Column(sa.UnicodeText)
    due_date: Optional[dt.date] = sa.Column(sa.Date)
    resources: int = sa.Column(sa.Integer, nullable=False, default=0, server_default="0")
    broken_resources: int = sa.Column(sa.Integer, nullable=False, default=0, server_default="0")
    views: int = sa.Column(sa.Integer, nullable=False, default=0, server_default="0")
    downloads: int = sa.Column(sa.Integer, nullable=False, default=0, server_default="0")
    api_calls: int = sa.Column(sa.Integer, nullable=False, default=0, server_default="0")


class AgencyScore(Base):
    """An agency in a snapshot: indicator values, scores per indicator and layer, total and rank."""
    __tablename__ = "harbin_assessment_agency"
    run_id: int = sa.Column(sa.Integer, sa.ForeignKey("harbin_assessment_run.id", ondelete="CASCADE"),
                            primary_key=True)
    organization_id: str = sa.Column(sa.UnicodeText, primary_key=True)
    score: Optional[float] = sa.Column(sa.Float)
    rank: Optional[int] = sa.Column(sa.Integer)
    values: dict[str, Any] = sa.Column(JSONB, nullable=False)
    scores: dict[str, Any] = sa.Column(JSONB, nullable=False)
    layers: dict[str, Any] = sa.Column(JSONB, nullable=False)
    figures: dict[str, Any] = sa.Column(JSONB, nullable=False)


class LinkCheck(Base):
    """The last check of a resource's address by the link-check job."""
    __tablename__ = "harbin_assessment_link_check"
    resource_id: str = sa.Column(sa.UnicodeText, primary_key=True)
    package_id: str = sa.Column(sa.UnicodeText, nullable=False)
    url: str = sa.Column(sa.UnicodeText, nullable=False)
    checked_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False)
    ok: bool = sa.Column(sa.Boolean, nullable=False)
    status: Optional[int] = sa.Column(sa.Integer)
    error: Optional[str] = sa.Column(sa.UnicodeText)


class Usage(Base):
    """Downloads and API calls of a day that CKAN's tracking does not see (see usage.py). `ref` is
    what the request named: a resource id (download), or a dataset id or name or resource id (API)."""
    __tablename__ = "harbin_assessment_usage"
    day: dt.date = sa.Column(sa.Date, primary_key=True)
    kind: str = sa.Column(sa.UnicodeText, primary_key=True)  # download | api
    ref: str = sa.Column(sa.UnicodeText, primary_key=True)
    count: int = sa.Column(sa.Integer, nullable=False)


TABLES = [AgencyScore.__tablename__, DatasetScore.__tablename__, Run.__tablename__, LinkCheck.__tablename__,
          Usage.__tablename__]


def table_exists(name: str) -> bool:
    """Whether another area's table is in the database (its plugin may not be enabled)."""
    return bool(ckan_model.Session.execute(sa.text("SELECT to_regclass(:name) IS NOT NULL"), {"name": name}).scalar())
