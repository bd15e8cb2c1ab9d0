"""The annual report to the city government (第十八条: by the end of February), in Chinese, as HTML
(inline SVG charts) and DOCX (PNG charts), both rendered from one list of blocks."""
from __future__ import annotations

import datetime as dt
import io
import os
from typing import Any, Optional

import jinja2
import sqlalchemy as sa

import ckan.model as model

from . import charts, service
from .model import table_exists

__all__ = ["NoSnapshot", "build", "to_html", "to_docx", "write"]

# The report is a Chinese document whatever the interface language, so its words live here.
_PROBLEMS = {
    "late_entries": "未按更新周期更新的目录", "entries_without_data": "未挂接数据的目录",
    "incomplete_entries": "元数据不完整的目录", "not_machine_readable": "含非可机读格式文件的目录",
    "undocumented_entries": "数据项说明不完整的目录", "broken_resources": "无法访问的文件和接口",
    "requests_overdue": "逾期未答复的需求和纠错", "adjustments_overdue": "逾期未完成的目录调整",
    "applications_overdue": "逾期未办理的有条件开放申请",
}
_ADVICE = {
    "late_entries": "督促相关单位按照更新周期及时更新数据，并在目录中如实填写最近更新日期。",
    "entries_without_data": "对只编目、未挂接数据的目录，限期挂接数据文件或接口。",
    "incomplete_entries": "补全联系方式、时间范围、空间范围等元数据项。",
    "not_machine_readable": "以 CSV、XLSX、JSON 等可机读格式替代或补充 PDF、DOCX 等文件。",
    "undocumented_entries": "为每个数据项补充说明，便于使用者准确理解数据。",
    "broken_resources": "修复无法访问的下载地址和接口。",
    "requests_overdue": "在规定时限内答复公众的数据需求和纠错申请。",
    "adjustments_overdue": "在十五日内完成目录调整（第九条）。",
    "applications_overdue": "在规定的工作日内审核有条件开放数据的使用申请，不予批准的说明理由。",
}


class NoSnapshot(Exception):
    """No assessment snapshot in the year."""


