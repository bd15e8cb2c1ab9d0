"""The annual report as a public page of the portal (/assessment/report/<year>), in Chinese and
English, with the figures annual_report.py computes, the DOCX and HTML documents, and 4xx for a
year without a report."""
from __future__ import annotations

import datetime as dt
import html
import io
import re

import docx
import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.assessment import annual_report, linkcheck
from ckanext.harbin_opendata.tests.web import logged_in_client

from .conftest import TODAY

YEAR = TODAY.year


@pytest.fixture
def reported(portal):
    """The constructed portal assessed twice this year (the report's trend needs two snapshots)."""
    linkcheck.check_links()
    tk.get_action("harbin_assessment_compute")({"user": portal.sysadmin}, {"date": dt.date(YEAR, 1, 1).isoformat()})
    tk.get_action("harbin_assessment_compute")({"user": portal.sysadmin}, {})
    return portal


def _texts(report: dict) -> list[str]:
    """Every heading, paragraph, caption, column title and cell of the report's blocks."""
    texts = [report["title"], report["subtitle"]]
    for block in report["blocks"]:
        texts.append(block[1])
        if block[0] == "table":
            texts += [str(cell) for cell in block[2]] + [str(cell) for row in block[3] for cell in row]
        elif block[0] == "bar":
            texts += [label for label, _ in block[2]]
    return texts


def _cells(page: str, caption: str) -> dict[str, str]:
    """The first two columns of the page's table with this caption."""
    table = page[page.index(f"<caption>{caption}</caption>"):]
    table = table[:table.index("</table>")]
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td>", table)
    return {html.unescape(key): html.unescape(value) for key, value in rows}


def test_the_report_page_shows_the_report(app, reported):
    page = app.get(f"/assessment/report/{YEAR}").body
    report = annual_report.build(YEAR)
    missing = [text for text in _texts(report) if text not in html.unescape(page)]
    assert not missing
    assert page.count("<svg") == 3 and page.count("<caption>") == 5
    figures = _cells(page, "表1 主要统计数据")
    assert figures["已发布目录数"] == "3" and figures["开放机构数"] == "3" and figures["有条件开放目录数"] == "1"
    assert figures[f"{YEAR}年收到的纠错申请"] == "2" and figures["有条件开放申请数（近一年）"] == "3"
    result = tk.get_action("harbin_assessment_show")({}, {})
    ranking = page[page.index("表2 各机构得分及排名"):]
    positions = [ranking.index(f"<td>{a['title']}</td>") for a in result["agencies"]]
    assert positions == sorted(positions)
    assert f'href="/assessment/report/{YEAR}.docx"' in page and f'href="/assessment/report/{YEAR}.html"' in page


def test_the_english_page(app, reported):
    page = app.get(f"/en/assessment/report/{YEAR}").body
    report = annual_report.build(YEAR, "en")
    missing = [text for text in _texts(report) if text not in html.unescape(page)]
    assert not missing
    assert f"Harbin Public Data Opening Annual Report ({YEAR})" in page and "1. Overview" in page
    figures = _cells(page, "Table 1 Key figures")
    assert figures["Published catalog entries"] == "3" and figures[f"Correction requests received in {YEAR}"] == "2"
    assert list(figures.values()) == list(_cells(app.get(f"/assessment/report/{YEAR}").body, "表1 主要统计数据").values())
    body = page[page.index('<article class="harbin-annual-report">'):page.index("</article>")]
    chinese = set(re.findall(r"[\u4e00-\u9fff]+", body))
    names = {a["title"] for a in tk.get_action("harbin_assessment_show")({}, {})["agencies"]}  # no English names
    assert chinese <= {piece for name in names for piece in re.findall(r"[\u4e00-\u9fff]+", name)}
    assert "Art. 13 completeness; GB/T 38664.3 completeness" in page
    assert "The document sent to the city government is in Chinese." in page


def test_the_documents(app, reported):
    document = docx.Document(io.BytesIO(app.get(f"/en/assessment/report/{YEAR}.docx").get_data()))
    assert document.paragraphs[0].text == f"哈尔滨市公共数据开放年度报告（{YEAR}年）"  # Chinese whatever the page
    response = app.get(f"/assessment/report/{YEAR}.html")
    assert f'filename="harbin-open-data-report-{YEAR}.html"' in response.headers["Content-Disposition"]
    assert f"<title>哈尔滨市公共数据开放年度报告（{YEAR}年）</title>" in response.get_data(as_text=True)


def test_linked_from_the_dashboard_with_a_year_selector(app, reported):
    dashboard = app.get("/assessment").body
    assert f'href="/assessment/report/{YEAR}"' in dashboard and f"{YEAR}年度报告" in dashboard
    latest = app.get("/assessment/report", follow_redirects=False)
    assert latest.status_code == 302 and latest.headers["Location"].endswith(f"/assessment/report/{YEAR}")
    chosen = app.get(f"/assessment/report?year={YEAR}", follow_redirects=False)
    assert chosen.headers["Location"].endswith(f"/assessment/report/{YEAR}")


def test_public_for_every_role(app, reported):
    assert app.get(f"/assessment/report/{YEAR}").status_code == 200
    for name in (reported.editor, reported.sysadmin):
        assert logged_in_client(app, name).get(f"/assessment/report/{YEAR}").status_code == 200


def test_a_year_without_a_report(app, reported):
    for address, status in [
        ("/assessment/report/2001", 404), ("/assessment/report/0", 404), ("/assessment/report/99999", 404),
        ("/assessment/report/abc", 404), ("/assessment/report/2001.docx", 404), (f"/assessment/report/{YEAR}.pdf", 404),
        ("/assessment/report?year=abc", 400), ("/assessment/report?year=²", 400), ("/assessment/report?year=2001", 302),
    ]:
        assert app.get(address, follow_redirects=False).status_code == status, address
    assert app.get("/assessment/report?year=2001").status_code == 404
    assert "没有2001年的年度报告" in app.get("/assessment/report/2001").body
    assert "There is no annual report of 2001" in app.get("/en/assessment/report/2001").body


def test_no_report_before_any_assessment(app, portal):
    assert app.get("/assessment/report", follow_redirects=False).status_code == 404
    assert app.get(f"/assessment/report/{YEAR}").status_code == 404
    assert "年度报告" not in app.get("/assessment").body
    assert "没有" in app.get(f"/assessment/report/{YEAR}").body


def test_a_long_english_agency_name_keeps_its_room_in_a_chart():
    from ckanext.harbin_opendata.assessment import charts

    name = "Harbin Ecology and Environment Bureau"
    svg = charts.bar_svg([(name, 19.8), ("哈尔滨市气象局", 0.0)])
    right = float(re.search(r'<text x="([\d.]+)"[^>]*text-anchor="end"', svg).group(1))
    assert right >= len(name) * 7  # the label ends there: from x = 0 on, it is not cut
    width = re.search(r'viewBox="0 0 (\d+) ', svg).group(1)
    assert f'width="{width}"' in svg and int(width) >= right + 400  # and the bars their room
