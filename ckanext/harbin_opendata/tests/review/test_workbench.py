"""The header's workbench: each role's links to its daily pages, and the real count of unread
review notifications."""
from __future__ import annotations

import re

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.web import logged_in_client

WORK_PAGES = ["/review", "/feedback/inbox", "/assessment/problems"]


def _header(body: str) -> str:
    return body.split('class="account-masthead"', 1)[1].split("<header", 1)[0]


def _unread(body: str) -> int:
    return int(re.search(r'data-harbin-unread="(\d+)"', _header(body)).group(1))


def test_each_role_sees_its_work_pages(app, people):
    for user, linked in ((people.editor, True), (people.reviewer, True), (people.sysadmin, True)):
        header = _header(logged_in_client(app, user).get("/dataset/").body)
        assert all((f'href="{page}"' in header) is linked for page in WORK_PAGES), user
        assert 'href="/review/notifications"' in header
    citizen = tk.get_action("user_create")({"ignore_auth": True}, {
        "name": "citizen", "email": "c@example.com", "password": "Harbin-Reader-2026"})
    header = _header(logged_in_client(app, citizen["name"]).get("/dataset/").body)
    assert not any(f'href="{page}"' in header for page in WORK_PAGES)
    assert 'href="/review/notifications"' in header


def test_the_counter_shows_unread_notifications(app, people):
    reviewer = logged_in_client(app, people.reviewer)
    assert _unread(reviewer.get("/dataset/").body) == 0
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": "hrb-entry"})
    assert _unread(reviewer.get("/dataset/").body) == 1
    reviewer.get("/review/notifications")  # read
    assert _unread(reviewer.get("/dataset/").body) == 0
