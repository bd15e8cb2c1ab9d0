"""The portal-wide audit log page for sysadmins: who may read it, its filters, paging, the CSV of the
filtered rows, and 400 for a filter that is not one."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.review import audit
from ckanext.harbin_opendata.tests.factories import CatalogEntry
from ckanext.harbin_opendata.tests.web import logged_in_client

TODAY = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()  # test.ini's ckan.display_timezone


@pytest.fixture
def logged(people):
    """The people, a citizen, and events: A's entry created, submitted by its editor, published by
    the reviewer; B's entry created; a member added to B by the sysadmin."""
    people.citizen = factories.User(name="citizen_zhang")["name"]
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": "hrb-entry"})
    tk.get_action("harbin_review_publish")({"user": people.reviewer}, {"id": "hrb-entry", "comment": "同意发布"})
    people.other_entry = CatalogEntry(owner_org=people.other["id"], published=False, name="hrb-entry-b")
    tk.get_action("organization_member_create")({"user": people.sysadmin}, {
        "id": people.other["id"], "username": people.citizen, "role": "editor"})
    return people


def _rows(body: str) -> list[str]:
    """The audit ids of the page's rows, in page order."""
    import re

    return re.findall(r'data-audit-id="(\d+)"', body)


def test_only_sysadmins_read_the_audit_log(app, logged):
    anonymous = app.get("/review/audit", follow_redirects=False)
    assert anonymous.status_code == 302 and "/user/login" in anonymous.headers["Location"]
    assert app.get("/review/audit.csv", follow_redirects=False).status_code == 302
    for name in (logged.citizen, logged.editor, logged.reviewer):
        client = logged_in_client(app, name)
        for address in ("/review/audit", "/review/audit.csv"):
            assert client.get(address).status_code == 403, (name, address)
        assert "/review/audit" not in client.get("/dataset/").body  # no link in their menu
    with pytest.raises(tk.NotAuthorized):
        tk.get_action("harbin_review_audit_list")({"user": logged.reviewer}, {})
    admin = logged_in_client(app, logged.sysadmin)
    page = admin.get("/review/audit").body
    assert "审计日志" in page and "同意发布" in page and "提交审核" in page
    assert 'href="/review/audit"' in admin.get("/dataset/").body  # in the sysadmin's menu
    english = admin.get("/en/review/audit").body
    assert "Audit log" in english and "Submitted for review" in english and "审计日志" not in english


def test_newest_first_and_filters(app, logged):
    admin = logged_in_client(app, logged.sysadmin)
    everything = _rows(admin.get("/review/audit").body)
    assert len(everything) >= 5 and everything == sorted(everything, key=int, reverse=True)

    def ids(**filters):
        result = tk.get_action("harbin_review_audit_list")({"user": logged.sysadmin}, filters)
        shown = _rows(admin.get("/review/audit", query_string=filters).body)
        assert shown == [str(event["id"]) for event in result["results"]]
        return result["results"]

    assert [e["event"] for e in ids(actor=logged.editor)] == ["submit"]
    assert [e["comment"] for e in ids(event="publish")] == ["同意发布"]
    of_b = ids(organization="hrb-agency-b")
    assert {e["event"] for e in of_b} == {"agency_created", "member_added", "created"}
    assert all(e["organization_id"] == logged.other["id"] for e in of_b)
    assert [e["event"] for e in ids(entry="hrb-entry", event="submit")] == ["submit"]
    assert {e["package_name"] for e in ids(entry=logged.entry["id"])} == {"hrb-entry"}
    today, tomorrow = TODAY.isoformat(), (TODAY + dt.timedelta(days=1)).isoformat()
    assert len(ids(start=today, end=today)) == len(everything)
    assert ids(start=tomorrow) == [] and ids(end=(TODAY - dt.timedelta(days=1)).isoformat()) == []
    assert "0 个事件" in admin.get("/review/audit", query_string={"start": tomorrow}).body


def test_pages_of_fifty(app, logged):
    for n in range(60):
        audit.record("updated", None, package_id=f"id-{n}", package_name=f"bulk-{n}", comment=f"第{n}次")
    model.repo.commit()
    admin = logged_in_client(app, logged.sysadmin)
    first, second = admin.get("/review/audit").body, admin.get("/review/audit?page=2").body
    assert len(_rows(first)) == 50 and "第59次" in first and "第9次" not in first
    assert "第9次" in second and "第0次" in second and "?page=2" in first
    assert set(_rows(first)).isdisjoint(_rows(second))


def test_csv_of_the_filtered_rows(app, logged):
    admin = logged_in_client(app, logged.sysadmin)
    response = admin.get("/review/audit.csv", query_string={"organization": "hrb-agency-b", "event": "member_added",
                                                            "actor": logged.sysadmin})
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv")
    assert 'filename="harbin-audit-log-' in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")  # opens in spreadsheet programs
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == audit.CSV_COLUMNS and len(rows) == 2
    row = dict(zip(rows[0], rows[1]))
    assert row["event"] == "member_added" and row["actor_name"] == logged.sysadmin
    assert row["organization_id"] == logged.other["id"]
    assert json.loads(row["details"]) == {"agency": "hrb-agency-b", "user": logged.citizen, "role": "editor"}
    published = list(csv.reader(io.StringIO(admin.get("/review/audit.csv?event=publish").get_data(as_text=True)[1:])))
    assert [r[3] for r in published[1:]] == ["publish"] and published[1][9] == "同意发布"


@pytest.mark.parametrize("query", ["start=2026-13-45", "end=yesterday", "event=no_such_event",
                                   "organization=no-such-agency", "start=2026-02-01&end=2026-01-01",
                                   "page=0", "page=abc"])
def test_bad_filters_are_400(app, logged, query):
    admin = logged_in_client(app, logged.sysadmin)
    assert admin.get(f"/review/audit?{query}").status_code == 400
    if not query.startswith("page"):
        assert admin.get(f"/review/audit.csv?{query}").status_code == 400


def test_bad_filter_message_in_the_readers_language(app, logged):
    admin = logged_in_client(app, logged.sysadmin)
    assert "未知的事件类型" in admin.get("/review/audit?event=nope").body
    english = admin.get("/en/review/audit?start=2026-02-01&end=2026-01-01").body
    assert "The end date must not be before the start date." in english


@pytest.mark.ckan_config("ckanext.harbin_opendata.review.auditors", "audit_wang")
def test_the_audit_administrator_reads_the_log_and_nothing_else(app, logged):
    """三员分立: the audit administrator named in review.auditors reads the log, its CSV and the
    action, and gets no other right (an unpublished entry, the review queue, editing)."""
    factories.User(name="audit_wang")
    auditor = logged_in_client(app, "audit_wang")
    page = auditor.get("/review/audit")
    assert page.status_code == 200 and "同意发布" in page.body
    assert 'href="/review/audit"' in auditor.get("/dataset/").body  # in the auditor's menu
    assert "同意发布" in auditor.get("/review/audit.csv").get_data(as_text=True)
    assert tk.get_action("harbin_review_audit_list")({"user": "audit_wang"}, {})["count"] >= 3
    assert auditor.get("/dataset/hrb-entry-b").status_code in (403, 404)  # unpublished: not for them
    assert auditor.get("/review").status_code == 403  # the review queue
    with pytest.raises(tk.NotAuthorized):
        tk.get_action("package_patch")({"user": "audit_wang"}, {"id": "hrb-entry", "notes": "审计员改写"})
    refused = logged_in_client(app, logged.reviewer).get("/review/audit")
    assert refused.status_code == 403 and "审计管理员" in refused.body
