"""The review pages in Chinese and English, used as a browser would, with CSRF."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.web import csrf_token as _csrf
from ckanext.harbin_opendata.tests.web import logged_in_client, revision_in


@pytest.fixture
def login(app, people):
    return lambda name: logged_in_client(app, name)


def test_editor_submits_from_the_entry_page(people, login):
    editor = login(people.editor)
    page = editor.get("/dataset/hrb-entry/review").body
    assert "提交审核" in page and "草稿" in page
    assert "/dataset/hrb-entry/review/submit" in page and "/dataset/hrb-entry/review/publish" not in page
    editor.post("/dataset/hrb-entry/review/submit", data={"_csrf_token": _csrf(page), "comment": "请审核"})
    history = tk.get_action("harbin_review_history")({"user": people.editor}, {"id": "hrb-entry"})
    assert history["entry"]["state"] == "submitted"
    assert "待审核" in editor.get("/dataset/hrb-entry").body  # the state badge on the entry page


def test_reviewer_queue_and_publication(people, login):
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": "hrb-entry"})
    reviewer = login(people.reviewer)
    queue = reviewer.get("/review").body
    assert "目录审核" in queue and people.entry["title"] in queue
    assert "Catalog review" in reviewer.get("/en/review").body
    page = reviewer.get("/dataset/hrb-entry/review").body
    assert "发布" in page and "退回" in page
    reviewer.post("/dataset/hrb-entry/review/publish", data={"_csrf_token": _csrf(page), "comment": "通过",
                                                            "revision": revision_in(page)})
    assert tk.get_action("package_show")({}, {"id": "hrb-entry"})["private"] is False
    notifications = login(people.editor).get("/review/notifications").body
    assert "已发布" in notifications and "通过" in notifications


def test_returning_without_reasons_is_refused_with_a_message(people, login):
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": "hrb-entry"})
    reviewer = login(people.reviewer)
    page = reviewer.get("/en/dataset/hrb-entry/review").body
    result = reviewer.post("/en/dataset/hrb-entry/review/return", data={
        "_csrf_token": _csrf(page), "comment": "", "revision": revision_in(page)}).body
    assert "Give the reasons for returning the entry." in result


def test_post_without_csrf_token_changes_nothing(people, login):
    editor = login(people.editor)
    response = editor.post("/dataset/hrb-entry/review/submit", data={"comment": "x"})
    assert response.status_code in (400, 403)
    assert tk.get_action("harbin_review_history")({"user": people.editor}, {"id": "hrb-entry"})["entry"]["state"] == "draft"


def test_outsiders_are_kept_out(people, app, login):
    app.get("/review", follow_redirects=False, status=302)  # to log in
    app.get("/dataset/hrb-entry/review", follow_redirects=False, status=302)
    other = login(people.other_editor)
    assert other.get("/dataset/hrb-entry/review").status_code == 404  # unpublished: not even confirmed
    page = other.get("/review").body  # their own (empty) list
    assert people.entry["title"] not in page


def test_adjustment_form(people, login):
    editor = login(people.editor)
    page = editor.get("/review/adjustments").body
    assert "目录调整" in page and "15" in page
    bad = editor.post("/review/adjustments", data={"_csrf_token": _csrf(page), "organization": people.agency["name"],
                                                  "trigger_kind": "law", "description": "", "trigger_date": "2026-11-01"}).body
    assert "缺少此项" in bad  # CKAN's "Missing value", in our Chinese (core_strings.py)
    editor.post("/review/adjustments", data={"_csrf_token": _csrf(page), "organization": people.agency["name"],
                                            "trigger_kind": "law", "description": "《数据条例》施行",
                                            "trigger_date": "2026-11-01"})
    listed = editor.get("/review/adjustments").body
    assert "《数据条例》施行" in listed and "2026年11月16日" in listed


def test_a_returned_entry_shows_its_agency_why_on_the_entry_page(people, login):
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": "hrb-entry"})
    tk.get_action("harbin_review_return")({"user": people.reviewer}, {"id": "hrb-entry", "comment": "数据摘要过于简略"})
    page = login(people.editor).get("/dataset/hrb-entry").body
    reviewer = tk.get_action("user_show")({"ignore_auth": True}, {"id": people.reviewer})["display_name"]
    assert "审核退回" in page and "数据摘要过于简略" in page and reviewer in page  # why and who
    assert 'href="/dataset/hrb-entry/review#comment-submit"' in page  # where to resubmit
    english = login(people.editor).get("/en/dataset/hrb-entry").body
    assert "Returned by the reviewer" in english and "Resubmit for review" in english
    other = login(people.other_editor).get("/dataset/hrb-entry")
    assert other.status_code in (403, 404) and "数据摘要过于简略" not in other.body
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": "hrb-entry"})
    assert "数据摘要过于简略" not in login(people.editor).get("/dataset/hrb-entry").body  # only while returned


def test_a_resubmitted_entry_shows_what_changed_since_it_was_returned(people, login):
    """Walk finding F-R3: a reviewer reading a resubmitted entry had to work out from the history
    table what the agency changed after the return. The page now says it first; the queue says
    how long each entry has waited."""
    reviewer = login(people.reviewer)
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": "hrb-entry"})
    first = reviewer.get("/dataset/hrb-entry/review").body
    assert "自上次审核以来的变化" in first and "首次审核：此目录尚无审核结果。" in first
    tk.get_action("harbin_review_return")({"user": people.reviewer}, {
        "id": "hrb-entry", "comment": "请补充数据摘要", "revision": revision_in(first)})
    tk.get_action("package_patch")({"user": people.editor}, {"id": "hrb-entry", "notes": "补充后的数据摘要"})
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": "hrb-entry"})
    again = reviewer.get("/dataset/hrb-entry/review").body
    assert "上次审核结果：" in again and "退回" in again.split("上次审核结果：")[1][:80]
    changed = again.split("此后修改的内容：")[1].split("</p>")[0]
    assert "<strong>数据摘要</strong>" in changed and "标题" not in changed
    english = reviewer.get("/en/dataset/hrb-entry/review").body
    assert "Changes since the last review" in english and "Changed since then:" in english
    queue = reviewer.get("/review").body
    assert '<div class="small text-muted">' in queue.split(people.entry["title"])[1].split("</tr>")[0]  # waited
