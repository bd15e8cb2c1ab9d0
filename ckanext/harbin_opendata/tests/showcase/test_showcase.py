"""Reuse cases: who may manage them, what the public sees, and that input cannot inject markup."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from ckan.tests import factories
from ckan.tests.helpers import call_action, call_auth

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.factories import CatalogEntry

XSS = '<script>alert("x")</script>'


def _case(sysadmin: dict, **fields) -> dict:
    data = {"title": "冰雪出行地图", "summary": "基于积雪深度数据的出行提示应用。", "unit": "哈尔滨工业大学",
            "kind": "app", "url": "https://example.org/snow-map", "published": True}
    data.update(fields)
    return call_action("harbin_showcase_create", {"user": sysadmin["name"]}, **data)


@pytest.fixture
def people(with_plugins, clean_db, clean_index):
    # centre_reviewer is named a reviewer in test.ini: the big-data centre manages cases too.
    return {"sysadmin": factories.Sysadmin(), "user": factories.User(), "reviewer": factories.User(name="centre_reviewer")}


@pytest.mark.parametrize("action", ["harbin_showcase_create", "harbin_showcase_update", "harbin_showcase_delete"])
@pytest.mark.parametrize("who, allowed", [("sysadmin", True), ("reviewer", True), ("user", False), ("anonymous", False)])
def test_auth_matrix_for_managing(people, action, who, allowed):
    context = {"user": people[who]["name"] if who in people else "", "model": model}
    if allowed:
        assert call_auth(action, context, id="x")
    else:
        with pytest.raises(tk.NotAuthorized):
            call_auth(action, context, id="x")


def test_anyone_lists_and_reads_published_cases_only(people):
    entry = CatalogEntry()
    shown = _case(people["sysadmin"], datasets=[entry["name"]])
    hidden = _case(people["sysadmin"], title="草稿案例", published=False)
    anonymous = {"user": "", "ignore_auth": False}  # call_action skips auth unless told
    assert [c["id"] for c in call_action("harbin_showcase_list", anonymous)] == [shown["id"]]
    assert call_action("harbin_showcase_list", anonymous, dataset=entry["name"])[0]["datasets"][0]["name"] == entry["name"]
    with pytest.raises(tk.NotAuthorized):
        call_action("harbin_showcase_show", anonymous, id=hidden["id"])
    assert call_action("harbin_showcase_show", {"user": people["sysadmin"]["name"]}, id=hidden["id"])["title"] == "草稿案例"


def test_links_only_published_entries_and_http_urls(people):
    draft = CatalogEntry(published=False)
    with pytest.raises(tk.ValidationError) as error:
        _case(people["sysadmin"], datasets=[draft["name"]], image_url="javascript:alert(1)", kind="poem")
    assert set(error.value.error_dict) == {"datasets", "image_url", "kind"}


def test_update_and_delete(people):
    case = _case(people["sysadmin"])
    context = {"user": people["sysadmin"]["name"]}
    updated = call_action("harbin_showcase_update", context, id=case["id"], title="新标题", summary="摘要",
                          unit="单位", kind="news")
    assert updated["title"] == "新标题" and updated["url"] is None
    call_action("harbin_showcase_delete", context, id=case["id"])
    with pytest.raises(tk.ObjectNotFound):
        call_action("harbin_showcase_show", context, id=case["id"])


def test_pages_in_chinese_and_english_escape_stored_markup(app, people):
    entry = CatalogEntry(title="哈尔滨市积雪深度观测数据")
    case = _case(people["sysadmin"], title=f"冰雪出行地图{XSS}", unit=XSS, datasets=[entry["name"]])
    listing = app.get("/showcase/").body
    assert "利用案例" in listing and "冰雪出行地图" in listing and XSS not in listing
    page = app.get(f"/showcase/{case['id']}").body
    assert "&lt;script&gt;" in page and XSS not in page
    assert "哈尔滨市积雪深度观测数据" in page and "应用" in page
    assert "Reuse cases" in app.get("/en/showcase/").body
    dataset_page = app.get(f"/dataset/{entry['name']}").body
    assert "使用此数据的利用案例" in dataset_page and "冰雪出行地图" in dataset_page
    hidden = _case(people["sysadmin"], title="草稿案例", published=False)
    assert app.get(f"/showcase/{hidden['id']}", status=404)
    home = app.get("/").body
    assert "全部利用案例" in home and f"/showcase/{case['id']}" in home and "草稿案例" not in home


def test_administrators_create_cases_through_the_form_with_csrf(app, people):
    from ckanext.harbin_opendata.tests.web import csrf_token, logged_in_client

    entry = CatalogEntry()
    assert app.get("/showcase/new", follow_redirects=False, status=302)  # to log in
    client = logged_in_client(app, people["user"]["name"])
    assert client.get("/showcase/new").status_code == 403
    admin = logged_in_client(app, people["sysadmin"]["name"])
    form = {"title": "冰雪出行地图", "summary": "摘要", "unit": "哈尔滨工业大学", "kind": "research",
            "datasets": entry["name"], "published": "true"}
    assert admin.post("/showcase/new", data=form).status_code == 400  # no CSRF token
    token = csrf_token(admin.get("/showcase/new").body)
    response = admin.post("/showcase/new", data={**form, "_csrf_token": token}, follow_redirects=True)
    assert "冰雪出行地图" in response.body and entry["title"] in response.body and "/edit" in response.body
    assert "/edit" not in app.get(response.request.path).body  # the public sees no edit link
    bad = admin.post("/showcase/new", data={**form, "image_url": "javascript:alert(1)", "_csrf_token": token})
    assert "请填写以 http:// 或 https:// 开头的地址。" in bad.body


@pytest.mark.parametrize("field, value", [
    ("summary", "联系人：王建国 13845123000，欢迎交流。"),
    ("title", "开发者身份证23010219941221944X的应用"),
    ("unit", "个人开发者（手机 一三八四五一二三零零零）"),
    ("url", "https://example.org/app?lxr=王建国&sj=13845123000"),
])
def test_personal_data_in_a_case_is_refused_with_the_field_named(people, field, value):
    with pytest.raises(tk.ValidationError) as error:
        _case(people["sysadmin"], **{field: value})
    assert set(error.value.error_dict) == {field}
    assert "个人信息" in str(error.value.error_dict[field]) or "personal data" in str(error.value.error_dict[field])


def test_a_case_stored_before_the_check_is_shown_masked(app, people):
    """A case written before its texts were checked (an older portal, a restored dump): its
    texts reach the public masked and a link with personal data not at all."""
    case = _case(people["sysadmin"])
    model.Session.execute(sa.text("UPDATE harbin_showcase_case SET summary = :summary, url = :url WHERE id = :id"), {
        "summary": "联系人王建国，电话13845123000", "url": "https://example.org/?sfzh=230102199412219446", "id": case["id"]})
    model.Session.commit()
    shown = call_action("harbin_showcase_show", {"user": ""}, id=case["id"])
    assert "13845123000" not in shown["summary"] and "王建国" not in shown["summary"]
    assert shown["url"] is None
    page = app.get("/showcase").body
    assert "13845123000" not in page and "230102199412219446" not in page and "王建国" not in page
