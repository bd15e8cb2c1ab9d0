"""An agency editor creates a catalog entry through the forms and submits it; a reviewer of the
big-data centre publishes it; then the public finds it. In a real browser."""
from __future__ import annotations

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
    # The address is made from the title; a Chinese title needs an address typed in.
    page.click(".slug-preview button")
    page.fill("#field-name", "hrb-parking-lots")
    page.fill("#field-resource_code", "307001/000010")
    page.select_option("#field-data_domain", "transport")
    page.fill("#field-notes", "全市公共停车场名称、地址和泊位数。")
    page.fill("#field-data_items-0-name", "停车场名称")
    page.select_option("#field-data_items-0-type", "string")
    page.check("#field-data_formats-CSV")
    page.select_option("#field-update_frequency", "monthly")
    page.select_option("#field-open_type", "unconditional")
    page.select_option("#field-desensitization_status", "not_required")


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
    page.wait_for_selector("#field-resource-upload", state="attached")
    csv_file = tmp_path / "parking.csv"
    csv_file.write_bytes(PARKING_CSV)
    page.set_input_files("#field-resource-upload", str(csv_file))
    page.fill("#field-name", "停车场名录")
    clerk.shot("resource-form")
    page.click("button[name=save][value=go-metadata]")
    page.wait_for_load_state("networkidle")
    assert "哈尔滨市公共停车场名录" in page.content()
    clerk.go("/dataset/hrb-parking-lots/review")
    page.click("button:has-text('提交审核')")
    page.wait_for_load_state("networkidle")
    assert "待审核" in page.content()
    clerk.shot("submitted")

    entry = model.Package.get("hrb-parking-lots")
    assert entry.private  # not public before review
    run_scans(entry.id)  # what the job worker does with the uploaded file

    centre = visitor("reviewer")
    page = centre.page
    centre.log_in(reviewer, PASSWORD)
    centre.go("/review")
    page.click("a:has-text('哈尔滨市公共停车场名录')")
    page.wait_for_load_state("networkidle")
    centre.shot("review-page")
    page.fill("#comment-publish", "审核通过。")
    page.click("button:has-text('发布')")
    page.wait_for_load_state("networkidle")
    assert "已发布" in page.content()
    centre.shot("published")

    citizen = visitor("citizen")
    citizen.go("/dataset/?q=停车场")
    assert "哈尔滨市公共停车场名录" in citizen.page.content()
    citizen.page.click("a:has-text('哈尔滨市公共停车场名录')")
    citizen.page.wait_for_selector("#harbin-access-title")
    assert "停车场名录" in citizen.page.content()  # the uploaded file, scanned and clean
    citizen.shot("public-entry")
