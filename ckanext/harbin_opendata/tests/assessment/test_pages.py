"""The dashboard, scorecards, the reviewers' problems page and the exports, in Chinese and English."""
from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.assessment import linkcheck
from ckanext.harbin_opendata.tests.web import logged_in_client

from .conftest import REFUSAL, TODAY


@pytest.fixture
def assessed(portal):
    linkcheck.check_links()
    tk.get_action("harbin_assessment_compute")({"user": portal.sysadmin}, {})
    portal.result = tk.get_action("harbin_assessment_show")({}, {})
    return portal


def test_dashboard_before_any_assessment(portal, app):
    assert "尚未进行评估" in app.get("/assessment").body
    assert "No assessment has been computed yet." in app.get("/en/assessment").body


def test_dashboard_in_both_languages(assessed, app):
    zh = app.get("/assessment").body
    assert "开放评估" in zh and "机构排名" in zh and "准备度" in zh and "利用层" in zh
    assert zh.count("<svg") == 1  # the ranking; the trend needs two snapshots
    assert zh.index("哈尔滨市乙局") < zh.index("哈尔滨市甲局") < zh.index("哈尔滨市丙局")  # ranked
    assert f">{assessed.result['score']}<" in zh
    en = app.get("/en/assessment").body
    assert "Openness assessment" in en and "Agency ranking" in en and "Readiness" in en and "Download XLSX" in en



def test_trend_once_there_are_two_snapshots(portal, app):
    for day in (TODAY - dt.timedelta(days=40), TODAY):
        tk.get_action("harbin_assessment_compute")({"user": portal.sysadmin}, {"date": day.isoformat()})
    dashboard = app.get("/en/assessment").body
    assert "<h2>Trend</h2>" in dashboard and "<title>Mean score</title>" in dashboard
    assert dashboard.count("<svg") == 2  # the ranking and the trend
    scorecard = app.get("/assessment/agency/hrb-a").body
    assert "<h2>变化趋势</h2>" in scorecard and "<title>得分</title>" in scorecard

def test_scorecard(assessed, app):
    zh = app.get("/assessment/agency/hrb-a").body
    assert "哈尔滨市甲局" in zh and "元数据完整性" in zh and "80.0%" in zh and "第 2 名（共 3 个）" in zh
    assert "不适用" in zh  # feedback indicators: nothing to measure
    assert "<svg" in zh and "GB/T 38664.3" in zh
    assert "有条件开放申请按期办理率" in zh and "33.3%" in zh and "12.0" in zh
    assert "不予批准的有条件开放申请及理由" not in zh and REFUSAL not in zh  # reasons: the agency and reviewers
    editor = logged_in_client(app, assessed.editor).get("/assessment/agency/hrb-a").body
    assert "不予批准的有条件开放申请及理由" in editor and REFUSAL in editor and "/dataset/a-bare" in editor
    en = app.get("/en/assessment/agency/hrb-a").body
    assert "Metadata completeness" in en and "2 of 3" in en and "not applicable" in en
    assert app.get("/assessment/agency/no-such-agency", status=404)


def test_problems_page_for_reviewers_and_agency_editors(assessed, app):
    assert app.get("/assessment/problems", follow_redirects=False, status=302)  # to log in
    reviewer = logged_in_client(app, assessed.reviewer).get("/assessment/problems").body
    assert "哈尔滨市甲局" in reviewer and "哈尔滨市乙局" in reviewer and "哈尔滨市丙局" not in reviewer
    assert "未按更新周期更新的目录: 1" in reviewer and "/dataset/a-bare" in reviewer
    assert "逾期未答复的需求和纠错: 1" in reviewer
    editor = logged_in_client(app, assessed.editor).get("/en/assessment/problems").body
    assert "Entries not updated on schedule: 1" in editor and "Unreachable files and APIs: 1" in editor
    assert "哈尔滨市乙局" not in editor  # another agency's problems
    other = logged_in_client(app, assessed.editor).get("/en/assessment/problems?organization=hrb-b").body
    assert "Nothing to fix." in other and "哈尔滨市乙局" not in other
    only_b = logged_in_client(app, assessed.reviewer).get("/assessment/problems?organization=hrb-b").body
    assert "哈尔滨市乙局" in only_b and "哈尔滨市甲局" not in only_b


