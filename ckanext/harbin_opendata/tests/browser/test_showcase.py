"""A citizen sees a reuse case on the home page, opens it, and finds it again on the linked entry."""
from __future__ import annotations

from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry


def test_citizen_follows_a_reuse_case_from_home_to_dataset(visitor):
    weather = Agency(title="哈尔滨市气象局")
    entry = CatalogEntry(owner_org=weather["id"], title="哈尔滨市积雪深度观测数据", data_domain="meteorology")
    admin = factories.Sysadmin()
    call_action("harbin_showcase_create", {"user": admin["name"]}, title="冰雪出行地图",
                summary="基于**积雪深度**观测数据，为市民提供冬季步行和骑行的路况提示。",
                unit="哈尔滨工业大学", kind="app", url="https://example.org/snow-map",
                datasets=[entry["name"]], published=True)

    citizen = visitor("citizen")
    citizen.go("/")
    home = citizen.page.locator("section.harbin-showcase")
    assert home.get_by_role("heading", name="利用案例").is_visible()
    citizen.shot("home")

    home.get_by_role("link", name="冰雪出行地图").click()
    citizen.page.wait_for_load_state()
    assert citizen.page.get_by_role("heading", name="冰雪出行地图", level=1).is_visible()
    assert citizen.page.locator(".notes strong").inner_text() == "积雪深度"  # the summary's Markdown
    citizen.shot("case")

    citizen.page.get_by_role("link", name="哈尔滨市积雪深度观测数据").click()
    citizen.page.wait_for_load_state()
    cases = citizen.page.locator("section.harbin-showcase-on-dataset")
    assert cases.get_by_role("heading", name="使用此数据的利用案例").is_visible()
    assert cases.get_by_role("link", name="冰雪出行地图").is_visible()
    citizen.shot("dataset")
