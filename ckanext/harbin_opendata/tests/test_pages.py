"""The portal's pages render in Chinese by default and in English on /en."""
from __future__ import annotations

import re

import pytest

import ckan.plugins.toolkit as tk


from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry
from ckanext.harbin_opendata.tests.web import logged_in_client

FOOTER_ZH = "依据《哈尔滨市公共数据开放管理办法》（哈政办规〔2022〕18号）运营"
FOOTER_EN = "Operated under the Harbin Public Data Opening Measures"


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestPagesInChinese:
    def test_home_page(self, app):
        html = app.get("/").body
        assert 'lang="zh-Hans-CN"' in html
        assert "搜索数据集" in html  # CKAN's own zh_Hans_CN catalogue
        assert FOOTER_ZH in html  # ours
        assert "哈尔滨市公共数据开放平台" in html

    def test_dataset_list_shows_entries_found_through_solr(self, app):
        org = Agency(title="哈尔滨市气象局")
        CatalogEntry(owner_org=org["id"], title="哈尔滨市积雪深度观测数据")
        html = app.get("/dataset/").body
        assert "哈尔滨市积雪深度观测数据" in html
        assert "找到1个数据集" in html
        assert FOOTER_ZH in html

    def test_english_pages(self, app):
        html = app.get("/en/dataset/").body
        assert "Search datasets" in html
        assert FOOTER_EN in html
        assert "Harbin Public Data Open Platform" in html


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_home_page_lists_published_entries_domains_and_agencies(app):
    import re

    weather = Agency(title="哈尔滨市气象局")
    ecology = Agency(title="哈尔滨市生态环境局")
    CatalogEntry(owner_org=weather["id"], title="哈尔滨市积雪深度观测数据", data_domain="meteorology")
    CatalogEntry(owner_org=weather["id"], title="哈尔滨市月气候公报数据", data_domain="meteorology")
    CatalogEntry(owner_org=ecology["id"], title="哈尔滨市空气质量日报", data_domain="ecology_environment")
    CatalogEntry(owner_org=ecology["id"], title="尚未审核的草稿目录", data_domain="ecology_environment", published=False)
    html = app.get("/").body
    assert re.search(r"<strong>3</strong>\s*个数据目录", html) and re.search(r"<strong>2</strong>\s*个开放单位", html)
    assert re.search(r">气象</a>\s*<span class=\"badge bg-secondary\">2</span>", html)
    assert "哈尔滨市积雪深度观测数据" in html and "哈尔滨市空气质量日报" in html
    assert "尚未审核的草稿目录" not in html
    assert "Newest entries" in app.get("/en/").body


@pytest.mark.usefixtures("with_plugins")
def test_javascript_gets_its_chinese_translations(app):
    # CKAN's JavaScript asks for zh_Hans-CN; without an answer no JavaScript module starts.
    response = app.get("/api/i18n/zh_Hans-CN")
    assert response.status_code == 200 and response.json == app.get("/api/i18n/zh_Hans_CN").json


def _views(entry: dict, visitors: int) -> None:
    """Page views as tracking.js records them: one row per visitor (a hashed browser key)."""
    from ckanext.tracking.model import TrackingRaw

    for number in range(visitors):
        TrackingRaw.create(user_key=f"visitor-{number}", url=f"/dataset/{entry['name']}", tracking_type="page")


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_home_page_lists_the_most_viewed_published_entries(app):
    import datetime as dt

    from ckanext.tracking.cli.tracking import update_all

    popular = CatalogEntry(title="访问最多的目录")
    quiet = CatalogEntry(title="偶尔访问的目录")
    CatalogEntry(title="无人访问的目录")
    draft = CatalogEntry(title="尚未审核的草稿目录", published=False)
    html = app.get("/").body
    assert "尚未统计到访问量" in html  # the box says why it is empty

    _views(quiet, 2)
    _views(popular, 5)
    _views(draft, 9)  # an editor's views of an unpublished entry never show
    update_all(dt.date.today().isoformat())  # what `ckan tracking update` does, then reindexes

    html = app.get("/").body
    box = html[html.index('id="harbin-most-viewed"'):]
    box = box[:box.index("</section>")]
    assert box.index("访问最多的目录") < box.index("偶尔访问的目录")
    assert "5 次浏览" in box and "2 次浏览" in box
    assert "无人访问的目录" not in box and "尚未审核的草稿目录" not in box and "尚未统计到访问量" not in box
    english = app.get("/en/").body
    assert "Most viewed" in english and "5 views" in english


@pytest.mark.usefixtures("with_plugins")
def test_the_platform_logo_title_icon_and_operator_replace_ckans(app):
    html = app.get("/").body
    assert '<img src="/harbin_opendata/logo.svg" alt="哈尔滨市公共数据开放平台"' in html
    assert 'href="/harbin_opendata/favicon.svg"' in html and "ckan-logo.png" not in html
    assert "主办单位：哈尔滨市大数据中心" in html
    assert "Run by Harbin Big Data Center" in app.get("/en/").body
    logo = app.get("/harbin_opendata/logo.svg")
    assert logo.headers["Content-Type"].startswith("image/svg+xml") and "哈尔滨市公共数据开放平台" in logo.body


