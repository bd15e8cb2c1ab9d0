"""Computing a snapshot in a fixed, small number of SQL statements whatever the size of the catalog:
one INSERT … SELECT scores every published entry, one GROUP BY sums them up per agency, two more
read feedback and catalog adjustments; only the per-agency weighting runs in Python."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import sqlalchemy as sa

import ckan.model as model
from ckanext.harbin_opendata.common.vocabulary import FREQUENCY_DAYS

from . import applications, consistency
from .indicator_model import CORE_FIELDS, EXTRA_FIELDS, AssessmentModel, Indicator
from .model import AgencyScore, Run, table_exists

__all__ = ["compute_snapshot", "DATASET_INDICATORS", "score_agency", "rank"]

DATASET_INDICATORS = ["metadata_completeness", "timeliness", "machine_readable", "data_items_documented",
                      "has_data", "resource_availability"]
_SCHEDULE_KEYS = {"update_frequency", "last_updated", "next_update_due", "data_items", "open_type"}


def _date(expr: str) -> str:
    """A stored YYYY-MM-DD text as a date; anything else as NULL (never a failed cast)."""
    return f"(CASE WHEN {expr} ~ '^\\d{{4}}-\\d{{2}}-\\d{{2}}$' THEN ({expr})::date END)"


def _filled(name: str) -> str:
    if name in CORE_FIELDS:
        return f"coalesce(btrim(pkg.{CORE_FIELDS[name]}), '') <> ''"
    if name == "tags":
        return "coalesce(tg.n, 0) > 0"
    return f"coalesce(btrim(ex.x->>'{name}'), '') NOT IN ('', '[]', '{{}}', 'null')"


def _dataset_select(assessment: AssessmentModel, access_log: bool = False) -> str:
    """One row per published entry: every dataset indicator's value (0…1 or NULL) and its figures.
    With harbin_access's log, a 有条件开放 entry's downloads and API calls are its logged successful
    accesses (one row per access by a known user or key), not the inflatable click and request counters."""
    fields = assessment.settings["completeness_fields"]
    completeness = " + ".join(f"(CASE WHEN {_filled(f)} THEN 1 ELSE 0 END)" for f in fields)
    period = " ".join(f"WHEN '{k}' THEN {v}" for k, v in FREQUENCY_DAYS.items() if v is not None)
    period_days = f"(CASE ex.x->>'update_frequency' {period} END)"
    next_due, last = _date("ex.x->>'next_update_due'"), _date("ex.x->>'last_updated'")
    due = f"coalesce({next_due}, {last} + {period_days})"
    logged = f"({'true' if access_log else 'false'} AND ex.x->>'open_type' = 'conditional')"
    items = ("(CASE WHEN left(btrim(coalesce(ex.x->>'data_items', '')), 1) = '[' "
             "THEN (ex.x->>'data_items')::jsonb ELSE '[]'::jsonb END)")
    return f"""
