"""The agency is told, on the entry's page and on its review (提交审核) page, which of its files the
check found personal data in and what to do, instead of only behind the 个人信息 button; the more
so when the entry says 不涉及个人信息，无需脱敏. Chinese and English; nobody else sees it."""
from __future__ import annotations

from ..web import logged_in_client
from .conftest import csv_bytes, upload
from .jobs import run_scans

_WARNING = 'id="harbin-privacy-findings"'


def _warning(page: str) -> str:
    assert _WARNING in page
    start = page.index(_WARNING)
    return page[start:page.index("</div>", start)]


def test_the_editor_is_warned_on_the_entry_and_review_pages(app, people, storage):
    upload(people.entry["id"], people.editor, csv_bytes(40), "低保名单.csv", "CSV")
    upload(people.entry["id"], people.editor, "街道,人数\r\n中央大街,1200\r\n".encode(), "汇总.csv", "CSV")
    run_scans(people.entry["id"])
    editor = logged_in_client(app, people.editor)
    name = people.entry["name"]
    for path in (f"/dataset/{name}", f"/dataset/{name}/review"):
        warning = _warning(editor.get(path).body)
        assert "低保名单.csv" in warning and "身份证号码" in warning and "汇总.csv" not in warning, warning
        assert "不涉及个人信息，无需脱敏" in warning and "脱敏副本" in warning and "豁免" in warning, warning
        english = _warning(editor.get("/en" + path).body)
        assert "低保名单.csv" in english and "masked copy" in english and "exemption" in english, english
    assert _WARNING not in logged_in_client(app, people.other_editor).get(f"/dataset/{name}").body


def test_no_warning_when_nothing_personal_was_found(app, people, storage):
    upload(people.entry["id"], people.editor, "街道,人数\r\n中央大街,1200\r\n".encode(), "汇总.csv", "CSV")
    run_scans(people.entry["id"])
    editor = logged_in_client(app, people.editor)
    assert _WARNING not in editor.get(f"/dataset/{people.entry['name']}").body
