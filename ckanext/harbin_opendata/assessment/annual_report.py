"""The annual report to the city government (第十八条: by the end of February), in Chinese, as HTML
(inline SVG charts) and DOCX (PNG charts), both rendered from one list of blocks; the portal's
report page renders the same blocks (in English on English pages)."""
from __future__ import annotations

import datetime as dt
import io
import os
from typing import Any, Callable, Optional

import jinja2
import sqlalchemy as sa

import ckan.model as model

from . import charts, service
from .model import Run, table_exists
from .report_words import ADVICE, PROBLEMS, WORDS

__all__ = ["NoSnapshot", "years", "build", "to_html", "to_docx", "write"]


class NoSnapshot(Exception):
    """No assessment snapshot in the year."""


def _fmt(value: Optional[float], digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _pct(part: float, whole: float) -> str:
    return f"{part / whole * 100:.1f}%" if whole else "—"


def _mean(values: list[Optional[float]]) -> Optional[float]:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _year_figures(run: Run) -> dict[str, int]:
    """Entries first published and requests filed in the snapshot's year (one query each), as of
    the snapshot: the entries counted are the snapshot's, not those public today, and a request
    filed or closed after the snapshot's day is not counted."""
    start = dt.date(run.snapshot_date.year, 1, 1)
    published = model.Session.execute(sa.text("""
SELECT count(*) FROM harbin_assessment_dataset d
JOIN package_extra e ON e.package_id = d.package_id AND e.key = 'publish_date'
WHERE d.run_id = :run AND left(e.value, 4) = :year"""),
        {"run": run.id, "year": str(start.year)}).scalar()
    figures = {"published_in_year": int(published or 0), "requests": 0, "data_requests": 0, "corrections": 0,
               "closed": 0}
    if table_exists("harbin_feedback_request"):
        row = model.Session.execute(sa.text("""
SELECT count(*) AS requests, count(*) FILTER (WHERE kind = 'data_request') AS data_requests,
  count(*) FILTER (WHERE kind = 'correction') AS corrections,
  count(*) FILTER (WHERE closed_at::date <= :end) AS closed
FROM harbin_feedback_request WHERE created_at::date BETWEEN :start AND :end"""),
            {"start": start, "end": run.snapshot_date}).one()
        figures.update({k: int(v) for k, v in row._mapping.items()})
    return figures


def years() -> list[int]:
    """The years with an assessment snapshot, the latest first: the years a report can be made of."""
    column = sa.extract("year", Run.snapshot_date)
    return [int(year) for (year,) in model.Session.query(column).distinct().order_by(column.desc())]


def build(year: int, lang: str = "zh", agency_name: Optional[Callable[[dict[str, Any]], str]] = None) -> dict[str, Any]:
    """The report as a title and a list of blocks: (heading|paragraph|table|bar|line, …). The
    document is Chinese; `lang` "en" gives the same report in English, `agency_name` the agencies'
    names in it (their 单位名称 by default)."""
    if not 1 <= year <= 9999:
        raise NoSnapshot(f"No assessment snapshot in {year}.")
    runs = service.runs(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if not runs:
        raise NoSnapshot(f"No assessment snapshot in {year}: run `ckan harbin assess` first.")
    lang = "en" if lang.startswith("en") else "zh"
    w, problems, advice = WORDS[lang], PROBLEMS[lang], ADVICE[lang]
    name = agency_name or (lambda agency: agency["title"])
    run, assessment = runs[-1], service.current_model()
    agencies = service.agency_table(run)
    figures, year_figures = run.figures, _year_figures(run)
    entries = run.entries
    with_data = entries - figures.get("entries_without_data", 0)
    blocks: list[tuple] = []
    add = blocks.append

    add(("heading", w["overview"]))
    add(("paragraph", w["overview_text"].format(
        date=w["date"].format(d=run.snapshot_date), agencies=run.agencies, entries=entries, year=year,
        published=year_figures["published_in_year"], with_data=with_data, share=_pct(with_data, entries),
        score=_fmt(run.score))))
    add(("table", w["figures"], [w["item"], w["value"]], [
        [w["agencies"], run.agencies], [w["entries"], entries],
        [w["published_in_year"].format(year=year), year_figures["published_in_year"]],
        [w["open_unconditional"], figures.get("open_unconditional", 0)],
        [w["open_conditional"], entries - figures.get("open_unconditional", 0)],
        [w["entries_without_data"], figures.get("entries_without_data", 0)],
        [w["late_entries"], figures.get("late_entries", 0)],
        [w["views"], figures.get("views", 0)], [w["downloads"], figures.get("downloads", 0)],
        [w["api_calls"], figures.get("api_calls", 0)],
        [w["data_requests"].format(year=year), year_figures["data_requests"]],
        [w["corrections"].format(year=year), year_figures["corrections"]],
        [w["closed"].format(year=year), year_figures["closed"]],
    ] + [[w[key], figures.get(key, 0)] for key in ("applications", "applications_handled", "applications_on_time",
                                                   "grants", "applications_refused", "tables_checked",
                                                   "tables_consistent")]))

    add(("heading", w["results"]))
    add(("paragraph", w["results_text"].format(version=run.model_version)))
    add(("bar", w["score_chart"], [(name(a), a["score"]) for a in agencies]))
    add(("table", w["ranking"], [w["rank"], w["agency"], w["score"]] + [l.label_for(lang) for l in assessment.layers],
         [[a["rank"] or "—", name(a), _fmt(a["score"], 2)] + [_fmt(a["layers"].get(l.key), 2)
                                                               for l in assessment.layers] for a in agencies]))

    add(("heading", w["quality"]))
    layer_means = [(l.label_for(lang), _mean([a["layers"].get(l.key) for a in agencies])) for l in assessment.layers]
    add(("bar", w["layer_chart"], layer_means))
    add(("table", w["indicator_means"], [w["layer"], w["indicator"], w["mean"], w["mean_score"], w["basis"]], [
        [next(l.label_for(lang) for l in assessment.layers if l.key == i.layer), i.label_for(lang),
         _value(i, _mean([a["values"].get(i.key) for a in agencies])),
         _fmt(_mean([a["scores"].get(i.key) for a in agencies])), i.basis_for(lang)] for i in assessment.indicators]))

    add(("heading", w["change"]))
    if len(runs) > 1:
        add(("paragraph", w["change_text"].format(year=year, runs=len(runs), first=_fmt(runs[0].score),
                                                  last=_fmt(run.score))))
        add(("line", w["trend_chart"], [(r.snapshot_date.isoformat(), r.score) for r in runs]))
    else:
        add(("paragraph", w["one_run"].format(year=year)))

    add(("heading", w["problems"]))
    rows = [[label, sum(1 for a in agencies if a["figures"].get(key)), sum(a["figures"].get(key, 0) for a in agencies),
             advice[key]] for key, label in problems.items()]
    add(("table", w["problem_table"], [w["problem"], w["agencies_concerned"], w["count"], w["advice"]], rows))

    add(("heading", w["annex"]))
    add(("table", w["weights"], [w["layer_weight"], w["indicator"], w["weight"], w["scoring"], w["basis"]], [
        [w["layer_with_weight"].format(label=l.label_for(lang), weight=f"{l.weight:g}"), i.label_for(lang),
         f"{i.weight:g}", _scale(i, w), i.basis_for(lang)] for l in assessment.layers for i in l.indicators]))
    return {"title": w["title"].format(year=year), "year": year,
            "subtitle": w["subtitle"].format(date=run.snapshot_date.isoformat()),
            "snapshot_date": run.snapshot_date.isoformat(), "generated": dt.date.today().isoformat(), "blocks": blocks}


def _value(indicator: Any, value: Optional[float]) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.1f}%" if indicator.scale == "ratio" else f"{value:.1f}"


def _scale(indicator: Any, words: dict[str, str]) -> str:
    if indicator.scale == "ratio":
        return words["ratio_scale"]
    return words["linear_scale"].format(zero=f"{indicator.zero:g}", full=f"{indicator.full:g}")


def to_html(report: dict[str, Any]) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.join(os.path.dirname(__file__), "templates")),
                             autoescape=True)
    env.globals.update(bar_svg=charts.bar_svg, line_svg=charts.line_svg)
    return env.get_template("assessment/report/annual.html").render(report=report)


