"""Catalog entry and agency pages and forms, in Chinese and English, with CSRF, as a browser posts them."""
from __future__ import annotations

import re

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry
from ckanext.harbin_opendata.tests.web import csrf_token as _csrf
from ckanext.harbin_opendata.tests.web import logged_in_client

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.fixture
def logged_in(app):
    """A client logged in as a sysadmin through the login form."""
    return logged_in_client(app, factories.Sysadmin()["name"])


def test_entry_page_shows_data_items_and_labels(app):
    entry = CatalogEntry(data_domain="health", update_frequency="quarterly", data_items=[
        {"name": "核定床位数", "type": "integer", "description": "核定床位数量", "unit": "张", "example": "120"}])
    zh = app.get(f"/dataset/{entry['name']}").body
    assert re.search(r"<h3>数据项</h3>.*核定床位数.*整数型.*核定床位数量.*张.*120", zh, re.S)
    assert "数据领域" in zh and "卫生健康" in zh and "每季度" in zh and "资源代码" in zh
    en = app.get(f"/en/dataset/{entry['name']}").body
    assert re.search(r"<h3>Data items</h3>.*核定床位数.*Integer", en, re.S)
    assert "Data domain" in en and "Health" in en and "Quarterly" in en


@pytest.mark.parametrize("last_updated, badge", [("2020-01-01", "已逾期未更新"), (None, "按时更新")])
def test_entry_page_shows_update_status_and_how_to_get_the_data(app, last_updated, badge):
    import datetime as dt

    today = dt.date.today().isoformat()
    entry = CatalogEntry(update_frequency="monthly", last_updated=last_updated or today, open_type="conditional",
                         open_conditions="仅限科研用途，须签订数据使用协议。")
    html = app.get(f"/dataset/{entry['name']}").body
    assert badge in html and "有条件开放" in html and "仅限科研用途" in html
    assert f"/api/3/action/package_show?id={entry['name']}" in html
    assert f"/dataset/{entry['name']}.ttl" in html and "获取数据" in html
    assert "kind=data_request" in html and "kind=correction" in html


def test_data_item_text_is_escaped(app):
    entry = CatalogEntry(data_items=[{"name": "<script>alert(1)</script>", "type": "string"}])
    html = app.get(f"/dataset/{entry['name']}").body
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("path, words", [
    ("/dataset/new", ["资源名称", "资源代码", "数据领域", "数据摘要", "数据项", "数据格式", "更新周期", "开放类型", "脱敏状态",
                      "无条件开放", "有条件开放", "每季度", "卫生健康", "整数型"]),
    ("/en/dataset/new", ["Resource name", "Resource code", "Data domain", "Abstract", "Data items",
                         "Data formats", "Update frequency", "Open type", "Desensitization status",
                         "Open without conditions", "Open on conditions", "Quarterly", "Health", "Integer"]),
    ("/organization/new", ["单位名称", "统一社会信用代码", "单位类型", "所属区县", "公用企业", "道里区"]),
    ("/en/organization/new", ["Agency name", "Unified social credit code", "Kind of agency", "District",
                              "Public utility company", "Daoli District"]),
])
def test_forms_are_labelled(logged_in, path, words):
    Agency()  # the entry form asks for an agency first
    html = logged_in.get(path).body
    assert [w for w in words if w not in html] == []


def _entry_form(token: str, owner_org: str, **fields: str) -> dict[str, object]:
    form = {
        "_csrf_token": token, "save": "continue", "title": "哈尔滨市停车场信息", "name": "hrb-parking",
        "resource_code": "307001/000010", "owner_org": owner_org, "data_domain": "transport",
        "notes": "全市公共停车场。", "data_items-0-name": "停车场名称", "data_items-0-type": "string",
        "data_items-1-name": "泊位数", "data_items-1-type": "integer", "data_items-1-unit": "个",
        "data_formats": ["CSV", "JSON"], "update_frequency": "monthly", "open_type": "unconditional",
        "desensitization_status": "not_required", "license_id": "cc-by",
    }
    form.update(fields)
    return form


def test_entry_form_creates_the_entry(logged_in):
    agency = Agency()
    token = _csrf(logged_in.get("/dataset/new").body)
    logged_in.post("/dataset/new", data=_entry_form(token, agency["id"]))
    entry = tk.get_action("package_show")({"ignore_auth": True}, {"id": "hrb-parking"})
    assert entry["data_items"] == [{"name": "停车场名称", "type": "string"},
                                   {"name": "泊位数", "type": "integer", "unit": "个"}]
    assert entry["data_formats"] == ["CSV", "JSON"] and entry["resource_code"] == "307001/000010"


def _selected(html: str, field: str) -> list[str]:
    """The text of the selected (or, with none selected, the first) option of a select."""
    select = re.search(r'<select[^>]*id="field-' + field + r'".*?</select>', html, re.S).group(0)
    options = re.findall(r'<option([^>]*)>([^<]*)</option>', select)
    chosen = [text.strip() for attrs, text in options if "selected" in attrs] or [options[0][1].strip()]
    return chosen + [value for value in re.findall(r'value="([^"]*)"', select) if value == "notspecified"]


