"""Unpublished entries are invisible to the public, search, the API and DCAT; published ones are not."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk


def _found(user: str, q: str = "name:hrb-entry") -> bool:
    result = tk.get_action("package_search")({"user": user}, {"q": q, "include_private": True})
    return result["count"] == 1


def _act(action: str, user: str, entry_id: str, comment: str = "") -> dict:
    return tk.get_action(f"harbin_review_{action}")({"user": user}, {"id": entry_id, "comment": comment})


def test_only_published_entries_are_public(people, app):
    entry_id = people.entry["id"]
    for state_change in [None, ("submit", people.editor)]:
        if state_change:
            _act(state_change[0], state_change[1], entry_id)
        assert not _found("") and not _found(people.other_editor)
        assert _found(people.editor) and _found(people.reviewer) and _found(people.sysadmin)
        app.get("/dataset/hrb-entry", status=404)
        app.get("/api/3/action/package_show?id=hrb-entry", status=404)  # as for a missing entry
        assert entry_id not in app.get("/catalog.ttl").body

    _act("publish", people.reviewer, entry_id, "审核通过")
    assert _found("") and _found(people.other_editor)
    assert "哈尔滨市测试数据" in app.get("/dataset/hrb-entry").body
    assert entry_id in app.get("/catalog.ttl").body

    _act("withdraw", people.editor, entry_id, "职责调整")
    assert not _found("")
    app.get("/dataset/hrb-entry", status=404)


def test_editors_cannot_make_a_draft_public_themselves(people):
    # refused before anything is written (review/guard.py), not silently undone
    with pytest.raises(tk.NotAuthorized, match="Only a reviewer publishes an entry|只能由审核人员发布"):
        tk.get_action("package_patch")({"user": people.editor}, {"id": people.entry["id"], "private": False})
    assert tk.get_action("package_show")({"user": people.editor}, {"id": people.entry["id"]})["private"] is True
    assert not _found("")
