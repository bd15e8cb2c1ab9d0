"""Accessible markup: axe-core (the engine browsers' accessibility audits use) checks the public
pages in Chromium, in Chinese and in English, against WCAG 2.1 A and AA. A serious or critical
violation fails the test; every violation found is printed with the page it is on. The same pages
on a phone (390 px): nothing wider than the screen, no table column squeezed to one character per
line, the resource's title and download before its sidebar (screenshots of each)."""
from __future__ import annotations

import pytest

from ckan.tests import factories

from ..review.conftest import REVIEWER
from ..web import PASSWORD
from .test_citizen import _portal
from .test_publishing import _with_password

PAGES = ["/", "/dataset/?q=空气质量", "/dataset/?q=没有这样的数据", "/about", "/dataset/hrb-air-quality", "/feedback", "/feedback/new?dataset=hrb-air-quality",
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


# Rows CKAN folds away (显示更多) are unfolded first. Cells on screen whose text has room for fewer than
# four characters a line (or fewer than its own length), the page's overflow, and where the page's
# first visible heading (or its main column) is against its sidebar (CKAN puts the sidebar first).
_PHONE_LAYOUT = """() => {
  document.querySelectorAll('a.show-more').forEach(link => link.click());
  const shown = el => el.getClientRects().length > 0;
  const squeezed = [...document.querySelectorAll('[role=main] td, [role=main] th')].filter(shown).filter(cell => {
    const style = getComputedStyle(cell), text = cell.innerText.trim();
    const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return text.length > 1 && room < Math.min(text.length, 4) * parseFloat(style.fontSize);
  }).map(cell => cell.innerText.trim().slice(0, 12));
  const main = document.querySelector('.wrapper > :not(.secondary)'), aside = document.querySelector('.wrapper > .secondary');
  const heading = [...document.querySelectorAll('.wrapper > :not(.secondary) h1')].find(shown) || main;
  const top = el => el && shown(el) ? el.getBoundingClientRect().top : Infinity;
  return {overflow: document.documentElement.scrollWidth - window.innerWidth, squeezed,
          sidebarFirst: !!heading && top(aside) < top(heading)};
}"""


def _phone_problems(window, paths: list[str]) -> list[str]:
    """What is wrong with the pages at 390 px (each page's screenshot kept)."""
    window.page.set_viewport_size({"width": 390, "height": 844})
    problems = []
    for path in paths:
        window.go(path)
        window.shot("390px" + path.split("?")[0].replace("/", "-"))
        layout = window.page.evaluate(_PHONE_LAYOUT)
        problems += [f"{path}: {layout['overflow']}px wider than the screen"] if layout["overflow"] > 0 else []
        problems += [f"{path}: squeezed cells {layout['squeezed'][:3]}"] if layout["squeezed"] else []
        problems += [f"{path}: the sidebar before the title"] if layout["sidebarFirst"] else []
    window.page.set_viewport_size({"width": 1280, "height": 900})
    return problems


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
    paths = [prefix + path for path in PAGES if path != "/user/login"] + [resource]
    problems = _phone_problems(window, paths)
    assert not problems, problems


def _report(label: str, pages: int, found: list[dict]) -> None:
    print(f"\n[a11y] {label}: {pages} pages, {len(found)} violations "
          f"({sum(v['impact'] in FAILING for v in found)} serious or critical)")
    for violation in found:
        print(f"  {violation['impact']:<9} {violation['rule']:<28} {violation['page']}  {violation['nodes']}")


def test_working_pages_pass_axe(visitor, capsys):
    _portal()
    _with_password("sthjj-editor")
    reviewer = _with_password(factories.User(name=REVIEWER)["name"])
    found, phone = [], []
    for user, pages in (("sthjj-editor", EDITOR_PAGES), (reviewer, REVIEWER_PAGES)):
        window = visitor(f"axe-{user}")
        window.log_in(user, PASSWORD)
        found += [violation for path in pages for violation in _audit(window, path)]
        phone += _phone_problems(window, [path for path in pages if path != "/dataset/new"])
    with capsys.disabled():
        _report("editor and reviewer", len(EDITOR_PAGES) + len(REVIEWER_PAGES), found)
    assert not [violation for violation in found if violation["impact"] in FAILING]
    assert not phone, phone
