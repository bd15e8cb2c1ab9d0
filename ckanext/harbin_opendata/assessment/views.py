"""Assessment pages: the public openness dashboard, agency scorecards, the reviewers' list of
problems, the annual report, and the exports."""
from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.agency_names import english_agency_names
from ..common.views import login_first, view_context as _context
from . import annual_report, export, service

__all__ = ["harbin_assessment"]

harbin_assessment = Blueprint("harbin_assessment", __name__)

harbin_assessment.before_request(login_first("problems", "export_problems"))


def _lang() -> str:
    return "en" if (tk.h.lang() or "").startswith("en") else "zh"


@harbin_assessment.route("/assessment")
def dashboard() -> str:
    try:
        result = tk.get_action("harbin_assessment_show")(_context(), {})
    except tk.ObjectNotFound:
        result = None
    return tk.render("assessment/dashboard.html", {"result": result, "model": service.current_model(),
                                                   "report_years": annual_report.years()})


def _report_year(year: int) -> list[int]:
    """The years with a report, or a 404 when `year` is not one of them."""
    years = annual_report.years()
    if year not in years:
        tk.abort(404, tk._("There is no annual report of {year}: no assessment was made that year.").format(year=year))
    return years


def _agency_names() -> Any:
    """On English pages the agencies' English names where given (one query), else None: 单位名称."""
    if _lang() != "en":
        return None
    english = english_agency_names(name for (name,) in model.Session.query(model.Group.name).filter(
        model.Group.is_organization.is_(True), model.Group.state == "active"))
    return lambda agency: english.get(agency["name"]) or agency["title"]


@harbin_assessment.route("/assessment/report")
def latest_report() -> Any:
    """The year chosen on the dashboard (?year=), else the latest report."""
    asked = tk.request.args.get("year", "")
    if asked:
        if not re.fullmatch(r"[0-9]{1,4}", asked):
            return tk.abort(400, tk._("The year must be a number such as 2026."))
        return tk.redirect_to("harbin_assessment.report", year=int(asked))
    years = annual_report.years()
    if not years:
        return tk.abort(404, tk._("No assessment has been computed yet."))
    return tk.redirect_to("harbin_assessment.report", year=years[0])


@harbin_assessment.route("/assessment/report/<int:year>")
def report(year: int) -> str:
    """The annual report (第十八条) as a page of the portal: public, like the scores it is made of."""
    years = _report_year(year)
    content = annual_report.build(year, _lang(), _agency_names())
    return tk.render("assessment/report.html", {"report": content, "years": years})


@harbin_assessment.route("/assessment/report/<int:year>.<fmt>")
def report_file(year: int, fmt: str) -> Any:
    """The document sent to the city government (Chinese, whatever the page's language): DOCX or
    the printable HTML that `ckan harbin report annual` writes."""
    if fmt not in ("docx", "html"):
        return tk.abort(404)
    _report_year(year)
    content = annual_report.build(year)
    if fmt == "html":
        body, mimetype = annual_report.to_html(content).encode("utf-8"), "text/html; charset=utf-8"
    else:
        body = annual_report.to_docx(content)
        mimetype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="harbin-open-data-report-{year}.{fmt}"'})


@harbin_assessment.route("/assessment/agency/<id>")
def agency(id: str) -> str:
    try:
        card = tk.get_action("harbin_assessment_agency_show")(_context(), {"organization": id})
    except tk.ObjectNotFound as error:
        return tk.abort(404, str(error) or tk._("Agency not found"))
    return tk.render("assessment/agency.html", {"card": card, "model": service.current_model()})


@harbin_assessment.route("/assessment/problems")
def problems() -> str:
    try:
        result = tk.get_action("harbin_assessment_problems")(
            _context(), {"organization": tk.request.args.get("organization", "")})
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Only reviewers and agency editors can see the problems to fix."))
    except tk.ObjectNotFound:
        result = None
    return tk.render("assessment/problems.html", {"result": result})


@harbin_assessment.route("/assessment/problems/export.<fmt>")
def export_problems(fmt: str) -> Any:
    if fmt not in ("csv", "xlsx"):
        return tk.abort(404)
    try:
        result = tk.get_action("harbin_assessment_problems")(
            _context(), {"organization": tk.request.args.get("organization", ""), "limit": 10000})
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Only reviewers and agency editors can see the problems to fix."))
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("No assessment has been computed yet."))
    labels = {"agency": tk._("Agency"), "problem": tk._("Problem"), "count": tk._("Count"),
              "entry": tk._("Catalog entry"), "address": tk._("Address"), "due": tk._("Update due")}
    header, rows = export.problem_table(result["agencies"], labels, tk.config["ckan.site_url"])
    return _download(header, rows, f"harbin-assessment-problems-{result['run']['snapshot_date']}", fmt)


def _download(header: list[str], rows: list[list[Any]], name: str, fmt: str) -> Response:
    if fmt == "csv":
        body, mimetype = export.to_csv(header, rows), "text/csv; charset=utf-8"
    else:
        body = export.to_xlsx(header, rows, name[-10:])
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


@harbin_assessment.route("/assessment/export.<fmt>")
def export_scores(fmt: str) -> Any:
    if fmt not in ("csv", "xlsx"):
        return tk.abort(404)
    try:
        result = tk.get_action("harbin_assessment_show")(_context(), {"date": tk.request.args.get("date", "")})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("No assessment has been computed yet."))
    labels = {"rank": tk._("Rank"), "agency": tk._("Agency"), "code": tk._("Agency identifier"),
              "score": tk._("Score")}
    header, rows = export.table(service.current_model(), result["agencies"], _lang(), labels)
    return _download(header, rows, f"harbin-assessment-{result['snapshot_date']}", fmt)
