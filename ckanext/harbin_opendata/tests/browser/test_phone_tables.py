"""On a 390-pixel phone, what a page is for stays on the screen: the masking rule of each column
(the mask page's last column), the examples of the privacy page and the data items' example
values are laid out as one card per row instead of past the screen's edge in a sideways-scrolling
box, and the assessment's agency ranking keeps its labels' size (it scrolls instead)."""
from __future__ import annotations

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..factories import Agency, CatalogEntry
from ..privacy.conftest import upload
from ..privacy.jobs import run_scans
from ..privacy.samples import table
from ..web import PASSWORD
from .conftest import Visitor

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

# Elements of the page's main column whose right edge is past the screen's (the box they scroll in
# hides them), and the height of the chart's smallest label.
_OFF_SCREEN = """selector => [...document.querySelectorAll(selector)]
  .filter(el => el.getClientRects().length && el.getBoundingClientRect().right > window.innerWidth + 1).length"""
_LABEL_HEIGHT = """() => Math.min(...[...document.querySelectorAll('.harbin-assessment-chart text')]
  .map(text => text.getBoundingClientRect().height))"""


def _world() -> tuple[dict, dict]:
    from ckan.tests import factories

    editor = factories.User(name="phone-editor")
    model.User.get("phone-editor").password = PASSWORD
    model.repo.commit()
    agency = Agency(title="哈尔滨市人力资源和社会保障局", users=[{"name": editor["name"], "capacity": "editor"}])
    entry = CatalogEntry(owner_org=agency["id"], title="哈尔滨市就业补贴发放名册", data_items=[
        {"name": "申请人姓名", "type": "string", "description": "补贴申请人的姓名（已脱敏）", "unit": "",
         "example": "张**"}])
    header, rows = table(12)
    csv = "\r\n".join(",".join(row) for row in [header, *rows]).encode("utf-8")
    resource = upload(entry["id"], editor["name"], csv, "名册.csv", "CSV")
    run_scans(entry["id"])
    tk.get_action("harbin_assessment_compute")({"ignore_auth": True}, {})  # the ranking chart
    return entry, resource


def test_the_main_controls_are_on_a_phones_screen(live_server, chromium):
    entry, resource = _world()
    for locale, prefix in (("zh-CN", ""), ("en-US", "/en")):
        window = Visitor(chromium, live_server, f"phone-tables-{locale}", locale=locale)
        window.page.set_viewport_size({"width": 390, "height": 844})
        try:
            window.log_in("phone-editor", PASSWORD)
            window.go(f"{prefix}/dataset/{entry['name']}/privacy/mask/{resource['id']}")
            window.shot("mask")
            assert window.page.locator("select[name^=rule-]").count() >= 4
            assert window.page.evaluate(_OFF_SCREEN, "[role=main] select[name^=rule-]") == 0
            window.go(f"{prefix}/dataset/{entry['name']}/privacy")
            window.shot("privacy")
            assert window.page.evaluate(_OFF_SCREEN, "[role=main] td") == 0
            window.go(f"{prefix}/dataset/{entry['name']}")
            window.shot("entry")
            assert window.page.evaluate(_OFF_SCREEN, ".harbin-data-items td") == 0
            assert "张**" in window.page.locator(".harbin-data-items").inner_text()
            window.go(f"{prefix}/assessment")
            window.shot("assessment")
            assert window.page.locator(".harbin-assessment-chart text").count()
            assert window.page.evaluate(_LABEL_HEIGHT) >= 10  # 13 px labels, not shrunk to about 5
        finally:
            window.close()
