"""A citizen in a real browser: searches in Chinese, narrows by a facet, opens an entry, looks at
the table preview, downloads the file and reports an error in it."""
from __future__ import annotations

import re

import ckan.model as model
from ckan.tests import factories

from ckanext.harbin_opendata.feedback.model import FeedbackRequest
from ckanext.harbin_opendata.tests.privacy.jobs import run_scans

from ..factories import Agency, CatalogEntry
from ..privacy.conftest import upload

AIR_CSV = "监测日期,监测站点,空气质量指数\r\n2026-11-20,道里区站,56\r\n2026-11-20,南岗区站,61\r\n".encode("gbk")


def _portal():
    editor = factories.User(name="sthjj-editor")
    ecology = Agency(name="hrb-sthjj", title="哈尔滨市生态环境局",
                     users=[{"name": editor["name"], "capacity": "editor"}])
    weather = Agency(name="hrb-qxj", title="哈尔滨市气象局")
    air = CatalogEntry(owner_org=ecology["id"], name="hrb-air-quality", title="哈尔滨市空气质量日报",
                       data_domain="ecology_environment", notes="全市各国控监测站点每日空气质量指数。")
    CatalogEntry(owner_org=weather["id"], title="哈尔滨市空气质量气象条件预报", data_domain="meteorology")
    upload(air["id"], editor["name"], AIR_CSV, "air-quality.csv", "CSV")
    run_scans(air["id"])
    return air


def test_citizen_finds_previews_downloads_and_reports(visitor):
    _portal()
    citizen = visitor("citizen")
    page = citizen.page
    citizen.go("/")
    citizen.shot("home")
    page.fill("#field-main-search", "空气质量")
    page.press("#field-main-search", "Enter")
    page.wait_for_load_state("networkidle")
    assert "的2个数据集" in page.content()
    citizen.shot("search")

    page.locator(".secondary a", has_text="生态环境").first.click()
    page.wait_for_load_state("networkidle")
    assert "的1个数据集" in page.content() and "哈尔滨市空气质量日报" in page.content()
    citizen.shot("facet")

    page.click("a:has-text('哈尔滨市空气质量日报')")
    page.wait_for_selector("#harbin-access-title")
    assert "/api/3/action/package_show?id=hrb-air-quality" in page.content()
    citizen.shot("entry")

    page.click("a.heading:has-text('air-quality.csv')")
    # the DataStore's table comes first (tests/browser/test_data_preview.py); the file preview next to it
    page.click(".nav-tabs a:has-text('表格预览')")
    page.wait_for_selector(".harbin-preview table")
    assert re.search(r"<td>南岗区站</td>\s*<td>61</td>", page.content())
    citizen.shot("preview")
    page.get_by_role("link", name="显示更多").click()  # the fields CKAN lists by key, labelled in Chinese
    extra = page.locator(".additional-info, section.module table").last
    assert extra.get_by_role("rowheader", name="资源ID").is_visible()
    assert "Has views" not in page.content() and "Url type" not in page.content()
    citizen.shot("resource-information")

    with page.expect_download() as download:
        page.click("a.resource-url-analytics")
    assert download.value.path().read_bytes() == AIR_CSV

    citizen.go("/dataset/hrb-air-quality")
    page.click("text=我要纠错")
    page.wait_for_selector("form #title")
    page.fill("form #title", "南岗区站指数有误")
    page.fill("form #description", "11月20日南岗区站的空气质量指数应为65。")
    page.fill("form #location", "第3行 空气质量指数")
    page.fill("form #requester_contact", "13812345678")
    citizen.shot("correction-form")
    assert "南岗区站指数有误" in citizen.click_through("form button[type=submit]:has-text('提交')")
    citizen.shot("correction-status")
    # the citizen's (the factory's data items do not match the file: the platform opened its own too)
    [request] = model.Session.query(FeedbackRequest).filter(FeedbackRequest.origin.is_(None)).all()
    assert request.kind == "correction" and request.requester_contact == "13812345678"
    assert "13812345678" not in page.content()  # the requester's contact is never shown publicly
