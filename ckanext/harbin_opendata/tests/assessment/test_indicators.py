"""Each indicator on the constructed portal of conftest.py, against values worked out by hand."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.assessment import linkcheck, service

from .conftest import REFUSAL

pytestmark = pytest.mark.usefixtures("with_request_context")


def _assess(portal) -> dict:
    linkcheck.check_links()
    tk.get_action("harbin_assessment_compute")({"user": portal.sysadmin}, {})
    return tk.get_action("harbin_assessment_show")({"user": ""}, {})


def _entries(portal) -> dict:
    from ckanext.harbin_opendata.assessment.model import DatasetScore
    import ckan.model as model

    rows = model.Session.query(DatasetScore, model.Package.name).join(
        model.Package, model.Package.id == DatasetScore.package_id)
    return {name: row for row, name in rows}


def test_entry_indicators(portal):
    _assess(portal)
    entries = _entries(portal)
    assert sorted(entries) == ["a-bare", "a-complete", "b-irregular"]  # the draft is not assessed
    complete, bare, irregular = entries["a-complete"], entries["a-bare"], entries["b-irregular"]
    # All 20 schema fields; updated 10 days ago monthly; CSV + PDF; both items described; the PDF is a 404.
    assert complete.values == {"metadata_completeness": 1.0, "timeliness": 1.0, "machine_readable": 0.5,
                               "data_items_documented": 1.0, "has_data": 1.0, "resource_availability": 0.5}
    # 12 of 20 fields (title, notes, code, domain, items, formats, frequency, last updated, next update
    # due computed by the schema, open type, desensitization, and the 发布日期 stamped when it was
    # published); weekly, last updated 30 days ago; no files.
    assert bare.values == {"metadata_completeness": 0.6, "timeliness": 0.0, "machine_readable": 0.0,
                           "data_items_documented": 0.0, "has_data": 0.0, "resource_availability": None}
    # Irregular updates have no schedule to miss: timeliness is not measured. 10 of 20 fields: the
    # factory's 9 and the 发布日期 stamped when it was published.
    assert irregular.values == {"metadata_completeness": 0.5, "timeliness": None, "machine_readable": 1.0,
                                "data_items_documented": 1.0, "has_data": 1.0, "resource_availability": 1.0}
    # Weighted by has_data 1, availability 1, completeness 2, timeliness 2, machine-readable 1, items 1.
    assert complete.score == pytest.approx((100 + 50 + 200 + 200 + 50 + 100) / 8)
    assert bare.score == pytest.approx(2 * 60 / 7)
    assert irregular.score == pytest.approx((100 + 100 + 100 + 100 + 100) / 6)
    assert (complete.views, complete.downloads, complete.broken_resources) == (30, 10, 1)  # the 400-day-old views are out
    assert (bare.downloads, bare.api_calls) == (3, 1)  # conditional: the access log, not the 50 counted downloads


def test_agency_indicators_layers_and_total(portal):
    result = _assess(portal)
    by_name = {a["name"]: a for a in result["agencies"]}
    a, b, c = by_name["hrb-a"], by_name["hrb-b"], by_name["hrb-c"]
    assert a["values"] == {
        "catalog_size": 2.0, "adjustments_on_time": 0.5, "has_data": 0.5, "resource_availability": 0.5,
        "metadata_completeness": 0.8, "timeliness": 0.5, "machine_readable": 0.25, "data_items_documented": 0.5,
        "open_type_share": 0.5, "usage": 22.0, "feedback_on_time": None, "feedback_days": None,
        "applications_on_time": 0.3333, "application_days": 12.0, "data_consistency": None}
    readiness = (2 * 2 / 30 * 100 + 50) / 3
    data = (2 * 80 + 2 * 50 + 25 + 50 + 50) / 7
    # Use: (30 views + 10 downloads of a-complete + 3 downloads and 1 call of a-bare from the access log)
    # / 2 entries = 22 → 11 (weight 2); applications: 1 on time of 2 handled + 1 overdue → 33.3,
    # median of 6 and 18 days = 12 → (12 - 30) / (3 - 30) = 66.7 (weight 1 each).
    assert a["layers"] == {"readiness": round(readiness, 2), "platform": 50.0, "data": round(data, 2), "use": 30.5}
    assert a["score"] == round(0.15 * readiness + 0.15 * 50 + 0.45 * data + 0.25 * 30.5, 2)
    assert {k: a["figures"][k] for k in ("applications", "applications_handled", "applications_on_time",
                                         "applications_overdue", "applications_refused", "grants")} == {
        "applications": 3, "applications_handled": 2, "applications_on_time": 1, "applications_overdue": 1,
        "applications_refused": 1, "grants": 1}

    # B: one answered request closed after its due date (16.5 days), one overdue; no adjustments.
    assert b["values"]["feedback_on_time"] == 0.0
    assert b["values"]["feedback_days"] == pytest.approx(16.5, abs=0.01)
    assert b["scores"]["feedback_days"] == pytest.approx(50, abs=0.1)  # 30 days → 0, 3 days → 100
    assert b["values"]["adjustments_on_time"] is None and b["scores"]["adjustments_on_time"] is None
    # Data layer: completeness 50 (weight 2), machine-readable, items and open type 100 (1 each).
    assert b["layers"]["data"] == 80.0 and b["layers"]["use"] == pytest.approx(12.5, abs=0.05)
    assert b["score"] == pytest.approx(0.15 * 100 / 30 + 0.15 * 100 + 0.45 * 80 + 0.25 * 12.5, abs=0.02)
    assert (b["figures"]["requests"], b["figures"]["requests_overdue"]) == (2, 1)

    # C published nothing: only its catalog size counts, and it is zero.
    assert c["score"] == 0.0 and c["layers"] == {"readiness": 0.0, "platform": None, "data": None, "use": None}
    assert [x["name"] for x in result["agencies"]] == ["hrb-b", "hrb-a", "hrb-c"]
    assert [x["rank"] for x in result["agencies"]] == [1, 2, 3]
    assert result["score"] == pytest.approx((a["score"] + b["score"] + c["score"]) / 3, abs=0.01)  # of unrounded scores
    assert result["figures"]["entries"] == 3 and result["figures"]["adjustments_overdue"] == 1
    assert result["figures"]["applications"] == 3 and b["values"]["applications_on_time"] is None

    # The refusals and their reasons: for the agency's editors and reviewers, not for the public or another agency.
    card = tk.get_action("harbin_assessment_agency_show")
    assert [(r["name"], r["reason"]) for r in card({"user": portal.editor}, {"organization": "hrb-a"})["refusals"]] \
        == [("a-bare", REFUSAL)]
    assert card({"user": portal.reviewer}, {"organization": "hrb-a"})["refusals"][0]["reason"] == REFUSAL
    for user in ("", portal.b_editor):
        assert "refusals" not in card({"user": user}, {"organization": "hrb-a"})


def test_link_check_results_follow_the_address(portal):
    counts = linkcheck.check_links()
    assert counts == {"checked": 3, "ok": 2, "broken": 1}
    # A new address is unchecked until the next link check: availability is then not measured.
    resource = tk.get_action("package_show")({"user": portal.sysadmin}, {"id": "b-irregular"})["resources"][0]
    tk.get_action("resource_patch")({"user": portal.sysadmin}, {"id": resource["id"], "url": f"{portal.server}/nothing"})
    tk.get_action("harbin_assessment_compute")({"user": portal.sysadmin}, {})
    assert _entries(portal)["b-irregular"].values["resource_availability"] is None
    linkcheck.check_links()
    tk.get_action("harbin_assessment_compute")({"user": portal.sysadmin}, {})
    assert _entries(portal)["b-irregular"].values["resource_availability"] == 0.0


@pytest.mark.ckan_config("ckanext.harbin_opendata.assessment.link_check_timeout", 1)
def test_link_check_timeout_is_bounded(portal):
    import time

    tk.get_action("resource_create")({"user": portal.sysadmin}, {
        "package_id": "b-irregular", "url": f"{portal.server}/slow.csv", "format": "CSV"})
    started = time.monotonic()
    counts = linkcheck.check_links()
    assert time.monotonic() - started < 2.9  # gave up after the 1-second timeout, not the server's 3
    assert counts == {"checked": 4, "ok": 2, "broken": 2}
    ok, status, error = linkcheck.check_url(f"{portal.server}/slow.csv", 1)
    assert (ok, status, error) == (False, None, "ReadTimeout")


def test_problems_per_agency(portal):
    _assess(portal)
    run = service.find_run()
    problems = {p["name"]: {x["key"]: x for x in p["problems"]} for p in service.problems(run)}
    assert set(problems) == {"hrb-a", "hrb-b"}
    a = problems["hrb-a"]
    assert {k: v["count"] for k, v in a.items()} == {
        "late_entries": 1, "entries_without_data": 1, "incomplete_entries": 1, "not_machine_readable": 1,
        "undocumented_entries": 1, "broken_resources": 1, "adjustments_overdue": 1,
        "applications_overdue": 1}
    assert [e["name"] for e in a["late_entries"]["entries"]] == ["a-bare"]
    assert [e["name"] for e in a["broken_resources"]["entries"]] == ["a-complete"]
    assert {k: v["count"] for k, v in problems["hrb-b"].items()} == {"incomplete_entries": 1, "requests_overdue": 1}
