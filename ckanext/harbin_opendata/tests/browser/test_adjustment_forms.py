"""Catalog adjustments on /review/adjustments in a real browser: the centre's reviewer records one
for an agency, the agency's editor marks it done by naming the entry it changed (a bare “done” is
refused with the reason); Chinese and English, desktop and phone widths (probe 2, F7)."""
from __future__ import annotations

import datetime as dt

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ...review.adjustments import beijing_today
from ..factories import Agency, CatalogEntry
from ..review.conftest import REVIEWER
from ..web import PASSWORD


def _with_password(name: str) -> str:
    user = model.User.get(name)
    user.password = PASSWORD
    model.repo.commit()
    return name


def test_reviewer_records_and_agency_completes_an_adjustment(visitor):
    editor = _with_password(factories.User(name="rsj-editor")["name"])
    agency = Agency(name="hrb-rsj", title="哈尔滨市人力资源和社会保障局", users=[{"name": editor, "capacity": "editor"}])
    CatalogEntry(owner_org=agency["id"], name="hrb-rsj-minimum-wage", title="哈尔滨市最低工资标准", published=False)
    reviewer = _with_password(factories.User(name=REVIEWER)["name"])
    three_days_ago = (beijing_today() - dt.timedelta(days=3)).isoformat()

    centre = visitor("reviewer")
    page = centre.page
    centre.log_in(reviewer, PASSWORD)
    centre.go("/review/adjustments")
    page.select_option("#field-organization", "hrb-rsj")
    page.select_option("#field-trigger_kind", "law")
    page.fill("#description", "《黑龙江省最低工资规定》修订，最低工资标准调整")
    page.fill("#trigger_date", "2030-01-01")
    assert "至今天" in centre.click_through("button:has-text('登记')")  # a change in the future: refused
    centre.shot("future-refused")
    page.fill("#trigger_date", three_days_ago)
    html = centre.click_through("button:has-text('登记')")
    assert "目录调整已登记" in html and "《黑龙江省最低工资规定》修订" in html
    centre.shot("recorded")

    clerk = visitor("editor")
    page = clerk.page
    clerk.log_in(editor, PASSWORD)
    clerk.go("/review/adjustments")
    assert "请填写为本次调整而修改的目录条目" in clerk.click_through("button:has-text('标记完成')")
    clerk.shot("bare-done-refused")
    tk.get_action("package_patch")({"user": editor}, {"id": "hrb-rsj-minimum-wage", "notes": "按新规定调整。"})
    clerk.go("/review/adjustments")
    page.fill("input[name=package_ids]", "hrb-rsj-minimum-wage")
    html = clerk.click_through("button:has-text('标记完成')")
    assert "完成人" in html and "rsj-editor" in html
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 844})
        for prefix in ("", "/en"):
            clerk.go(prefix + "/review/adjustments")
            clerk.shot(f"{width}px{prefix.replace('/', '-')}-done")
    centre.go("/en/review/adjustments")
    centre.page.set_viewport_size({"width": 390, "height": 844})
    centre.shot("390px-en-reviewer")
