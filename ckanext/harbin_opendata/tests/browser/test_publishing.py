"""An agency editor creates a catalog entry through the forms and submits it; a reviewer of the
big-data centre publishes it; then the public finds it. In a real browser."""
from __future__ import annotations

import json

import ckan.model as model
from ckan.tests import factories

from ckanext.harbin_opendata.tests.privacy.jobs import run_scans

from ..factories import Agency
from ..review.conftest import REVIEWER
from ..web import PASSWORD

PARKING_CSV = "停车场名称,泊位数\r\n中央大街停车场,320\r\n".encode("utf-8-sig")


def _with_password(name: str) -> str:
    user = model.User.get(name)
    user.password = PASSWORD
    model.repo.commit()
    return name


def _fill_entry_form(page) -> None:
    page.fill("#field-title", "哈尔滨市公共停车场名录")
    # No address typed: a Chinese title gives none, the portal makes it from the resource code.
    page.fill("#field-resource_code", "307001/000010")
    page.select_option("#field-data_domain", "transport")
    page.fill("#field-notes", "全市公共停车场名称、地址和泊位数。")
    page.fill("#field-data_items-0-name", "停车场名称")
    page.select_option("#field-data_items-0-type", "string")
    page.click("[data-items-add]")  # 添加数据项: a second item row, left blank (dropped, not an error)
    assert page.locator("#field-data_items-1-name").input_value() == ""
    page.check("#field-data_formats-CSV")
    page.select_option("#field-update_frequency", "monthly")
    page.select_option("#field-open_type", "unconditional")
    page.select_option("#field-desensitization_status", "not_required")
    # The licence starts at 请选择 and does not offer 未指定许可证 (select2 hides the select).
    assert page.eval_on_selector("#field-license_id", "s => s.value") == ""
    page.select_option("#field-license_id", "cc-by", force=True)


def _shots_in_english_and_on_a_phone(window, paths: list[str]) -> None:
    for width in (390, 1280):
        window.page.set_viewport_size({"width": width, "height": 844})
        for path in paths:
            for prefix in ("", "/en"):
                window.go(prefix + path)
                window.shot(f"{width}px{prefix.replace('/', '-')}{path.replace('/', '-')}")


def test_editor_submits_and_reviewer_publishes(visitor, tmp_path):
    editor = _with_password(factories.User(name="jtj-editor")["name"])
    Agency(name="hrb-jtj", title="哈尔滨市交通运输局", users=[{"name": editor, "capacity": "editor"}])
    reviewer = _with_password(factories.User(name=REVIEWER)["name"])

    clerk = visitor("editor")
    page = clerk.page
    clerk.log_in(editor, PASSWORD)
    clerk.go("/dataset/new")
    _fill_entry_form(page)
    clerk.shot("entry-form")
    page.click("button[name=save]")
    csv_file = tmp_path / "parking.csv"
    csv_file.write_bytes(PARKING_CSV)
    with page.expect_file_chooser() as chooser:  # the add-data step offers 上传 beside 链接
        page.click("#resource-upload-button:has-text('上传')")
    chooser.value.set_files(str(csv_file))
    page.fill("#field-name", "停车场名录")
    clerk.shot("resource-form")
    assert "哈尔滨市公共停车场名录" in clerk.click_through("button[name=save][value=go-metadata]")
    clerk.go("/dataset/hrb-307001-000010/review")
    assert "待审核" in clerk.click_through("button:has-text('提交审核')")
    clerk.shot("submitted")

    entry = model.Package.get("hrb-307001-000010")
    [upload] = [r for r in entry.resources if r.state == "active"]
    assert (upload.url_type, upload.url, upload.size) == ("upload", "parking.csv", len(PARKING_CSV))
    assert [item["name"] for item in json.loads(entry.extras["data_items"])] == ["停车场名称"]
    assert entry.private  # not public before review
    run_scans(entry.id)  # what the job worker does with the uploaded file

    centre = visitor("reviewer")
    page = centre.page
    centre.log_in(reviewer, PASSWORD)
    centre.go("/")
    assert page.inner_text(".account-masthead [data-harbin-unread]") == "1"  # the submission
    page.click(".account-masthead a:has-text('目录审核')")  # the workbench link
    centre.shot("queue")
    _shots_in_english_and_on_a_phone(centre, ["/review", "/dataset/hrb-307001-000010/review"])
    centre.go("/review")
    centre.click_through("a:has-text('哈尔滨市公共停车场名录')")
    centre.shot("review-page")
    page.fill("#comment-publish", "审核通过。")
    page.click("button:has-text('发布')")
    confirm = page.wait_for_selector(".modal.show")  # asked before anything becomes public
    assert "立即公开" in confirm.inner_text()
    centre.shot("confirm-publish")
    assert "已发布" in centre.click_through(".modal.show .btn-primary")
    centre.shot("published")

    citizen = visitor("citizen")
    citizen.go("/dataset/?q=停车场")
    assert "哈尔滨市公共停车场名录" in citizen.page.content()
    citizen.page.click("a:has-text('哈尔滨市公共停车场名录')")
    citizen.page.wait_for_selector("#harbin-access-title")
    assert "停车场名录" in citizen.page.content()  # the uploaded file, scanned and clean
    citizen.shot("public-entry")
