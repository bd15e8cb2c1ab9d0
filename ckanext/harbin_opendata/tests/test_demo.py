"""The demo data: Harbin agencies and catalog entries with CSV resources, loaded idempotently."""
from __future__ import annotations

import csv
import io
import os

import pytest
import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import uploader
from ckan.tests import factories

from ckanext.harbin_opendata.demo.loader import demo_agencies, demo_datasets, load_demo
from ckanext.harbin_opendata.demo.samples import observed_period, sample_rows

from .web import logged_in_client

_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _gb32100_valid(code: str) -> bool:
    weights = [pow(3, i, 31) for i in range(17)]
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(code[:17], weights))
    return len(code) == 18 and _USCC_CHARS[(31 - total % 31) % 31] == code[17]


def test_demo_catalog_is_realistic():
    agencies, datasets = demo_agencies(), demo_datasets()
    assert len(agencies) == 9 and len(datasets) == 36
    assert all(_gb32100_valid(a["credit_code"]) for a in agencies)
    assert {d["agency"] for d in datasets} == {a["name"] for a in agencies}
    assert len({d["name"] for d in datasets}) == len(datasets)


def test_sample_rows_are_deterministic_and_typed():
    rows = sample_rows("hrb-scjg-enterprise-registration", ["uscc", "capital", "district"], 50)
    assert rows == sample_rows("hrb-scjg-enterprise-registration", ["uscc", "capital", "district"], 50)
    assert all(_gb32100_valid(code) and code.startswith("9123") for code, _, _ in rows)
    assert all(isinstance(capital, float) for _, capital, _ in rows)


def test_observed_period_is_the_first_and_last_observed_day():
    rows = [["2024-03-01", "2030-01-01"], ["2023-11-30", "2029-05-05"]]
    assert observed_period(["date", "future_date"], rows) == {"temporal_start": "2023-11-30",
                                                              "temporal_end": "2024-03-01"}
    assert observed_period(["future_date", "company"], rows) == {}  # due dates say no period


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
@pytest.mark.ckan_config("ckanext.harbin_opendata.review.reviewers", "centre_reviewer hrb-dsjzx-reviewer")
def test_load_demo_creates_everything_once(app):
    assert load_demo(report=lambda line: None) == (9, 36)
    # portal.ini names the centre's reviewer: it reviews without administering the portal
    assert model.User.get("hrb-dsjzx-reviewer").sysadmin is False
    assert model.User.get("hrb-dsjzx-auditor").sysadmin is False  # reads the audit log (portal.ini)
    assert load_demo(report=lambda line: None) == (0, 0)

    result = tk.get_action("package_search")({}, {"q": "空气质量", "rows": 5})
    assert [d["name"] for d in result["results"]] == ["hrb-sthjj-air-quality-daily"]
    # Reviewed as on a real platform: most published, some awaiting review, returned or drafts.
    assert tk.get_action("package_search")({}, {"rows": 0})["count"] == 27
    by_org = tk.get_action("package_search")({}, {"fq": "organization:hrb-qxj", "rows": 0})
    assert by_org["count"] == 3
    reviewer = {"user": "hrb-dsjzx-reviewer"}
    for state, count in [("published", 27), ("submitted", 3), ("returned", 3), ("draft", 3)]:
        assert tk.get_action("harbin_review_list")(reviewer, {"state": state})["count"] == count
    # The food licences' weekly file renamed a column after publication: the platform's check of the
    # data against the catalog opened a correction request to the agency, due in working days.
    [drift] = tk.get_action("harbin_feedback_list")(reviewer, {"dataset": "hrb-scjg-food-license"})["results"]
    assert (drift["origin"], drift["kind"], drift["state"]) == ("data_check", "correction", "submitted")
    assert drift["details"] == [{"kind": "missing", "name": "所属区县"}, {"kind": "extra", "name": "经营场所区县"}]
    cases = tk.get_action("harbin_showcase_list")({}, {"dataset": "hrb-sthjj-air-quality-daily"})
    assert [c["title"] for c in cases] == ["哈尔滨空气质量随手查"] and len(tk.get_action("harbin_showcase_list")({}, {})) == 3

    dataset = tk.get_action("package_show")({}, {"id": "hrb-sthjj-air-quality-daily"})
    resource = dataset["resources"][0]
    assert resource["url_type"] == "upload" and resource["format"] == "CSV"
    response = app.get(resource["url"].replace("http://test.ckan.net", ""))
    rows = list(csv.reader(io.StringIO(response.body.lstrip("\ufeff"))))
    assert rows[0] == ["监测日期", "监测站点", "空气质量指数", "PM2.5浓度", "PM10浓度"]
    assert len(rows) == 1 + 200

    # A clone serving this database without its storage folder: the file is uploaded again,
    # checked again, and downloads anonymously once more (a missing file would be a 404).
    os.remove(uploader.get_resource_uploader(resource).get_path(resource["id"]))
    assert load_demo(report=lambda line: None) == (0, 0)
    again = app.get(resource["url"].replace("http://test.ckan.net", ""))
    assert again.status_code == 200 and again.body.lstrip("\ufeff").splitlines()[0] == ",".join(rows[0])

    # An upgrade made the file's verdict not count and queued a check in the database only (no
    # job; the demo portal runs no scheduler): the loader runs it, and the file downloads again.
    model.Session.execute(sa.text(
        "INSERT INTO harbin_privacy_scan (id, package_id, resource_id, fingerprint, state, strict) "
        "SELECT gen_random_uuid()::text, package_id, resource_id, fingerprint, 'queued', false "
        "FROM harbin_privacy_scan WHERE resource_id = :r ORDER BY created_at DESC LIMIT 1"), {"r": resource["id"]})
    model.repo.commit()
    assert app.get(resource["url"].replace("http://test.ckan.net", "")).status_code != 200  # held meanwhile
    assert load_demo(report=lambda line: None) == (0, 0)
    assert app.get(resource["url"].replace("http://test.ckan.net", "")).status_code == 200

    # Page views recorded once, so that the home page's most viewed box has entries.
    html = app.get("/").body
    box = html[html.index('id="harbin-most-viewed"'):]
    box = box[:box.index("</section>")]
    assert box.count("<li>") == 6 and "48 次浏览" in box and "尚未统计到访问量" not in box


_CONDITIONAL = {"hrb-zrzyj-geological-hazards", "hrb-scjg-special-equipment"}


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_a_citizen_can_apply_for_the_demo_conditional_entries(app):
    load_demo(report=lambda line: None, only=_CONDITIONAL)
    assert {d["name"] for d in demo_datasets() if d.get("open_type") == "conditional"} == _CONDITIONAL
    citizen = logged_in_client(app, factories.User(name="demo_citizen")["name"])
    for name in _CONDITIONAL:
        agreement = tk.get_action("harbin_access_agreement_show")({}, {"id": name})
        assert agreement["version"] == 1 and "不得向任何第三方提供" in agreement["text"]
        assert model.Package.get(name).title in agreement["text"]
        form = citizen.get(f"/dataset/{name}/apply").body
        assert 'name="purpose"' in form and "提供单位尚未发布" not in form
    load_demo(report=lambda line: None, only=_CONDITIONAL)  # loaded again: no second version
    assert tk.get_action("harbin_access_agreement_show")({}, {"id": name})["version"] == 1
