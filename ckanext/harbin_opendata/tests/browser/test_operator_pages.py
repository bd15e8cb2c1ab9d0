"""The operators' pages (/ckan-admin, /harvest, the resource view form, the data dictionary, the error
page) in Chromium as a sysadmin: zh and en, desktop and 390 px wide, after their scripts ran (a
module's own texts count too); screenshots in build/screenshots/."""
from __future__ import annotations

from ckanext.harbin_opendata.tests.browser.conftest import Visitor
from ckanext.harbin_opendata.tests.review.conftest import people  # noqa: F401 (fixture)
from ckanext.harbin_opendata.tests.review.test_chinese_pages import (  # noqa: F401 (fixture)
    _chinese_texts, _english_sentences, operator_pages)
from ckanext.harbin_opendata.tests.web import logged_in_client, PASSWORD


def test_operator_pages_in_chromium(live_server, chromium, app, people, operator_pages):  # noqa: F811
    pages, data = operator_pages
    logged_in_client(app, people.sysadmin)  # sets the password the login form is given
    paths = [path if isinstance(path, str) else path[0] for path in pages[people.sysadmin]]
    problems = {}
    for locale, prefix, check in (("zh-CN", "", lambda html: _english_sentences(html, data, words=True)),
                                  ("en-US", "/en", lambda html: _chinese_texts(html, data))):
        for width in (1280, 390):
            visitor = Visitor(chromium, live_server, f"operators-{locale}-{width}", locale=locale)
            visitor.page.set_viewport_size({"width": width, "height": 900})
            try:
                visitor.log_in(people.sysadmin, PASSWORD)
                for path in paths:
                    visitor.go(prefix + path)
                    visitor.page.wait_for_load_state("networkidle")
                    visitor.shot(path.strip("/").split("?")[0].replace("/", "_")[:60] or "home")
                    found = check(visitor.page.content())
                    if found:
                        problems[f"{locale} {width} {prefix}{path}"] = found
            finally:
                visitor.close()
    assert not problems, "\n".join(f"{page}: {found}" for page, found in problems.items())
