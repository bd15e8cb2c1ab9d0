"""A published entry shows its 发布日期 and 最近更新日期 (its last change when the agency gave none)."""
from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from ckanext.harbin_opendata.tests.factories import CatalogEntry


def _chinese(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_entry_without_dates_shows_its_last_change(app):
    entry = CatalogEntry()  # published through the review workflow, no dates given
    today = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    html = app.get(f"/dataset/{entry['name']}").body
    assert re.search(r"最近更新日期</th>\s*<td[^>]*>\s*" + _chinese(today), html)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_agency_publish_date_is_kept(app):
    entry = CatalogEntry(publish_date="2025-03-01", last_updated="2025-02-20")
    html = app.get(f"/dataset/{entry['name']}").body
    assert re.search(r"发布日期</th>\s*<td[^>]*>\s*2025年3月1日", html)
    assert re.search(r"最近更新日期</th>\s*<td[^>]*>\s*2025年2月20日", html)
