"""Actions of harbin_assessment: recompute a snapshot, read scores, scorecards and problems."""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ...common.roles import acting_user as _user
from ...common.actions import validated as _validated
from .. import applications, jobs, service
from . import schema

__all__ = ["harbin_assessment_compute", "harbin_assessment_show", "harbin_assessment_agency_show",
           "harbin_assessment_problems", "harbin_assessment_link_check"]


def harbin_assessment_compute(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Compute the snapshot of a day (replacing one of the same day).

    :param date: YYYY-MM-DD, default today
    :param check_links: check every file and API address first
    :param background: queue the work on the assessment queue instead; returns the job id
    """
    tk.check_access("harbin_assessment_compute", context, data_dict)
    data = _validated(context, data_dict, schema.compute_schema)
    day = data["date"].date().isoformat() if data.get("date") else None
    if data.get("background"):
        job = jobs.enqueue(jobs.assess, [day, bool(data.get("check_links"))], title=f"assessment {day or 'today'}")
        return {"job_id": job.id}
    return jobs.assess(day, bool(data.get("check_links")))


def harbin_assessment_link_check(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Queue the link check of every published file and API address. :returns: the job id"""
    tk.check_access("harbin_assessment_link_check", context, data_dict)
    return {"job_id": jobs.enqueue(jobs.check_links, [], title="link check").id}


def _run(data: DataDict) -> Any:
    run = service.find_run(data["date"].date() if data.get("date") else None)
    if run is None:
        raise tk.ObjectNotFound(tk._("No assessment has been computed yet."))
    return run


@tk.side_effect_free
def harbin_assessment_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The latest snapshot (or the one of a day) with every agency's scores, best first, and the trend.

    :param date: YYYY-MM-DD: the snapshot of that day, or the last one before it
    """
    tk.check_access("harbin_assessment_show", context, data_dict)
    run = _run(_validated(context, data_dict, schema.show_schema))
    return {**service.run_dict(run), "agencies": service.agency_table(run), "trend": service.overall_trend()}


@tk.side_effect_free
def harbin_assessment_agency_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One agency's scorecard: indicator values and scores, layer scores, rank, figures and trend; for
    reviewers and the agency's editors also the refused access applications with their reasons.

    :param organization: agency id or name
    :param date: YYYY-MM-DD
    """
    tk.check_access("harbin_assessment_agency_show", context, data_dict)
    data = _validated(context, data_dict, schema.agency_schema)
    organization = model.Group.get(data["organization"])
    if organization is None or not organization.is_organization or organization.state != "active":
        raise tk.ObjectNotFound(tk._("Agency not found"))
    run = _run(data)
    rows = service.agency_table(run, organization.id)
    if not rows:
        raise tk.ObjectNotFound(tk._("The agency was not part of this assessment."))
    card = {**rows[0], "run": service.run_dict(run), "trend": service.agency_trend(organization.id)}
    if service.sees_problems_of(_user(context), organization):  # reasons are for the agency and reviewers
        window = dt.timedelta(days=service.current_model().settings["usage_window_days"])
        card["refusals"] = applications.refusals(organization.id, run.snapshot_date - window, run.snapshot_date)
    return card


@tk.side_effect_free
def harbin_assessment_problems(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """What each agency has to fix (late updates, entries without data, incomplete metadata, …) with
    the entries concerned. Reviewers see every agency, an agency's editors their own.

    :param organization: only this agency (id or name)
    :param date: YYYY-MM-DD
    :param limit: entries listed per agency and problem (default 50, at most 10000)
    """
    tk.check_access("harbin_assessment_problems", context, data_dict)
    data = _validated(context, data_dict, schema.problems_schema)
    run = _run(data)
    user = _user(context)
    if user is None or service.is_reviewer(user):  # no user: ignore_auth, the command line
        allowed = None
    else:
        allowed = [o.id for o in user.get_groups("organization", "editor") + user.get_groups("organization", "admin")]
    if data.get("organization"):
        organization = model.Group.get(data["organization"])
        wanted = [organization.id] if organization else []
        allowed = wanted if allowed is None else [i for i in allowed if i in wanted]
    return {"run": service.run_dict(run), "agencies": service.problems(run, allowed, min(int(data.get("limit", 50)), 10000))}
