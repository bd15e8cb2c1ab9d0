"""The about page, an agency's page and an entry page in Chromium: zh and en, desktop and 390 px
wide, with the footer's registration numbers configured; nothing wider than a phone's screen."""
from __future__ import annotations

import pytest

from ckanext.harbin_opendata.tests.browser.conftest import Visitor
from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.mark.ckan_config("ckanext.harbin_opendata.site.identifier_code", "2301000001")
@pytest.mark.ckan_config("ckanext.harbin_opendata.site.icp_number", "黑ICP备12345678号")
@pytest.mark.ckan_config("ckanext.harbin_opendata.site.police_record_number", "黑公网安备23010302000001号")
@pytest.mark.ckan_config("ckanext.harbin_opendata.contact.phone", "0451-12345678")
def test_about_agency_and_entry_pages_fit_desktop_and_phone(live_server, chromium):
    agency = Agency(title="哈尔滨市气象局", agency_kind="institution", district="230103",
                    description="负责全市气象观测、预报和气象灾害预警。")
    entry = CatalogEntry(owner_org=agency["id"], title="哈尔滨市积雪深度观测数据", license_id="cc-by")
    pages = {"about": "/about", "agency": f"/organization/about/{agency['name']}", "entry": f"/dataset/{entry['name']}"}
    for locale, prefix in (("zh-CN", ""), ("en-US", "/en")):
        for width in (1280, 390):
            visitor = Visitor(chromium, live_server, f"about-{locale}-{width}", locale=locale)
            visitor.page.set_viewport_size({"width": width, "height": 900})
            try:
                for name, path in pages.items():
                    visitor.go(prefix + path)
                    visitor.shot(name)
                    overflow = visitor.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                    assert overflow <= 0, f"{prefix + path} is {overflow}px wider than {width}px"
                    assert not visitor.csp_violations
            finally:
                visitor.close()