def test_problems_page_is_not_for_everybody(assessed, app):
    factories.User(name="citizen")
    assert logged_in_client(app, "citizen").get("/assessment/problems", status=403)
    assert "待整改问题" not in app.get("/assessment").body
    assert "待整改问题" in logged_in_client(app, assessed.reviewer).get("/assessment").body


def test_csv_export(assessed, app):
    response = app.get("/assessment/export.csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:5] == ["排名", "机构", "机构标识", "得分", "准备度"]
    assert "元数据完整性" in rows[0] and "已发布目录" in rows[0] and "有条件开放申请按期办理率" in rows[0]
    assert int({row[2]: row for row in rows[1:]}["hrb-a"][rows[0].index("按期办理的有条件开放申请")]) == 1
    by_code = {row[2]: row for row in rows[1:]}
    for agency in assessed.result["agencies"]:
        assert float(by_code[agency["name"]][3]) == agency["score"]
        assert int(by_code[agency["name"]][rows[0].index("已发布目录")]) == agency["figures"]["entries"]
    en = list(csv.reader(io.StringIO(app.get("/en/assessment/export.csv").data.decode("utf-8-sig"))))
    assert en[0][:4] == ["Rank", "Agency", "Agency identifier", "Score"]


def test_xlsx_export(assessed, app):
    response = app.get("/assessment/export.xlsx")
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = rows[0]
    assert header[:4] == ["排名", "机构", "机构标识", "得分"]
    completeness = header.index("元数据完整性")
    by_code = {row[2]: row for row in rows[1:]}
    assert by_code["hrb-a"][completeness] == 80.0 and by_code["hrb-a"][0] == 2
    assert by_code["hrb-b"][3] == assessed.result["agencies"][0]["score"]
    assert by_code["hrb-c"][completeness] is None  # nothing published: not measured


def test_problems_export_for_the_agencies(assessed, app):
    reviewer = logged_in_client(app, assessed.reviewer)
    rows = list(csv.reader(io.StringIO(reviewer.get("/assessment/problems/export.csv").data.decode("utf-8-sig"))))
    assert rows[0] == ["机构", "问题", "数量", "目录", "地址", "应更新日期"]
    late = [row for row in rows[1:] if row[1] == "未按更新周期更新的目录"]
    assert late == [["哈尔滨市甲局", "未按更新周期更新的目录", "1", assessed.bare["title"],
                     "http://test.ckan.net/dataset/a-bare", late[0][5]]] and late[0][5]
    overdue = [row for row in rows[1:] if row[1] == "逾期未答复的需求和纠错"]
    assert overdue == [["哈尔滨市乙局", "逾期未答复的需求和纠错", "1", "", "", ""]]  # counted, no entry to list
    editor = logged_in_client(app, assessed.editor).get("/en/assessment/problems/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(editor.data)).active
    agencies = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert next(sheet.iter_rows(values_only=True))[:2] == ("Agency", "Problem") and agencies == {"哈尔滨市甲局"}
    assert app.get("/assessment/problems/export.csv", follow_redirects=False, status=302)


def test_the_pages_say_their_figures_are_of_the_snapshots_day(portal, app):
    """A dated snapshot is not shown as if it were live (walk finding F-U2): the dashboard and the
    scorecard say which day their figures are of and over how many days use is counted."""
    day = TODAY - dt.timedelta(days=40)
    tk.get_action("harbin_assessment_compute")({"user": portal.sysadmin}, {"date": day.isoformat()})
    for path in ("/assessment", "/assessment/agency/hrb-a"):
        zh = app.get(path).body
        assert "不是实时数据" in zh and f"{day.year}年{day.month}月{day.day}日" in zh and "365 天" in zh
        en = app.get(f"/en{path}").body
        assert "not live" in en and "over the 365 days up to it" in en
