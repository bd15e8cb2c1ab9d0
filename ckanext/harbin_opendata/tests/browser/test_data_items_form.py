"""An agency editor drafts an entry's data items (数据项) from the table uploaded to it, in the entry
form's compact table, and saves them: names from the header under the title rows of a GBK CSV,
types, examples, none for the ID, name and phone columns. Screenshots in Chinese and English, on a
desktop and a 390 px phone."""
from __future__ import annotations

import json

import ckan.model as model
from ckan.tests import factories

from ckanext.harbin_opendata.tests.privacy.conftest import upload
from ckanext.harbin_opendata.tests.privacy.jobs import run_scans

from ..factories import Agency, CatalogEntry
from ..metadata.item_files import ALLOWANCE_HEADER, PERSONAL_VALUES, allowance_csv
from ..web import PASSWORD
from .test_publishing import _with_password


def _names(page) -> list[str]:
    return page.eval_on_selector_all(".harbin-items-table tbody input[name$='-name']", "inputs => inputs.map(i => i.value)")


def test_editor_drafts_the_data_items_from_the_uploaded_file(visitor, ckan_config, monkeypatch, tmp_path):
    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(tmp_path))
    editor = _with_password(factories.User(name="dl-mz-editor")["name"])
    agency = Agency(name="hrb-dlmz", title="哈尔滨市道里区民政局", users=[{"name": editor, "capacity": "editor"}])
    entry = CatalogEntry(owner_org=agency["id"], published=False, name="dl-dibao-2025q1")
    upload(entry["id"], editor, allowance_csv(), "低保金发放名册.csv", "CSV")
    run_scans(entry["id"])  # examples come only from a file whose personal-data check is finished

    clerk = visitor("editor")
    page = clerk.page
    clerk.log_in(editor, PASSWORD)
    clerk.go(f"/dataset/edit/{entry['name']}")
    assert _names(page) == ["企业名称"]  # the item entered earlier; no blank rows with the script
    clerk.shot("form-before")
    page.click("[data-items-draft]")  # 从文件生成数据项: the file uploaded to the entry
    page.wait_for_selector(".harbin-items-status.text-success")
    assert _names(page) == ["企业名称", *ALLOWANCE_HEADER]
    status = page.inner_text(".harbin-items-status")
    assert "身份证号码" in status and "低保金发放名册.csv" in status
    row = page.locator(".harbin-items-table tbody tr").nth(1 + ALLOWANCE_HEADER.index("身份证号码"))
    assert row.locator("input[name$='-example']").input_value() == ""
    street = page.locator(".harbin-items-table tbody tr").nth(1 + ALLOWANCE_HEADER.index("所属街道"))
    assert street.locator("input[name$='-example']").input_value() == "兆麟街道"
    clerk.shot("form-drafted")
    page.locator(".harbin-items-table tbody tr").nth(0).locator("[data-item-action=remove]").click()
    page.locator(".harbin-items-table tbody tr").nth(1).locator("[data-item-action=up]").click()  # 户主姓名 first
    assert _names(page)[:2] == ["户主姓名", "序号"]
    html = clerk.click_through("button[name=save]")
    clerk.shot("saved")

    model.Session.expire_all()  # saved by the server thread
    saved = json.loads(model.Package.get(entry["id"]).extras["data_items"])
    assert [item["name"] for item in saved] == ["户主姓名", "序号", *ALLOWANCE_HEADER[2:]]
    assert {item["name"]: item["type"] for item in saved}["保障金额（元）"] == "number"
    assert not [value for value in PERSONAL_VALUES if value in json.dumps(saved, ensure_ascii=False)]

    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 844})
        for prefix in ("", "/en"):
            clerk.go(f"{prefix}/dataset/edit/{entry['name']}")
            assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen
            clerk.shot(f"{width}px{prefix.replace('/', '-')}-form")
