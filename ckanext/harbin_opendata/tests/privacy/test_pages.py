"""The personal-data pages, used as a browser does: findings for the agency and reviewers only,
scanning again, masking with per-column rules, and a reviewer's exemption."""
from __future__ import annotations

import re

import pytest

import ckan.model as model

from .jobs import run_scans
from ckanext.harbin_opendata.privacy.model import Exemption, Scan, Withheld

from ..web import csrf_token, logged_in_client
from .conftest import REVIEWER, csv_bytes, upload
from .corpus_stacked import too_many_stacked_csv


@pytest.fixture
def scanned(people, storage):
    resource = upload(people.entry["id"], people.editor, csv_bytes(400), "低保名单.csv", "CSV")
    run_scans(people.entry["id"])
    return resource


def _page(client, entry, suffix="", **kwargs):
    return client.get(f"/dataset/{entry['name']}/privacy{suffix}", **kwargs)


def test_agency_sees_findings_in_chinese(app, people, scanned):
    client = logged_in_client(app, people.editor)
    page = _page(client, people.entry).body
    assert "个人信息检测" in page and "低保名单.csv" in page
    assert "身份证号码" in page and "********" in page and "400" in page
    assert "该目录暂不能发布" in page
    assert "个人信息" in client.get(f"/dataset/{people.entry['name']}").body  # the button on the entry


def test_english_page(app, people, scanned):
    client = logged_in_client(app, people.editor)
    page = client.get(f"/en/dataset/{people.entry['name']}/privacy").body
    assert "Personal data checks" in page and "resident ID number" in page


@pytest.mark.parametrize("who,status", [("anonymous", 302), ("other_editor", 404)])  # 302: to log in; 404: unpublished
def test_outsiders_are_refused(app, people, scanned, who, status):
    client = app.test_client() if who == "anonymous" else logged_in_client(app, people.other_editor)
    assert _page(client, people.entry, follow_redirects=False).status_code == status
    assert "个人信息" not in client.get(f"/dataset/{people.entry['name']}").body


def test_scan_again_needs_a_csrf_token(app, people, scanned):
    client = logged_in_client(app, people.editor)
    assert client.post(f"/dataset/{people.entry['name']}/privacy/scan", data={}).status_code == 400
    token = csrf_token(_page(client, people.entry).body)
    client.post(f"/dataset/{people.entry['name']}/privacy/scan", data={"_csrf_token": token})
    assert model.Session.query(Scan).filter(Scan.state == "queued").count() == 1


def test_mask_form_applies_the_chosen_rules(app, people, scanned):
    client = logged_in_client(app, people.editor)
    form_page = _page(client, people.entry, f"/mask/{scanned['id']}").body
    assert "发布脱敏副本" in form_page and "不输出该列" in form_page
    status = model.Session.query(Scan).one()
    keys = {column["header"]: f":{column['column']}" for column in status.personal_columns}
    data = {f"rule-{key}": "mask" for key in keys.values()} | {f"rule-{keys['备注']}": "keep",
                                                               "_csrf_token": csrf_token(form_page)}
    # Masking runs on the worker; run the queued job here as the worker would.
    from ckan.lib import jobs as ckan_jobs

    response = client.post(f"/dataset/{people.entry['name']}/privacy/mask/{scanned['id']}", data=data)
    assert "脱敏处理已开始" in response.body  # flashed on the status page it redirects to
    ckan_jobs.Worker(["harbin_opendata:privacy"]).work(burst=True)
    model.Session.expire_all()
    withheld = model.Session.query(Withheld).one()
    assert withheld.rules[keys["备注"]] == "keep" and withheld.rules[keys["身份证号"]] == "mask"


def test_reviewer_grants_an_exemption_with_a_reason(app, people, scanned):
    from ckan.plugins import toolkit as tk

    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": people.entry["id"]})
    client = logged_in_client(app, REVIEWER)
    blocked = client.get(f"/dataset/{people.entry['name']}/review").body
    publish = re.compile(r"<button([^>]*)>\s*发布\s*</button>")
    assert "发布受阻" in blocked and "disabled" in publish.search(blocked).group(1)  # no "public at once" dialog
    assert "请先解决上述问题" in blocked
    page = _page(client, people.entry).body
    assert "批准豁免" in page
    scan = model.Session.query(Scan).one()
    client.post(f"/dataset/{people.entry['name']}/privacy/exempt/{scan.id}",
                data={"reason": "公开的是单位办公电话。", "_csrf_token": csrf_token(page)})
    assert model.Session.query(Exemption).one().reason == "公开的是单位办公电话。"
    review_page = client.get(f"/dataset/{people.entry['name']}/review").body
    assert "发布受阻" not in review_page and "disabled" not in publish.search(review_page).group(1)


@pytest.mark.usefixtures("storage")
def test_a_sheet_of_too_many_stacked_tables_is_flagged_on_the_confirmation_form(app, people):
    """More than stacked.MAX_TABLES tables in one sheet are read as one table: the form that asks for
    the header row says so (a person confirming it must know later tables are judged under it)."""
    upload(people.entry["id"], people.editor, too_many_stacked_csv(51), "多表.csv", "CSV")
    upload(people.entry["id"], people.editor, too_many_stacked_csv(3), "三表.csv", "CSV")
    run_scans(people.entry["id"])
    page = _page(logged_in_client(app, people.editor), people.entry).body
    assert page.count("上下堆叠的表格超过 50 个") == 1 and "确认表头行" in page
