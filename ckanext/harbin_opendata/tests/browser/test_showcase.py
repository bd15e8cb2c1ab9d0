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


def test_administrator_uploads_a_case_image_shown_on_the_case_and_home_pages(visitor, tmp_path):
    import ckan.model as model

    from ..showcase.test_images import HOSTILE_SVGS, png
    from ..web import PASSWORD

    entry = CatalogEntry(title="哈尔滨市积雪深度观测数据")
    admin = model.User.get(factories.Sysadmin()["name"])
    admin.password = PASSWORD
    model.repo.commit()
    picture, hostile = tmp_path / "冰雪地图.png", tmp_path / "map.svg"
    picture.write_bytes(png(480, 270, (32, 120, 170)))
    hostile.write_bytes(HOSTILE_SVGS["script"])

    centre = visitor("admin")
    centre.log_in(admin.name, PASSWORD)
    centre.go("/showcase/new")
    page = centre.page
    page.fill("#field-title", "冰雪出行地图")
    page.fill("#field-summary", "基于积雪深度观测数据的冬季出行提示。")
    page.fill("#field-unit", "哈尔滨工业大学")
    page.fill("#field-datasets", entry["name"])
    page.check("#field-published")
    page.set_input_files("#field-image-upload", str(hostile))  # the form takes a picture file only
    centre.shot("form")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert page.get_by_text("该 SVG 图片包含脚本或指向其他文档的链接，不予上传。").is_visible()
    centre.shot("svg-refused")

    page.fill("#field-title", "冰雪出行地图")
    page.fill("#field-summary", "基于积雪深度观测数据的冬季出行提示。")
    page.fill("#field-unit", "哈尔滨工业大学")
    page.fill("#field-datasets", entry["name"])
    page.check("#field-published")
    page.set_input_files("#field-image-upload", str(picture))
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    image = page.locator("img.harbin-showcase-image")
    assert "/uploads/showcase/" in image.get_attribute("src")
    assert image.evaluate("img => img.complete && img.naturalWidth") == 480  # the file is served
    centre.shot("case")

    citizen = visitor("citizen")
    citizen.go("/")
    thumb = citizen.page.locator("section.harbin-showcase img.harbin-showcase-home-thumb")
    assert thumb.evaluate("img => img.naturalWidth") == 480
    citizen.shot("home")