def _fmt(value: Optional[float], digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _pct(part: float, whole: float) -> str:
    return f"{part / whole * 100:.1f}%" if whole else "—"


def _mean(values: list[Optional[float]]) -> Optional[float]:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _year_figures(year: int) -> dict[str, int]:
    """Entries first published and requests filed in the year (one query each)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    published = model.Session.execute(sa.text("""
SELECT count(*) FROM package p JOIN package_extra e ON e.package_id = p.id AND e.key = 'publish_date'
WHERE p.state = 'active' AND p.type = 'dataset' AND NOT p.private AND e.value BETWEEN :start AND :end"""),
        {"start": start.isoformat(), "end": end.isoformat()}).scalar()
    figures = {"published_in_year": int(published or 0), "requests": 0, "data_requests": 0, "corrections": 0,
               "closed": 0}
    if table_exists("harbin_feedback_request"):
        row = model.Session.execute(sa.text("""
SELECT count(*) AS requests, count(*) FILTER (WHERE kind = 'data_request') AS data_requests,
  count(*) FILTER (WHERE kind = 'correction') AS corrections, count(*) FILTER (WHERE closed_at IS NOT NULL) AS closed
FROM harbin_feedback_request WHERE created_at::date BETWEEN :start AND :end"""), {"start": start, "end": end}).one()
        figures.update({k: int(v) for k, v in row._mapping.items()})
    return figures


def build(year: int) -> dict[str, Any]:
    """The report as a title and a list of blocks: (heading|paragraph|table|bar|line, …)."""
    runs = service.runs(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if not runs:
        raise NoSnapshot(f"No assessment snapshot in {year}: run `ckan harbin assess` first.")
    run, assessment = runs[-1], service.current_model()
    agencies = service.agency_table(run)
    figures, year_figures = run.figures, _year_figures(year)
    entries = run.entries
    blocks: list[tuple] = []
    add = blocks.append

    add(("heading", "一、总体情况"))
    add(("paragraph", f"截至{run.snapshot_date.year}年{run.snapshot_date.month}月{run.snapshot_date.day}日，"
         f"全市共有{run.agencies}个公共管理和服务机构在市开放平台开放数据，已发布开放目录{entries}个，"
         f"其中{year}年新发布{year_figures['published_in_year']}个；已挂接数据的目录"
         f"{entries - figures.get('entries_without_data', 0)}个，占{_pct(entries - figures.get('entries_without_data', 0), entries)}。"
         f"全市平均得分{_fmt(run.score)}分。"))
    add(("table", "表1 主要统计数据", ["项目", "数值"], [
        ["开放机构数", run.agencies], ["已发布目录数", entries],
        [f"{year}年新发布目录数", year_figures["published_in_year"]],
        ["无条件开放目录数", figures.get("open_unconditional", 0)],
        ["有条件开放目录数", entries - figures.get("open_unconditional", 0)],
        ["未挂接数据的目录数", figures.get("entries_without_data", 0)],
        ["未按周期更新的目录数", figures.get("late_entries", 0)],
        ["浏览量（近一年）", figures.get("views", 0)], ["下载量（近一年）", figures.get("downloads", 0)],
        ["接口调用量（近一年）", figures.get("api_calls", 0)],
        [f"{year}年收到的数据需求", year_figures["data_requests"]],
        [f"{year}年收到的纠错申请", year_figures["corrections"]],
        [f"{year}年已办结的需求和纠错", year_figures["closed"]],
        ["有条件开放申请数（近一年）", figures.get("applications", 0)],
        ["已办理的申请数（近一年）", figures.get("applications_handled", 0)],
        ["按期办理的申请数（近一年）", figures.get("applications_on_time", 0)],
        ["批准的申请数（近一年）", figures.get("grants", 0)],
        ["不予批准的申请数（近一年）", figures.get("applications_refused", 0)],
        ["与数据项核对的数据表数", figures.get("tables_checked", 0)],
        ["与数据项一致的数据表数", figures.get("tables_consistent", 0)],
    ]))

    add(("heading", "二、评估结果"))
    add(("paragraph", f"依据《哈尔滨市公共数据开放评估指标体系》（版本 {run.model_version}），从准备度、平台层、数据层和"
         f"利用层四个维度对各机构进行评估，结果如下。"))
    add(("bar", "图1 各机构综合得分", [(a["title"], a["score"]) for a in agencies]))
    add(("table", "表2 各机构得分及排名", ["排名", "机构", "综合得分"] + [l.label["zh"] for l in assessment.layers],
         [[a["rank"] or "—", a["title"], _fmt(a["score"], 2)] + [_fmt(a["layers"].get(l.key), 2)
                                                                 for l in assessment.layers] for a in agencies]))

    add(("heading", "三、数据质量与利用"))
    layer_means = [(l.label["zh"], _mean([a["layers"].get(l.key) for a in agencies])) for l in assessment.layers]
    add(("bar", "图2 各维度全市平均得分", layer_means))
    add(("table", "表3 各项指标全市平均值", ["维度", "指标", "平均值", "平均得分", "依据"], [
        [next(l.label["zh"] for l in assessment.layers if l.key == i.layer), i.label["zh"],
         _value(i, _mean([a["values"].get(i.key) for a in agencies])),
         _fmt(_mean([a["scores"].get(i.key) for a in agencies])), i.basis] for i in assessment.indicators]))

    add(("heading", "四、年度变化"))
    if len(runs) > 1:
        add(("paragraph", f"{year}年共进行{len(runs)}次评估，全市平均得分由{_fmt(runs[0].score)}分变为{_fmt(run.score)}分。"))
        add(("line", "图3 全市平均得分变化", [(r.snapshot_date.isoformat(), r.score) for r in runs]))
    else:
        add(("paragraph", f"{year}年共进行1次评估。"))

    add(("heading", "五、存在问题和改进建议"))
    rows = [[label, sum(1 for a in agencies if a["figures"].get(key)), sum(a["figures"].get(key, 0) for a in agencies),
             _ADVICE[key]] for key, label in _PROBLEMS.items()]
    add(("table", "表4 存在问题", ["问题", "涉及机构数", "数量", "改进建议"], rows))

    add(("heading", "附：评估指标体系"))
    add(("table", "表5 指标及权重", ["维度（权重）", "指标", "权重", "计分方式", "依据"], [
        [f"{l.label['zh']}（{l.weight:g}）", i.label["zh"], f"{i.weight:g}", _scale(i), i.basis]
        for l in assessment.layers for i in l.indicators]))
    return {"title": f"哈尔滨市公共数据开放年度报告（{year}年）", "year": year,
            "subtitle": f"依据《哈尔滨市公共数据开放管理办法》第十八条编制 · 评估日期 {run.snapshot_date.isoformat()}",
            "generated": dt.date.today().isoformat(), "blocks": blocks}


def _value(indicator: Any, value: Optional[float]) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.1f}%" if indicator.scale == "ratio" else f"{value:.1f}"


def _scale(indicator: Any) -> str:
    if indicator.scale == "ratio":
        return "比例×100"
    return f"{indicator.zero:g} 计 0 分，{indicator.full:g} 计 100 分"


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
