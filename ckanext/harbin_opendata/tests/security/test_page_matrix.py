"""Page-level auth matrix: every GET address of the suite's blueprints (enumerated from the running
app) × anonymous, a citizen, another agency's editor, the owning agency's editor, the big-data
centre's reviewer and a sysadmin → the expected status. No page shows an unpublished entry or
case to those who may not see it. Outsiders asking about an unpublished entry get 404, as from
CKAN's own dataset pages: the answer must not tell them it exists."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest

import ckan.plugins.toolkit as tk

from .conftest import ROLES, SECRET_CASE, SECRET_TITLES, clients, our_rules

LOGGED_IN = set(ROLES) - {"anonymous"}
STAFF = {"other_editor", "editor", "admin", "reviewer", "sysadmin"}  # agencies' editors and the centre
OWNERS = {"editor", "admin", "reviewer", "sysadmin"}  # of agency A's entries
MANAGERS = {"reviewer", "sysadmin"}
YEAR = dt.date.today().year  # of the snapshot test_page_matrix computes
NOBODY = dict.fromkeys(ROLES, 404)


def _expect(allowed: set[str], **others: Any) -> dict[str, Any]:
    """200 for the allowed roles, the given status for named roles, for the rest: anonymous
    visitors are sent to log in, users who are logged in get 403."""
    return {role: 200 if role in allowed else others.get(role, "login" if role == "anonymous" else 403)
            for role in ROLES}


PUBLIC = _expect(set(ROLES))
UNPUBLISHED_ENTRY = _expect(OWNERS, citizen=404, other_editor=404)  # anonymous: log in first
PUBLISHED_ENTRY = _expect(OWNERS)
# A file of an entry one may not read: 404 for everyone outside, as for a missing entry (no log-in
# page telling an anonymous visitor that the entry exists: the existence oracle).
UNREADABLE_FILE = _expect(OWNERS, anonymous=404, citizen=404, other_editor=404)
# endpoint -> [(address, role -> status)]; a GET address of ours missing here fails the suite.
MATRIX: dict[str, list[tuple[str, dict[str, int]]]] = {
    "harbin_js_locale.translations_zh_Hans_CN": [("/api/i18n/zh_Hans-CN", PUBLIC)],
    "harbin_data_items.template": [("/data-items/template.xlsx", PUBLIC)],
    "harbin_data.api_guide": [("/api-guide", PUBLIC)],  # the header and the type list only
    # Anyone logged in may apply for a published entry; an unpublished one is not there to apply for.
    "harbin_access.apply": [("/dataset/{conditional}/apply", _expect(LOGGED_IN)),
                            ("/dataset/{pending}/apply", UNPUBLISHED_ENTRY)],
    "harbin_access.mine": [("/user/access/applications", _expect(LOGGED_IN))],
    # A verification link is opened logged in or not; a forged one is refused to everyone.
    "harbin_access_email.verify": [("/user/access/verify/forged-token", dict.fromkeys(ROLES, 400))],
    # Who applied, for what: the entry's agency and the reviewers.
    "harbin_access.agency": [("/dataset/{conditional}/applications", PUBLISHED_ENTRY),
                             ("/dataset/{pending}/applications", UNPUBLISHED_ENTRY)],
    # The personal centre's keys and log: one's own; an agency's access log: its editors and the centre.
    "harbin_access_centre.keys": [("/user/access/keys", _expect(LOGGED_IN))],
    "harbin_access_centre.my_log": [("/user/access/log", _expect(LOGGED_IN))],
    "harbin_access_centre.my_log_csv": [("/user/access/log.csv", _expect(LOGGED_IN))],
    "harbin_access_centre.agency_log": [("/organization/{agency}/access-log", _expect(OWNERS))],
    "harbin_access_centre.agency_log_csv": [("/organization/{agency}/access-log.csv", _expect(OWNERS))],
    # A table's rows in a format: nobody has rows of an unpublished entry's file that is not loaded.
    "harbin_data.download": [("/datastore/download/{resource}?format=csv", {role: 404 for role in ROLES})],
    # A stored file (CKAN's two download addresses, answered by stored_files.py): as its entry.
    "resource.download": [("/dataset/{pending}/resource/{resource}/download/名单.csv", UNREADABLE_FILE)],
    "dataset_resource.download": [("/dataset/{pending}/resource/{resource}/download", UNREADABLE_FILE)],
    "harvest_resource.download": [("/harvest/{pending}/resource/{resource}/download", UNREADABLE_FILE)],
    "harbin_assessment.dashboard": [("/assessment", PUBLIC)],
    "harbin_assessment.agency": [("/assessment/agency/{agency}", PUBLIC)],
    "harbin_assessment.export_scores": [("/assessment/export.csv", PUBLIC), ("/assessment/export.xlsx", PUBLIC)],
    # The annual report is published (第十八条), as the scores it is made of; a year without one is 404.
    "harbin_assessment.latest_report": [("/assessment/report", {role: 302 for role in ROLES}),
                                        ("/assessment/report?year=abc", dict.fromkeys(ROLES, 400))],
    "harbin_assessment.report": [(f"/assessment/report/{YEAR}", PUBLIC), ("/assessment/report/2001", NOBODY)],
    "harbin_assessment.report_file": [(f"/assessment/report/{YEAR}.docx", PUBLIC),
                                      (f"/assessment/report/{YEAR}.html", PUBLIC),
                                      ("/assessment/report/2001.docx", NOBODY)],
    "harbin_assessment.problems": [("/assessment/problems", _expect(STAFF)),
                                   ("/assessment/problems?organization={agency}", _expect(STAFF))],
    "harbin_assessment.export_problems": [("/assessment/problems/export.csv", _expect(STAFF)),
                                          ("/assessment/problems/export.xlsx", _expect(STAFF))],
    "harbin_privacy.status": [("/dataset/{pending}/privacy", UNPUBLISHED_ENTRY),
                              ("/dataset/{open}/privacy", PUBLISHED_ENTRY)],
    "harbin_privacy.mask": [("/dataset/{pending}/privacy/mask/{resource}", UNPUBLISHED_ENTRY)],
    "harbin_review.entry": [("/dataset/{pending}/review", UNPUBLISHED_ENTRY),
                            ("/dataset/{draft}/review", UNPUBLISHED_ENTRY),
                            ("/dataset/{open}/review", PUBLISHED_ENTRY)],
    "harbin_review.queue": [("/review", _expect(STAFF)), ("/review?state=draft", _expect(STAFF))],
    "harbin_review.adjustments": [("/review/adjustments", _expect(STAFF))],
    # The portal-wide audit log: the security administrators, who are sysadmins (等级保护 安全审计).
    "harbin_review.audit_log": [("/review/audit", _expect({"sysadmin"})),
                                ("/review/audit?organization={agency}&event=publish", _expect({"sysadmin"}))],
    "harbin_review.audit_csv": [("/review/audit.csv", _expect({"sysadmin"})),
                                ("/review/audit.csv?organization={agency}", _expect({"sysadmin"}))],
    "harbin_review.notifications": [("/review/notifications", _expect(LOGGED_IN))],
    "harbin_feedback.index": [("/feedback", PUBLIC)],
    "harbin_feedback.new": [("/feedback/new", PUBLIC), ("/feedback/new?kind=correction&dataset={pending}",
                                                     _expect(OWNERS, anonymous=404, citizen=404, other_editor=404))],
    "harbin_feedback.read": [("/feedback/{request}", PUBLIC)],
    "harbin_feedback.inbox": [("/feedback/inbox", _expect(LOGGED_IN))],
    "harbin_feedback.mine": [("/feedback/mine", _expect(LOGGED_IN))],
    "harbin_showcase.index": [("/showcase/", PUBLIC)],
    "harbin_showcase.index_without_slash": [("/showcase", PUBLIC)],
    "harbin_showcase.read": [("/showcase/{case}", PUBLIC),
                             ("/showcase/{hidden_case}", _expect(MANAGERS, **{r: 404 for r in ROLES}))],
    "harbin_showcase.new": [("/showcase/new", _expect(MANAGERS))],
    "harbin_showcase.edit": [("/showcase/{case}/edit", _expect(MANAGERS)),
                             ("/showcase/{hidden_case}/edit", _expect(MANAGERS))],
}


def test_every_get_rule_has_a_matrix(app, with_plugins, capsys):
    endpoints = {rule.endpoint for rule in our_rules(app.flask_app, "GET")}
    missing, stale = sorted(endpoints - set(MATRIX)), sorted(set(MATRIX) - endpoints)
    with capsys.disabled():
        print(f"\n[security] pages: {len(endpoints)} GET rules of ours enumerated, {len(missing)} without a matrix")
    assert endpoints, "no GET rule of ours found: plugins not loaded?"
    assert not missing, f"pages without an auth matrix: add them to MATRIX: {missing}"
    assert not stale, f"MATRIX rows for pages that no longer exist: {stale}"


def _text(body: bytes) -> str:
    if body.startswith(b"PK"):  # a workbook: its strings
        with zipfile.ZipFile(io.BytesIO(body)) as book:
            return " ".join(book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xml"))
    return body.decode("utf-8", errors="replace")


def _leaks(body: str, role: str) -> list[str]:
    secrets = [] if role in OWNERS else list(SECRET_TITLES.values())
    return [secret for secret in secrets + ([] if role in MANAGERS else [SECRET_CASE]) if secret in body]


def _status(response: Any) -> Any:
    if response.status_code in (301, 302, 303) and "/user/login" in response.headers.get("Location", ""):
        return "login"
    return response.status_code


def test_page_matrix(app, world, capsys):
    """One portal for every page (reading changes nothing), each page asked by each role."""
    tk.get_action("harbin_assessment_compute")({"user": world.sysadmin}, {})  # the scores pages need a snapshot
    browsers = clients(app, world)
    # The leak check can see a title: the agency's editor reads its pending entry's review page.
    assert SECRET_TITLES["pending"] in browsers["editor"].get(f"/dataset/{world.pending}/review").body
    tried, wrong = 0, []
    for endpoint in sorted(MATRIX):
        for address, expected in MATRIX[endpoint]:
            url = address.format(**vars(world))
            for role in ROLES:
                response = browsers[role].get(url, follow_redirects=False)
                tried += 1
                status = _status(response)
                if status != expected[role]:
                    wrong.append(f"{url} as {role}: {status}, expected {expected[role]}")
                leaked = _leaks(_text(response.get_data()), role)
                if leaked:
                    wrong.append(f"{url} as {role} shows {leaked}")
    with capsys.disabled():
        print(f"\n[security] pages: {len(MATRIX)} rules, {tried} cases, {len(wrong)} failures")
    assert not wrong, "\n".join(wrong)