def to_docx(report: dict[str, Any]) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    for name in ("Normal", "Title", "Heading 1", "Caption"):
        style = document.styles[name]
        style.font.name = "Microsoft YaHei"
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "微软雅黑")
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(report["title"], level=0)
    document.add_paragraph(report["subtitle"])
    for block in report["blocks"]:
        kind = block[0]
        if kind == "heading":
            document.add_heading(block[1], level=1)
        elif kind == "paragraph":
            document.add_paragraph(block[1])
        elif kind == "table":
            document.add_paragraph(block[1], style="Caption")
            table = document.add_table(rows=1, cols=len(block[2]), style="Table Grid")
            for cell, text in zip(table.rows[0].cells, block[2]):
                cell.text = str(text)
            for row in block[3]:
                for cell, text in zip(table.add_row().cells, row):
                    cell.text = str(text)
        else:
            image = charts.bar_png(block[2]) if kind == "bar" else charts.line_png(block[2])
            document.add_picture(io.BytesIO(image), width=Cm(16))
            document.add_paragraph(block[1], style="Caption")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write(year: int, output_dir: str) -> list[str]:
    """Write harbin-open-data-report-YYYY.html and .docx; returns their paths."""
    report = build(year)
    base = os.path.join(output_dir, f"harbin-open-data-report-{year}")
    with open(f"{base}.html", "w", encoding="utf-8") as handle:
        handle.write(to_html(report))
    with open(f"{base}.docx", "wb") as handle:
        handle.write(to_docx(report))
    return [f"{base}.html", f"{base}.docx"]
