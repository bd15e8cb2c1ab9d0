"""CKAN core strings its zh_Hans_CN catalog leaves empty render in Chinese through ours."""
from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.harbin_opendata.tests.factories import CatalogEntry
from ckanext.harbin_opendata.tests.web import logged_in_client


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_resource_page_table_headings_are_chinese(app):
    entry = CatalogEntry(resources=[{"url": "http://example.org/snow.csv", "format": "CSV", "name": "积雪深度"}])
    html = app.get(f"/dataset/{entry['name']}/resource/{entry['resources'][0]['id']}").body
    for chinese in ("数据最后更新", "元数据最后更新", "数据集描述："):
        assert chinese in html
    for english in ("Data last updated", "Metadata last updated", "Dataset description:"):
        assert english not in html
    assert "Data last updated" in app.get(f"/en/dataset/{entry['name']}/resource/{entry['resources'][0]['id']}").body


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_new_dataset_page_without_an_organization_is_chinese(app):
    client = logged_in_client(app, factories.Sysadmin()["name"])  # no organization exists yet
    html = client.get("/dataset/new").body
    assert "创建数据集之前，需要先创建一个组织。" in html and "创建新组织" in html
    assert "Before you can create a dataset" not in html


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_markdown_hint_is_chinese(app):
    client = logged_in_client(app, factories.Sysadmin()["name"])
    html = client.get("/organization/new").body
    assert "Markdown 格式</a>" in html
    assert "Markdown formatting</a> here" not in html


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_activity_page_and_entry_form_box_are_chinese(app):
    """Found walking the demo portal: the activity page's filter and the new-entry form's side box."""
    entry = CatalogEntry()
    activity = app.get(f"/dataset/activity/{entry['name']}").body
    assert "全部动态类型" in activity and "All activity types" not in activity
    admin = factories.Sysadmin()["name"]
    call_action("package_patch", {"user": admin}, id=entry["id"], notes_en="Snow depth by district, daily.")
    stream = app.get(f"/dataset/activity/{entry['name']}").body
    assert "更新了" in stream and not any(english in stream for english in ("updated the", "View this version"))
    form = logged_in_client(app, admin).get("/dataset/new").body
    assert "什么是目录条目？" in form and "CKAN" not in form.split("什么是目录条目？")[1][:400]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_api_token_page_and_register_link_are_chinese(app):
    """Found walking the demo portal: "* Name" on the API-token form, 登记 for Register."""
    user = factories.User()["name"]
    tokens = logged_in_client(app, user).get(f"/user/{user}/api-tokens").body
    label = tokens.split('for="name"')[1][:120]
    assert "名称" in label and "Name" not in label
    assert "注册" in app.get("/user/login").body and ">登记<" not in app.get("/user/login").body
    assert "- 用户 -" in tokens and "用户数" not in tokens  # its title
