"""Page views counted by CKAN's tracking (tracking.js in real browsers) order the home page's
"Most viewed" box once `ckan tracking update` has summed them up."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

import ckan.model as model

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry


def _page_views() -> dict[str, int]:
    rows = model.Session.execute(sa.text(
        "SELECT url, count(*) FROM tracking_raw WHERE tracking_type = 'page' GROUP BY url")).all()
    model.Session.remove()
    return dict(rows)


def test_views_in_the_browser_order_the_most_viewed_box(visitor):
    from ckanext.tracking.cli.tracking import update_all

    weather = Agency(title="哈尔滨市气象局")
    CatalogEntry(owner_org=weather["id"], name="hrb-snow", title="哈尔滨市积雪深度观测数据")
    CatalogEntry(owner_org=weather["id"], name="hrb-climate", title="哈尔滨市月气候公报数据")

    citizen = visitor("citizen")
    citizen.go("/")
    citizen.page.wait_for_load_state("networkidle")  # tracking.js posts the home page's view after loading
    assert citizen.page.locator("#harbin-most-viewed .empty").is_visible()
    citizen.shot("home-no-views")
    # Two people (two browsers: tracking counts a visitor once a day) open the snow data, one the climate data.
    tourist = visitor("tourist", locale="en-US")
    for window, path in ((citizen, "/dataset/hrb-snow"), (citizen, "/dataset/hrb-climate"), (tourist, "/en/dataset/hrb-snow")):
        window.go(path)
        window.page.wait_for_load_state("networkidle")  # tracking.js posts the view after loading
    views = _page_views()
    assert views.pop("") == 1  # the home page: no entry, not counted for any
    assert views == {"/dataset/hrb-snow": 1, "/dataset/hrb-climate": 1, "/en/dataset/hrb-snow": 1}

    update_all(dt.date.today().isoformat())
    citizen.go("/")
    box = citizen.page.locator("#harbin-most-viewed")
    assert box.get_by_role("heading", name="最常访问").is_visible()
    assert box.locator("li a").all_inner_texts() == ["哈尔滨市积雪深度观测数据", "哈尔滨市月气候公报数据"]
    assert box.locator(".harbin-views").all_inner_texts() == ["2 次浏览", "1 次浏览"]
    citizen.shot("home-most-viewed")
    tourist.go("/en/")
    assert tourist.page.locator("#harbin-most-viewed .harbin-views").first.inner_text() == "2 views"
    tourist.shot("home-most-viewed-en")