WITH pkg AS (
  SELECT p.id, p.owner_org, p.title, p.notes, p.license_id
  FROM package p JOIN "group" g ON g.id = p.owner_org
  WHERE p.state = 'active' AND p.type = 'dataset' AND NOT p.private AND g.state = 'active' AND g.is_organization
), ex AS (
  SELECT e.package_id, jsonb_object_agg(e.key, e.value) AS x
  FROM package_extra e JOIN pkg ON pkg.id = e.package_id
  WHERE e.state = 'active' AND e.key = ANY(:extra_keys)
  GROUP BY e.package_id
), tg AS (
  SELECT pt.package_id, count(*) AS n FROM package_tag pt JOIN pkg ON pkg.id = pt.package_id
  WHERE pt.state = 'active' GROUP BY pt.package_id
), rs AS (
  SELECT r.package_id, count(*) AS n,
         count(*) FILTER (WHERE coalesce(btrim(r.url), '') <> '') AS with_url,
         count(*) FILTER (WHERE upper(btrim(coalesce(r.format, ''))) = ANY(:formats)) AS machine,
         count(lc.resource_id) AS checked,
         count(*) FILTER (WHERE lc.ok) AS reachable
  FROM resource r JOIN pkg ON pkg.id = r.package_id
  LEFT JOIN harbin_assessment_link_check lc ON lc.resource_id = r.id AND lc.url = r.url
  WHERE r.state = 'active' GROUP BY r.package_id
), vw AS (
  SELECT ts.package_id, sum(ts.count) AS n FROM tracking_summary ts
  WHERE ts.tracking_type = 'page' AND ts.tracking_date > :since AND ts.tracking_date <= :as_of
  GROUP BY ts.package_id
), clicks AS (
  -- tracking.js records the clicked link: an uploaded file's download address or an external url
  SELECT ts.url, ts.count, substring(ts.url FROM '/resource/([0-9a-f-]{{36}})/download') AS rid
  FROM tracking_summary ts
  WHERE ts.tracking_type = 'resource' AND ts.tracking_date > :since AND ts.tracking_date <= :as_of
), dl AS (
  -- two equality joins (hash joins) rather than one join with OR (a loop over every click)
  SELECT x.package_id, sum(x.count) AS n FROM (
    SELECT r.package_id, c.count FROM clicks c JOIN resource r ON r.id = c.rid
    UNION ALL
    SELECT r.package_id, c.count FROM clicks c JOIN resource r ON r.url = c.url WHERE c.rid IS NULL
  ) x GROUP BY x.package_id
), us AS (
  -- downloads and API calls logged by usage.py: a request names a resource, or a dataset id or name
  SELECT coalesce(r.package_id, p.id) AS package_id,
         sum(u.count) FILTER (WHERE u.kind = 'download') AS downloads,
         sum(u.count) FILTER (WHERE u.kind = 'api') AS api_calls
  FROM harbin_assessment_usage u
  LEFT JOIN resource r ON r.id = u.ref
  LEFT JOIN package p ON r.id IS NULL AND (p.id = u.ref OR p.name = u.ref)
  WHERE u.day > :since AND u.day <= :as_of
  GROUP BY 1
), al AS ({applications.ACCESS_COUNTS if access_log else applications.NO_ACCESS_COUNTS}
)
SELECT pkg.id AS package_id, pkg.owner_org AS organization_id,
  ({completeness})::float8 / {len(fields)} AS metadata_completeness,
  (CASE WHEN {period_days} IS NULL THEN NULL WHEN {due} IS NULL THEN 0
        WHEN {due} >= :as_of THEN 1 ELSE 0 END)::float8 AS timeliness,
  (CASE WHEN coalesce(rs.n, 0) = 0 THEN 0 ELSE rs.machine::float8 / rs.n END) AS machine_readable,
  coalesce((SELECT avg(CASE WHEN coalesce(btrim(i->>'description'), '') <> '' THEN 1.0 ELSE 0.0 END)
            FROM jsonb_array_elements({items}) i), 0)::float8 AS data_items_documented,
  (CASE WHEN coalesce(rs.with_url, 0) > 0 THEN 1 ELSE 0 END)::float8 AS has_data,
  (CASE WHEN coalesce(rs.checked, 0) = 0 THEN NULL ELSE rs.reachable::float8 / rs.checked END) AS resource_availability,
  ex.x->>'open_type' AS open_type, ex.x->>'update_frequency' AS update_frequency, {due} AS due_date,
  coalesce(rs.n, 0) AS resources, coalesce(rs.checked - rs.reachable, 0) AS broken_resources,
  coalesce(vw.n, 0) AS views,
  (CASE WHEN {logged} THEN coalesce(al.downloads, 0) ELSE coalesce(dl.n, 0) + coalesce(us.downloads, 0) END) AS downloads,
  (CASE WHEN {logged} THEN coalesce(al.api_calls, 0) ELSE coalesce(us.api_calls, 0) END) AS api_calls
FROM pkg LEFT JOIN ex ON ex.package_id = pkg.id LEFT JOIN tg ON tg.package_id = pkg.id
  LEFT JOIN rs ON rs.package_id = pkg.id LEFT JOIN vw ON vw.package_id = pkg.id
  LEFT JOIN dl ON dl.package_id = pkg.id LEFT JOIN us ON us.package_id = pkg.id
  LEFT JOIN al ON al.package_id = pkg.id"""


def _score_sql(indicator: Indicator, column: str) -> str:
    if indicator.scale == "ratio":
        raw = f"{column} * 100"
    else:
        raw = f"({column} - ({indicator.zero!r})) / ({(indicator.full - indicator.zero)!r}) * 100"
    return f"LEAST(100.0, GREATEST(0.0, {raw}))"


def _insert_datasets(assessment: AssessmentModel, run_id: int, params: dict[str, Any]) -> None:
    indicators = assessment.level("dataset")
    weighted = " + ".join(f"coalesce({i.weight!r} * {_score_sql(i, 'd.' + i.key)}, 0)" for i in indicators) or "0"
    weights = " + ".join(f"(CASE WHEN d.{i.key} IS NULL THEN 0 ELSE {i.weight!r} END)" for i in indicators) or "0"
    values = ", ".join(f"'{k}', d.{k}" for k in DATASET_INDICATORS)
    # The planner cannot see that each CTE has one row per entry, estimates billions of rows and
    # JIT-compiles the statement: seconds of compiling for a query that runs in a fraction of it.
    model.Session.execute(sa.text("SET LOCAL jit = off"))
    model.Session.execute(sa.text(f"""
