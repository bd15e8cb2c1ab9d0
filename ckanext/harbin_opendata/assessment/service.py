"""Reading snapshots: the configured model, runs, agency scorecards, trends, problems to fix."""
from __future__ import annotations

import datetime as dt
import functools
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy import orm

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common import roles
from .indicator_model import AssessmentModel, load_model
from .model import AgencyScore, DatasetScore, Run

__all__ = ["current_model", "find_run", "runs", "run_dict", "agency_table", "agency_trend", "overall_trend",
           "problems", "is_reviewer", "sees_problems_of", "PROBLEMS"]

# The problems listed to reviewers: figure of the agency, and how entries are picked.
PROBLEMS = ["late_entries", "entries_without_data", "incomplete_entries", "not_machine_readable",
            "undocumented_entries", "broken_resources", "requests_overdue", "adjustments_overdue", "applications_overdue"]


@functools.lru_cache(maxsize=4)
def _cached_model(source: str) -> AssessmentModel:
    return load_model(source)


def current_model() -> AssessmentModel:
    return _cached_model(tk.config["ckanext.harbin_opendata.assessment.model"])


def is_reviewer(user: Optional[model.User]) -> bool:
    """Sysadmins and the platform's reviewers (harbin_review's list) see every agency's problems."""
    if user is None or getattr(user, "state", None) != "active":
        return False
    return user.sysadmin or roles.named_reviewer(user)


def sees_problems_of(user: Optional[model.User], organization: model.Group) -> bool:
    """Reviewers, and the agency's own editors and admins."""
    if is_reviewer(user):
        return True
    return user is not None and any(g.id == organization.id for capacity in ("editor", "admin")
                                    for g in user.get_groups("organization", capacity))


def find_run(on: Optional[dt.date] = None) -> Optional[Run]:
    """The snapshot of that day, or the latest one up to it (the latest of all without a day)."""
    query = model.Session.query(Run)
    if on:
        query = query.filter(Run.snapshot_date <= on)
    return query.order_by(Run.snapshot_date.desc()).first()


def runs(start: Optional[dt.date] = None, end: Optional[dt.date] = None) -> list[Run]:
    query = model.Session.query(Run)
    if start:
        query = query.filter(Run.snapshot_date >= start)
    if end:
        query = query.filter(Run.snapshot_date <= end)
    return query.order_by(Run.snapshot_date).all()


def run_dict(run: Run) -> dict[str, Any]:
    return {"id": run.id, "snapshot_date": run.snapshot_date.isoformat(), "model_version": run.model_version,
            "entries": run.entries, "agencies": run.agencies,
            "score": round(run.score, 2) if run.score is not None else None, "figures": run.figures,
            "created_at": run.created_at.isoformat() if run.created_at else None}


def _round(mapping: dict[str, Any], digits: int = 4) -> dict[str, Any]:
    return {k: (round(v, digits) if isinstance(v, float) else v) for k, v in mapping.items()}


def agency_table(run: Run, organization_id: Optional[str] = None) -> list[dict[str, Any]]:
    """The agencies of a snapshot, best first, with their names (one query)."""
    query = model.Session.query(AgencyScore, model.Group.name, model.Group.title).join(
        model.Group, model.Group.id == AgencyScore.organization_id).filter(AgencyScore.run_id == run.id)
    if organization_id:
        query = query.filter(AgencyScore.organization_id == organization_id)
    rows = query.order_by(AgencyScore.rank.asc().nullslast(), model.Group.title).all()
    return [{"organization_id": a.organization_id, "name": name, "title": title,
             "score": round(a.score, 2) if a.score is not None else None, "rank": a.rank,
             "values": _round(a.values), "scores": _round(a.scores, 2), "layers": _round(a.layers, 2),
             "figures": a.figures} for a, name, title in rows]


def agency_trend(organization_id: str, limit: int = 24) -> list[dict[str, Any]]:
    """(date, score, rank, layer scores) of the agency's last snapshots, oldest first."""
    rows = model.Session.query(Run.snapshot_date, AgencyScore.score, AgencyScore.rank, AgencyScore.layers).join(
        AgencyScore, AgencyScore.run_id == Run.id).filter(AgencyScore.organization_id == organization_id).order_by(
        Run.snapshot_date.desc()).limit(limit).all()
    return [{"date": d.isoformat(), "score": round(s, 2) if s is not None else None, "rank": r,
             "layers": _round(layers, 2)} for d, s, r, layers in reversed(rows)]


def overall_trend(limit: int = 24) -> list[dict[str, Any]]:
    rows = model.Session.query(Run).order_by(Run.snapshot_date.desc()).limit(limit).all()
    return [{"date": r.snapshot_date.isoformat(), "score": round(r.score, 2) if r.score is not None else None,
             "entries": r.entries} for r in reversed(rows)]


def _entries(run: Run, organization_ids: list[str], condition: Any, limit: int) -> dict[str, list[dict[str, Any]]]:
    """Up to `limit` entries per agency that meet the condition, worst score first (one query; the
    cut is made in SQL, so a large catalog never comes into memory)."""
    position = sa.func.row_number().over(partition_by=DatasetScore.organization_id,
                                         order_by=DatasetScore.score.asc().nullsfirst()).label("position")
    ranked = model.Session.query(DatasetScore, position).filter(
        DatasetScore.run_id == run.id, DatasetScore.organization_id.in_(organization_ids), condition).subquery()
    score = orm.aliased(DatasetScore, ranked)
    rows = model.Session.query(score, model.Package.name, model.Package.title).join(
        model.Package, model.Package.id == score.package_id).filter(ranked.c.position <= limit).order_by(
        score.organization_id, ranked.c.position).all()
    found: dict[str, list[dict[str, Any]]] = {}
    for entry, name, title in rows:
        found.setdefault(entry.organization_id, []).append({
            "name": name, "title": title, "due_date": entry.due_date.isoformat() if entry.due_date else None,
            "values": _round(entry.values), "broken_resources": entry.broken_resources})
    return found


def _value(key: str) -> Any:
    return DatasetScore.values[key].astext.cast(sa.Float)


def problems(run: Run, organization_ids: Optional[list[str]] = None, limit: int = 50) -> list[dict[str, Any]]:
    """Per agency with something to fix: the counts and the entries concerned."""
    complete = current_model().settings["complete_metadata"]
    agencies = [a for a in agency_table(run) if organization_ids is None or a["organization_id"] in organization_ids]
    agencies = [a for a in agencies if any(a["figures"].get(p) for p in PROBLEMS)]
    ids = [a["organization_id"] for a in agencies]
    conditions = {
        "late_entries": _value("timeliness") == 0, "entries_without_data": _value("has_data") == 0,
        "incomplete_entries": _value("metadata_completeness") < complete,
        "not_machine_readable": sa.and_(DatasetScore.resources > 0, _value("machine_readable") < 1),
        "undocumented_entries": _value("data_items_documented") < 1,
        "broken_resources": DatasetScore.broken_resources > 0,
    }
    lists = {key: _entries(run, ids, condition, limit) for key, condition in conditions.items()} if ids else {}
    for agency in agencies:
        agency["problems"] = [{"key": key, "count": agency["figures"].get(key, 0),
                               "entries": lists.get(key, {}).get(agency["organization_id"], [])}
                              for key in PROBLEMS if agency["figures"].get(key)]
    return agencies
