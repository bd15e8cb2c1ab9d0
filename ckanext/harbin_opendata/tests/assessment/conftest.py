"""A constructed portal whose assessment is known: three agencies, entries with chosen defects,
feedback, catalog adjustments, usage, and a real HTTP server for the link check."""
from __future__ import annotations

import datetime as dt
import http.server
import threading
import time
from types import SimpleNamespace
from typing import Any, Iterator

import pytest
import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry

TODAY = dt.date.today()
REVIEWER = "centre_reviewer"  # named in test.ini's ckanext.harbin_opendata.review.reviewers


class _Handler(http.server.BaseHTTPRequestHandler):
    """/ok… answers 200, /slow… after 3 seconds, everything else 404."""

    def _answer(self) -> None:
        if self.path.startswith("/slow"):
            time.sleep(3)
        self.send_response(200 if self.path.startswith(("/ok", "/slow")) else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def http_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _iso(days_ago: int) -> str:
    return (TODAY - dt.timedelta(days=days_ago)).isoformat()


FULL_FIELDS = {
    "title_en": "Complete entry", "last_updated": _iso(10), "publish_date": _iso(100),
    "spatial_coverage": "哈尔滨市", "temporal_start": "2020-01-01", "temporal_end": "2025-12-31",
    "contact_name": "数据科", "contact_phone": "0451-86300000", "contact_email": "data@harbin.gov.cn",
    "license_id": "cc-by", "tags": [{"name": "企业"}],
    "data_items": [{"name": "名称", "type": "string", "description": "企业名称"},
                   {"name": "日期", "type": "date", "description": "登记日期"}],
}


REFUSAL = "申请用途与所申请的数据无关"


def _applications(agency_id: str, entry_id: str, user_id: str, now: dt.datetime) -> None:
    """Three applications for A's 有条件开放 entry: approved on time after 6 days, refused late after
    18 days (with a reason), and one pending past its due date. Its use: 3 downloads and 1 data call
    in the access log (and one refused download, not counted), and 50 downloads on the inflatable
    counters (not counted for a conditional entry)."""
    from ckanext.harbin_opendata.access.model import AccessLog, Application
    from ckanext.harbin_opendata.assessment.model import Usage

    for table in (Application, AccessLog, Usage):  # clean_db knows CKAN's tables only
        model.Session.execute(sa.delete(table))
    model.Session.add(Usage(day=TODAY, kind="download", ref=entry_id, count=50))
    for kind, status in (("download", 200), ("download", 200), ("download", 200), ("download", 403),
                         ("package_show", 200)):
        model.Session.add(AccessLog(at=now, user_id=user_id, kind=kind, package_id=entry_id,
                                    organization_id=agency_id, status=status, bytes=10))
    form = {"package_id": entry_id, "organization_id": agency_id, "user_id": user_id, "purpose": "科研",
            "scenario": "风险研究", "applicant_organization": "某研究院", "credit_code": "91230100MA1B2C3D4E",
            "contact": "张三", "wanted_until": TODAY + dt.timedelta(days=90), "agreement_version": 1}
    for name, state, filed, due, decided, reason in (
            ("on-time", "approved", 10, 3, 4, None), ("late", "rejected", 20, 12, 2, REFUSAL),
            ("overdue", "pending", 15, 1, None, None)):
        model.Session.add(Application(
            id=f"application-{name}", state=state, created_at=now - dt.timedelta(days=filed),
            due_date=TODAY - dt.timedelta(days=due), reason=reason,
            decided_at=now - dt.timedelta(days=decided) if decided else None, **form))


@pytest.fixture
def portal(with_plugins, clean_db, clean_index, clean_redis, http_server):
    """Agency A: a complete, timely entry (two files: a CSV that answers, a PDF that does not) and a
    bare, late entry without files; two catalog adjustments (one done, one overdue); usage.
    Agency B: an irregular entry, a draft (not assessed) and two correction requests (one answered
    late after 16.5 days, one overdue). A's conditional entry: three access applications
    (_applications). Agency C: nothing."""
    sysadmin = factories.Sysadmin(name="site_admin")["name"]
    editor = factories.User(name="a_editor")["name"]
    b_editor = factories.User(name="b_editor")["name"]
    reviewer = factories.User(name=REVIEWER)["name"]
    a = Agency(name="hrb-a", title="哈尔滨市甲局", users=[{"name": editor, "capacity": "editor"}])
    b = Agency(name="hrb-b", title="哈尔滨市乙局", users=[{"name": b_editor, "capacity": "editor"}])
    c = Agency(name="hrb-c", title="哈尔滨市丙局")
    complete = CatalogEntry(owner_org=a["id"], name="a-complete", resources=[
        {"url": f"{http_server}/ok.csv", "format": "CSV", "name": "数据"},
        {"url": f"{http_server}/gone.pdf", "format": "PDF", "name": "说明"}], **FULL_FIELDS)
    bare = CatalogEntry(owner_org=a["id"], name="a-bare", update_frequency="weekly", last_updated=_iso(30),
                        open_type="conditional", open_conditions="须申请",
                        data_items=[{"name": "x", "type": "string"}])
    irregular = CatalogEntry(owner_org=b["id"], name="b-irregular", update_frequency="irregular",
                             resources=[{"url": f"{http_server}/ok.json", "format": "JSON"}])
    CatalogEntry(owner_org=b["id"], name="b-draft", published=False)

    context = {"user": sysadmin}
    done = tk.get_action("harbin_review_adjustment_create")(dict(context), {
        "organization": a["id"], "trigger_kind": "law", "description": "新规", "trigger_date": _iso(3)})
    tk.get_action("harbin_review_adjustment_complete")(dict(context), {"id": done["id"]})
    tk.get_action("harbin_review_adjustment_create")(dict(context), {
        "organization": a["id"], "trigger_kind": "duty", "description": "职责调整", "trigger_date": _iso(20)})

    now = dt.datetime.now(dt.timezone.utc)
    late = tk.get_action("harbin_feedback_create")({"user": ""}, {
        "kind": "correction", "dataset": "b-irregular", "title": "有误", "description": "第2行有误",
        "requester_contact": "13945678901"})
    tk.get_action("harbin_feedback_resolve")({"user": b_editor}, {"id": late["id"], "comment": "已更正"})
    overdue = tk.get_action("harbin_feedback_create")({"user": ""}, {
        "kind": "correction", "dataset": "b-irregular", "title": "缺数据", "description": "缺少2024年",
        "requester_contact": "13945678902"})
    model.Session.execute(sa.text(
        "UPDATE harbin_feedback_request SET created_at = :created, closed_at = :closed, due_date = :due WHERE id = :id"),
        {"id": late["id"], "created": now - dt.timedelta(days=20), "closed": now - dt.timedelta(days=3.5),
         "due": TODAY - dt.timedelta(days=10)})
    model.Session.execute(sa.text("UPDATE harbin_feedback_request SET due_date = :due WHERE id = :id"),
                          {"id": overdue["id"], "due": TODAY - dt.timedelta(days=1)})
    _applications(a["id"], bare["id"], factories.User(name="applicant")["id"], now)
    # CKAN's clean_db leaves the tracking tables alone (their model is imported only with the plugin).
    model.Session.execute(sa.text("TRUNCATE tracking_summary, tracking_raw"))
    # Usage as `ckan tracking update` leaves it: 30 page views and 10 downloads of the complete entry.
    model.Session.execute(sa.text(
        "INSERT INTO tracking_summary (url, package_id, tracking_type, count, running_total, recent_views, "
        "tracking_date) VALUES (:page, :id, 'page', 30, 30, 30, :day), (:file, NULL, 'resource', 10, 10, 10, :day),"
        " (:old, :id, 'page', 500, 500, 0, :long_ago)"),
        {"page": "/dataset/a-complete", "id": complete["id"], "file": f"{http_server}/ok.csv", "day": TODAY,
         "old": "/dataset/a-complete?old", "long_ago": TODAY - dt.timedelta(days=400)})
    model.Session.commit()
    return SimpleNamespace(a=a, b=b, c=c, complete=complete, bare=bare, irregular=irregular, sysadmin=sysadmin,
                           editor=editor, b_editor=b_editor, reviewer=reviewer, server=http_server)