def test_risky_fields_start_empty_and_must_be_chosen(logged_in):
    """数据领域, 更新周期, 开放类型, 脱敏状态 and the licence start at 请选择 (no licence 未指定许可证 is
    offered); a Chinese title with no address gets one made from the resource code; a field left at
    请选择 is refused at that field."""
    agency = Agency()
    html = logged_in.get("/dataset/new").body
    for field in ("data_domain", "update_frequency", "open_type", "desensitization_status", "license_id"):
        assert _selected(html, field) == ["请选择"], field
    token = _csrf(html)
    refused = logged_in.post("/dataset/new", data=_entry_form(token, agency["id"], name="", open_type="")).body
    assert re.search(r'id="field-open_type".*?</select>\s*<span class="error-block">缺少此项', refused, re.S)
    assert "网址标识" not in re.search(r'class="error-explanation.*?</div>', refused, re.S).group(0)
    logged_in.post("/dataset/new", data=_entry_form(_csrf(refused), agency["id"], name=""))
    entry = tk.get_action("package_show")({"ignore_auth": True}, {"id": "hrb-307001-000010"})
    assert entry["title"] == "哈尔滨市停车场信息"


@pytest.mark.parametrize("prefix, message", [
    ("", "「301001-10」不是有效的资源代码"),
    ("/en", "「301001-10」 is not a resource code"),
])
def test_entry_form_errors_in_the_reader_language(logged_in, prefix, message):
    agency = Agency()
    token = _csrf(logged_in.get(f"{prefix}/dataset/new").body)
    html = logged_in.post(f"{prefix}/dataset/new",
                          data=_entry_form(token, agency["id"], resource_code="301001-10")).body
    assert message in html
    assert model.Package.get("hrb-parking") is None


def test_entry_form_without_csrf_token_is_refused(logged_in):
    agency = Agency()
    response = logged_in.post("/dataset/new", data=_entry_form("", agency["id"]), status=400)
    assert "CSRF" in response.body
    assert model.Package.get("hrb-parking") is None


@pytest.mark.parametrize("prefix, message", [
    ("", "统一社会信用代码校验码（第18位）不正确"),
    ("/en", "The check character (18th) of this unified social credit code is wrong"),
])
def test_agency_form_checks_the_credit_code(logged_in, prefix, message):
    token = _csrf(logged_in.get(f"{prefix}/organization/new").body)
    form = {"_csrf_token": token, "save": "", "title": "哈尔滨市测试局", "name": "hrb-csj",
            "credit_code": "9144030071526726XH", "agency_kind": "government", "district": "230102"}
    html = logged_in.post(f"{prefix}/organization/new", data=form).body
    assert message in html
    form["credit_code"] = "9144030071526726XG"
    logged_in.post(f"{prefix}/organization/new", data=form)
    assert tk.get_action("organization_show")({}, {"id": "hrb-csj"})["credit_code"] == "9144030071526726XG"


def _error_items(html: str) -> list[tuple[str, str]]:
    summary = re.search(r'class="error-explanation.*?</div>', html, re.S).group(0)
    return [(key, re.sub(r"<[^>]+>|\s+", " ", text).strip())
            for key, text in re.findall(r'<li data-field-label="([^"]+)">(.*?)(?=<li|</ul>)', summary, re.S)]


@pytest.mark.parametrize("prefix, visibility", [("", "可见性"), ("/en", "Visibility")])
def test_every_form_error_is_named_by_a_visible_field(logged_in, prefix, visibility):
    """The sweep of the entry form's errors: each is named by the label of a field shown on the form
    (no raw key such as `private:`, no English on Chinese pages); the form offers no 私有/公开 choice
    (the review decides), and a visibility sent anyway is refused at the field stating it."""
    agency = Agency()
    html = logged_in.get(f"{prefix}/dataset/new").body
    assert 'name="private"' not in html and 'id="field-private"' in html
    bad = _entry_form(_csrf(html), agency["id"], title="", name="x y", resource_code="bad", data_domain="",
                      update_frequency="zz", last_updated="x", contact_email="notmail",
                      license_id="notspecified", **{"data_items-0-name": ""})
    refused = logged_in.post(f"{prefix}/dataset/new", data=bad).body
    private = logged_in.post(f"{prefix}/dataset/new", data=_entry_form(_csrf(refused), agency["id"], private="False")).body
    items = _error_items(refused) + _error_items(private)
    assert len(items) >= 10 and ("private", f"{visibility}: " + ("Only a reviewer publishes an entry: submit it for review."
                                 if prefix else "目录条目只能由审核人员发布：请提交审核。")) in items, items
    for key, text in items:
        label = text.split(":", 1)[0]
        assert label != key and f'id="field-{key.split("-")[0]}' in html, (key, text)
        assert not prefix and re.search(r"[\u4e00-\u9fff]", label) or prefix and label.isascii(), (key, text)
    if not prefix:
        english = [text for _, text in items  # the values typed, quoted, may be Latin
                   if re.search(r"[A-Za-z]{4,}", re.sub(r"[“「].*?[”」]", "", text.split(":", 1)[1]))]
        assert english == []
    assert model.Package.get("hrb-parking") is None
