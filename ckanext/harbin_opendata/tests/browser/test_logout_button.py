"""The header's log-out button (a form posting the CSRF token: accounts/logout.py) in Chromium: zh
and en, desktop and 390 px wide; it is on the screen, says what it does, and logs out. A GET of
the old address shows the button and logs nobody out. Screenshots in build/screenshots/."""
from __future__ import annotations

import pytest
from ckan.tests import factories

from ckanext.harbin_opendata.tests.browser.conftest import Visitor
from ckanext.harbin_opendata.tests.web import PASSWORD

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def test_the_log_out_button_on_desktop_and_phone(live_server, chromium):
    import ckan.model as model

    factories.User(name="clerk_wang")
    model.User.get("clerk_wang").password = PASSWORD
    model.repo.commit()
    for locale, prefix, word, now in (("zh-CN", "", "登出", "现在登出"), ("en-US", "/en", "Log out", "Log out now")):
        for width in (1280, 390):
            visitor = Visitor(chromium, live_server, f"logout-{locale}-{width}", locale=locale)
            visitor.page.set_viewport_size({"width": width, "height": 900})
            try:
                visitor.log_in("clerk_wang", PASSWORD)
                visitor.go(prefix + "/dataset/")
                button = visitor.page.locator("li.harbin-logout button[type=submit]")
                assert button.is_visible() and button.get_attribute("title") == word
                box = button.bounding_box()
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, box
                visitor.shot("header")
                visitor.go(prefix + "/user/_logout")  # what an <img> would ask: nobody is logged out
                visitor.shot("get-page")
                assert visitor.page.locator("form.harbin-logout-form button", has_text=now).is_visible()
                visitor.go(prefix + "/dashboard/datasets")
                assert "/user/login" not in visitor.page.url
                visitor.go(prefix + "/dataset/")
                visitor.click_through("li.harbin-logout button[type=submit]")
                visitor.shot("logged-out")
                visitor.go(prefix + "/dashboard/datasets")
                assert "/user/login" in visitor.page.url
                overflow = visitor.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0
            finally:
                visitor.close()
