"""The entry's review history names the state before each action and the one after it, as the
audit log does: a reviewer's return reads 待审核 → 已退回, not 已退回 → 已退回 (walk F-R1)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.web import logged_in_client


def test_the_history_shows_each_actions_from_and_to_state(app, people):
    act = {"submit": people.editor, "return": people.reviewer, "publish": people.reviewer}
    for action in ("submit", "return", "submit", "publish"):
        tk.get_action(f"harbin_review_{action}")({"user": act[action]}, {"id": people.entry["id"], "comment": "缺少更新说明"})
    page = logged_in_client(app, people.editor).get("/dataset/hrb-entry/review").body
    assert "已退回（待审核 → 已退回）" in page and "已发布（待审核 → 已发布）" in page
    assert "提交审核（已退回 → 待审核）" in page and "已退回 → 已退回" not in page
    english = logged_in_client(app, people.editor).get("/en/dataset/hrb-entry/review").body
    assert "Returned (Awaiting review → Returned)" in english