@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_no_gravatar_images_and_no_foreign_share_buttons(app):
    from ckan.tests import factories

    user = factories.User(name="avatar-check", email="clerk@harbin.gov.cn", image_url="")  # the factory sets one
    html = logged_in_client(app, user["name"]).get(f"/user/{user['name']}").get_data(as_text=True)  # accounts are not public
    assert "avatar-check" in html and "gravatar.com" not in html and "placeholder" in html
    entry = CatalogEntry(title="分享按钮检查目录")
    html = app.get(f"/dataset/{entry['name']}").body
    assert "分享按钮检查目录" in html and "twitter.com" not in html and "facebook.com" not in html


@pytest.mark.ckan_config("ckan.gravatar_default", "identicon")
@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_gravatar_stays_off_whatever_the_ini_says_and_no_gravatar_picture(app):
    """Issue 19.3: an operator's gravatar setting does not bring gravatar.com back, and a profile
    picture address on gravatar.com is refused with a message."""
    from ckan.tests import factories, helpers

    user = factories.User(name="avatar-ini", email="clerk2@harbin.gov.cn", image_url="")  # the factory sets one
    html = logged_in_client(app, user["name"]).get(f"/user/{user['name']}").get_data(as_text=True)
    assert "avatar-ini" in html and "gravatar.com" not in html and "placeholder" in html
    with pytest.raises(tk.ValidationError) as refused:
        helpers.call_action("user_update", {"user": user["name"], "ignore_auth": True}, id=user["id"],
                            email=user["email"], image_url="https://www.gravatar.com/avatar/00000000000000000000000000000000")
    assert "gravatar.com" in str(refused.value.error_dict["image_url"])


@pytest.mark.ckan_config("ckan.site_logo", "/agency/logo.png")
@pytest.mark.ckan_config("ckan.site_title", "哈尔滨数据")
@pytest.mark.ckan_config("ckanext.harbin_opendata.operator_name", "哈尔滨市政务服务数据管理局")
@pytest.mark.usefixtures("with_plugins")
def test_an_operator_sets_another_logo_title_and_operator(app):
    html = app.get("/").body
    assert '<img src="/agency/logo.png" alt="哈尔滨数据"' in html
    assert "主办单位：哈尔滨市政务服务数据管理局" in html


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_resource_and_entry_information_has_translated_labels_and_no_empty_rows(app):
    entry = CatalogEntry(contact_name="数据科", temporal_start="2024-01-01",
                         resources=[{"url": "http://example.org/snow.csv", "format": "CSV", "name": "积雪深度",
                                     "mimetype": "text/csv", "size": 2048}])
    resource = entry["resources"][0]
    html = app.get(f"/dataset/{entry['name']}/resource/{resource['id']}").body
    assert '<th scope="col">字段</th>' in html and '<th scope="col">值</th>' in html  # not 域 / 指标值
    assert "媒体类型" in html and "资源ID" in html and "2 KiB" in html
    assert re.search(r"<th scope=\"row\">有预览</th><td>是</td>", html)
    for key_label in ("Datastore active", "Has views", "Mimetype", "Package id", "Tracking summary", "Position"):
        assert key_label not in html
    english = app.get(f"/en/dataset/{entry['name']}/resource/{resource['id']}").body
    assert "Has previews" in english and "Media type" in english and "Has views" not in english

    info = app.get(f"/dataset/{entry['name']}").body
    info = info[info.index("additional-info"):]
    assert "联系人" in info and "数据科" in info and "时间范围起" in info
    assert "联系邮箱" not in info and "时间范围止" not in info  # no value, no row


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_home_page_popular_tags_only_when_entries_carry_tags(app):
    """No "热门标签" heading over an empty box (issue 19); the tags most entries carry, when there are."""
    CatalogEntry(title="没有标签的目录", tags=[])
    assert "热门标签" not in app.get("/").body
    CatalogEntry(title="积雪深度", tags=[{"name": "积雪"}])
    html = app.get("/").body
    assert "热门标签" in html and 'href="/dataset/?tags=%E7%A7%AF%E9%9B%AA"' in html


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_home_page_says_how_to_apply_for_conditional_data_and_give_feedback(app):
    """Walk finding F-C2: a citizen found search, domains and lists on the home page, but not how to
    get data open on conditions or how to ask for data or report an error (only the footer, far below
    on a phone). Both are on the home page now, in Chinese and English."""
    zh = app.get("/").body
    assert "办事指引" in zh and 'href="/dataset/?open_type=conditional"' in zh and 'href="/about#conditional"' in zh
    assert zh.index("办事指引") < zh.index('id="harbin-domains-title"')  # above the lists, near the search
    assert 'href="/feedback/new?kind=data_request"' in zh and 'href="/feedback/new?kind=correction"' in zh
    en = app.get("/en/").body
    assert "What you can do here" in en and "Data open on conditions" in en and "Applying for data open on conditions" in en
    assert "Ask for data that is not yet open" in en and "Report an error in published data" in en