INSERT INTO harbin_assessment_dataset (run_id, package_id, organization_id, "values", score, open_type,
  update_frequency, due_date, resources, broken_resources, views, downloads, api_calls)
SELECT :run_id, d.package_id, d.organization_id, jsonb_build_object({values}),
  ({weighted}) / NULLIF({weights}, 0), d.open_type, d.update_frequency, d.due_date, d.resources,
  d.broken_resources, d.views, d.downloads, d.api_calls
FROM ({_dataset_select(assessment, applications.logged())}) d"""), {**params, "run_id": run_id})


def _agency_rows(run_id: int, params: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per active agency: the means of the entry indicators and the counts behind the problems list."""
    means = ", ".join(f"avg((d.\"values\"->>'{k}')::float8) AS {k}" for k in DATASET_INDICATORS)
    rows = model.Session.execute(sa.text(f"""
SELECT g.id AS organization_id, count(d.package_id) AS entries, {means},
  count(*) FILTER (WHERE d.open_type = 'unconditional') AS open_unconditional,
  coalesce(sum(d.views), 0) AS views, coalesce(sum(d.downloads), 0) AS downloads,
  coalesce(sum(d.api_calls), 0) AS api_calls,
  count(*) FILTER (WHERE (d."values"->>'timeliness')::float8 = 0) AS late_entries,
  count(*) FILTER (WHERE (d."values"->>'has_data')::float8 = 0) AS entries_without_data,
  count(*) FILTER (WHERE (d."values"->>'metadata_completeness')::float8 < :complete) AS incomplete_entries,
  count(*) FILTER (WHERE d.resources > 0 AND (d."values"->>'machine_readable')::float8 < 1) AS not_machine_readable,
  count(*) FILTER (WHERE (d."values"->>'data_items_documented')::float8 < 1) AS undocumented_entries,
  coalesce(sum(d.broken_resources), 0) AS broken_resources
FROM "group" g LEFT JOIN harbin_assessment_dataset d ON d.organization_id = g.id AND d.run_id = :run_id
WHERE g.state = 'active' AND g.is_organization
GROUP BY g.id"""), {**params, "run_id": run_id})
    return {row.organization_id: dict(row._mapping) for row in rows}


def _feedback(params: dict[str, Any]) -> dict[str, dict[str, Any]]:
    rows = model.Session.execute(sa.text("""
SELECT organization_id, count(*) AS requests,
  count(*) FILTER (WHERE closed_at IS NOT NULL) AS requests_closed,
  count(*) FILTER (WHERE closed_at IS NOT NULL AND closed_at::date <= due_date) AS requests_on_time,
  count(*) FILTER (WHERE closed_at IS NULL AND due_date < :as_of) AS requests_overdue,
  avg(extract(epoch FROM closed_at - created_at) / 86400) FILTER (WHERE closed_at IS NOT NULL) AS mean_days
FROM harbin_feedback_request
WHERE organization_id IS NOT NULL AND created_at::date > :since AND created_at::date <= :as_of
GROUP BY organization_id"""), params)
    return {row.organization_id: dict(row._mapping) for row in rows}


def _adjustments(params: dict[str, Any]) -> dict[str, dict[str, Any]]:
    rows = model.Session.execute(sa.text("""
SELECT organization_id,
  count(*) FILTER (WHERE completed_at IS NOT NULL OR due_date < :as_of) AS adjustments_due,
  count(*) FILTER (WHERE completed_at IS NOT NULL AND completed_at::date <= due_date) AS adjustments_on_time,
  count(*) FILTER (WHERE completed_at IS NULL AND due_date < :as_of) AS adjustments_overdue
FROM harbin_review_adjustment WHERE trigger_date <= :as_of
GROUP BY organization_id"""), params)
    return {row.organization_id: dict(row._mapping) for row in rows}


def _share(part: Optional[float], whole: Optional[float]) -> Optional[float]:
    return float(part) / float(whole) if whole else None


