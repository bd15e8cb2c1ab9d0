"""Accessible markup: axe-core (the engine browsers' accessibility audits use) checks the public
pages in Chromium, in Chinese and in English, against WCAG 2.1 A and AA. A serious or critical
violation fails the test; every violation found is printed with the page it is on."""
from __future__ import annotations

import pytest

from ckan.tests import factories

from ..review.conftest import REVIEWER
from ..web import PASSWORD
from .test_citizen import _portal
from .test_publishing import _with_password

PAGES = ["/", "/dataset/?q=空气质量", "/dataset/hrb-air-quality", "/feedback", "/feedback/new?dataset=hrb-air-quality",
         "/showcase/", "/assessment", "/organization/", "/user/login"]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING = {"serious", "critical"}
# Working pages: the editor's entry form and privacy page, the reviewers' queue and review page.
EDITOR_PAGES = ["/dataset/new", "/dataset/hrb-air-quality/privacy", "/feedback/inbox"]
REVIEWER_PAGES = ["/review", "/dataset/hrb-air-quality/review", "/review/adjustments", "/assessment/problems"]


def _violations(page, path: str) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    assert results.response["passes"], "axe checked nothing"
    return [{"page": path, "rule": violation["id"], "impact": violation["impact"],
             "nodes": [node["target"] for node in violation["nodes"]][:3]}
            for violation in results.response["violations"]]


def _audit(window, path: str) -> list[dict]:
    window.go(path)
    window.page.wait_for_load_state("networkidle")
    return _violations(window.page, path)


def test_axe_reports_what_it_should(chromium):
    page = chromium.new_page()
    page.set_content('<html lang="zh-CN"><head><title>t</title></head><body><main><img src="x.png">'
                     '<button></button></main></body></html>')
    assert {v["rule"] for v in _violations(page, "sample")} >= {"image-alt", "button-name"}
    page.close()


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_public_pages_pass_axe(visitor, locale, capsys):
    _portal()
    window = visitor("axe", locale=locale)
    prefix = "" if locale == "zh-CN" else "/en"
    # The resource page (with its table preview) is reached from the entry page.
    window.go(f"{prefix}/dataset/hrb-air-quality")
    resource = window.page.locator("a.heading").first.get_attribute("href")
    found = [violation for path in [*PAGES, resource] for violation in _audit(window, prefix + path if path != resource
                                                                                 else path)]
    with capsys.disabled():
        _report(locale, len(PAGES) + 1, found)
    assert not [violation for violation in found if violation["impact"] in FAILING]


def _report(label: str, pages: int, found: list[dict]) -> None:
    print(f"\n[a11y] {label}: {pages} pages, {len(found)} violations "
          f"({sum(v['impact'] in FAILING for v in found)} serious or critical)")
    for violation in found:
        print(f"  {violation['impact']:<9} {violation['rule']:<28} {violation['page']}  {violation['nodes']}")


def test_working_pages_pass_axe(visitor, capsys):
    _portal()
    _with_password("sthjj-editor")
    reviewer = _with_password(factories.User(name=REVIEWER)["name"])
    found = []
    for user, pages in (("sthjj-editor", EDITOR_PAGES), (reviewer, REVIEWER_PAGES)):
        window = visitor(f"axe-{user}")
        window.log_in(user, PASSWORD)
        found += [violation for path in pages for violation in _audit(window, path)]
    with capsys.disabled():
        _report("editor and reviewer", len(EDITOR_PAGES) + len(REVIEWER_PAGES), found)
    assert not [violation for violation in found if violation["impact"] in FAILING]
