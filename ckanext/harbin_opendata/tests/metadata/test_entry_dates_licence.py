"""A published entry shows its 发布日期 and 最近更新日期; no entry is saved through the form or the
API, submitted or published with "License not specified"."""
from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry
from ckanext.harbin_opendata.tests.web import logged_in_client


def _chinese(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_published_entry_shows_publish_and_update_dates(app):
    entry = CatalogEntry()  # published through the review workflow, no dates given
    today = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    assert tk.get_action("package_show")({"ignore_auth": True}, {"id": entry["id"]})["publish_date"] == today.isoformat()
    html = app.get(f"/dataset/{entry['name']}").body
    assert re.search(r"发布日期</th>\s*<td[^>]*>\s*" + _chinese(today), html)
    assert re.search(r"最近更新日期</th>\s*<td[^>]*>\s*" + _chinese(today), html)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_agency_publish_date_is_kept(app):
    entry = CatalogEntry(publish_date="2025-03-01", last_updated="2025-02-20")
    html = app.get(f"/dataset/{entry['name']}").body
    assert re.search(r"发布日期</th>\s*<td[^>]*>\s*2025年3月1日", html)
    assert re.search(r"最近更新日期</th>\s*<td[^>]*>\s*2025年2月20日", html)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_licence_not_specified_is_refused_with_a_message(app):
    with pytest.raises(tk.ValidationError) as refused:
        CatalogEntry(license_id="notspecified")
    assert "License not specified" in refused.value.error_dict["license_id"][0]
    sysadmin = factories.SysadminWithToken(password="Harbin-Catalog-2026")
    entry = CatalogEntry(license_id="cc-by")  # a named licence is accepted
    response = app.post("/api/action/package_patch", json={"id": entry["id"], "license_id": "notspecified"},
                        headers={"Authorization": sysadmin["token"]}, status=409)
    assert "“未指定许可证”的数据目录不能发布" in response.json["error"]["license_id"][0]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_harvested_entry_without_licence_is_kept_but_not_submitted_or_published(app):
    """A harvest keeps its source's "License not specified" (the record is not lost); the entry is
    refused at submission and at publication until an editor chooses a licence."""
    sysadmin, reviewer = factories.Sysadmin()["name"], factories.Sysadmin()["name"]
    harvested = vars(CatalogEntry.stub(license_id="notspecified", owner_org=Agency()["id"]))
    entry = tk.get_action("package_create")({"user": sysadmin, "harbin_harvest_source": "legacy-portal"},
                                            {**harvested, "name": "harvested-entry"})
    assert entry["license_id"] == "notspecified" and entry["private"]  # an untrusted source: in review
    with pytest.raises(tk.ValidationError) as refused:
        tk.get_action("harbin_review_publish")({"user": reviewer}, {"id": entry["id"]})
    assert "License not specified" in refused.value.error_dict["license_id"][0]
    tk.get_action("harbin_review_return")({"user": reviewer}, {"id": entry["id"], "comment": "请补充许可协议"})
    with pytest.raises(tk.ValidationError) as refused:
        tk.get_action("harbin_review_submit")({"user": sysadmin}, {"id": entry["id"]})
    assert "License not specified" in refused.value.error_dict["license_id"][0]
    page = logged_in_client(app, reviewer).get("/dataset/harvested-entry/review").body
    assert "“未指定许可证”的数据目录不能发布" in page and "/dataset/edit/harvested-entry#field-license_id" in page
    tk.get_action("package_patch")({"user": sysadmin}, {"id": entry["id"], "license_id": "cc-by"})
    tk.get_action("harbin_review_submit")({"user": sysadmin}, {"id": entry["id"]})
    tk.get_action("harbin_review_publish")({"user": reviewer}, {"id": entry["id"]})