def _values(row: dict[str, Any], feedback: dict[str, Any], adjustment: dict[str, Any],
            applied: dict[str, Any], checked: dict[str, Any]) -> dict[str, Optional[float]]:
    """Every indicator's value for one agency (None: nothing to measure)."""
    entries = row["entries"]
    values = {k: (float(row[k]) if row[k] is not None else None) for k in DATASET_INDICATORS}
    values.update(
        catalog_size=float(entries),
        open_type_share=_share(row["open_unconditional"], entries),
        usage=_share(row["views"] + row["downloads"] + row["api_calls"], entries),
        adjustments_on_time=_share(adjustment.get("adjustments_on_time"), adjustment.get("adjustments_due")),
        feedback_on_time=_share(feedback.get("requests_on_time"),
                                (feedback.get("requests_closed") or 0) + (feedback.get("requests_overdue") or 0)),
        feedback_days=float(feedback["mean_days"]) if feedback.get("mean_days") is not None else None,
        applications_on_time=_share(applied.get("applications_on_time"), (applied.get("applications_handled") or 0)
                                    + (applied.get("applications_overdue") or 0)),
        application_days=float(applied["median_days"]) if applied.get("median_days") is not None else None,
        data_consistency=_share(checked.get("tables_consistent"), checked.get("tables_checked")),
    )
    return values


def _weighted(pairs: list[tuple[float, Optional[float]]]) -> Optional[float]:
    """Weighted mean of the scores that exist; None when none does."""
    present = [(w, s) for w, s in pairs if s is not None]
    total = sum(w for w, _ in present)
    return sum(w * s for w, s in present) / total if total else None


def score_agency(assessment: AssessmentModel, values: dict[str, Optional[float]]
                 ) -> tuple[dict[str, Optional[float]], dict[str, Optional[float]], Optional[float]]:
    """(score per indicator, score per layer, total) from the indicator values."""
    scores = {i.key: i.score(values.get(i.key)) for i in assessment.indicators}
    layers = {l.key: _weighted([(i.weight, scores[i.key]) for i in l.indicators]) for l in assessment.layers}
    return scores, layers, _weighted([(l.weight, layers[l.key]) for l in assessment.layers])


def rank(scores: dict[str, Optional[float]]) -> dict[str, Optional[int]]:
    """Competition ranking (1, 2, 2, 4) of the scores, rounded to 2 decimals; None unranked."""
    ordered = sorted((round(s, 2) for s in scores.values() if s is not None), reverse=True)
    return {k: (ordered.index(round(s, 2)) + 1 if s is not None else None) for k, s in scores.items()}


def compute_snapshot(assessment: AssessmentModel, as_of: Optional[dt.date] = None) -> Run:
    """Compute and store the snapshot of `as_of` (default today), replacing one of the same day.
    The caller commits."""
    as_of = as_of or dt.date.today()
    settings = assessment.settings
    params = {"as_of": as_of, "since": as_of - dt.timedelta(days=settings["usage_window_days"]),
              "formats": settings["machine_readable_formats"], "complete": settings["complete_metadata"],
              "extra_keys": sorted((set(settings["completeness_fields"]) & EXTRA_FIELDS) | _SCHEDULE_KEYS)}
    model.Session.execute(sa.delete(Run).where(Run.snapshot_date == as_of))
    run = Run(snapshot_date=as_of, model_version=assessment.version, model=assessment.as_dict(), figures={})
    model.Session.add(run)
    model.Session.flush()
    _insert_datasets(assessment, run.id, params)
    agencies = _agency_rows(run.id, params)
    feedback = _feedback(params) if table_exists("harbin_feedback_request") else {}
    adjustments = _adjustments(params) if table_exists("harbin_review_adjustment") else {}
    applied = applications.figures(params) if applications.available() else {}
    checked = consistency.figures()
    rows, totals = [], {}
    for org_id, row in agencies.items():
        values = _values(row, feedback.get(org_id, {}), adjustments.get(org_id, {}), applied.get(org_id, {}),
                         checked.get(org_id, {}))
        scores, layers, total = score_agency(assessment, values)
        figures = {k: v for k, v in row.items() if k not in DATASET_INDICATORS and k != "organization_id"}
        for source in (feedback.get(org_id, {}), adjustments.get(org_id, {}), applied.get(org_id, {}),
                       checked.get(org_id, {})):
            figures.update({k: v for k, v in source.items() if k not in ("organization_id", "mean_days", "median_days")})
        figures = {k: (float(v) if isinstance(v, float) else int(v or 0)) for k, v in figures.items()}
        rows.append({"run_id": run.id, "organization_id": org_id, "score": total, "values": values,
                     "scores": scores, "layers": layers, "figures": figures})
        for key, value in figures.items():
            totals[key] = totals.get(key, 0) + value
    ranks = rank({r["organization_id"]: r["score"] for r in rows})
    for row in rows:
        row["rank"] = ranks[row["organization_id"]]
    if rows:
        model.Session.execute(sa.insert(AgencyScore), rows)
    scored = [r["score"] for r in rows if r["score"] is not None]
    run.entries, run.agencies = int(totals.get("entries", 0)), len(rows)
    run.score = sum(scored) / len(scored) if scored else None
    run.figures = totals
    model.Session.flush()
    return run
