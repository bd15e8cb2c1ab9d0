"""Input rules found by the probe (issue 18, item 13): an agency patched by its name keeps its own
credit code; an entry's source address is http(s) only (no javascript: link on its page)."""
from __future__ import annotations

import json

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry


@pytest.fixture
def sysadmin(with_plugins, clean_db):
    return factories.Sysadmin()["name"]


@pytest.mark.parametrize("ref", ["name", "id"])
def test_organization_patch_by_name_or_id_keeps_its_credit_code(sysadmin, ref):
    agency = Agency(name="hrb-agency-a")
    code = tk.get_action("organization_show")({"user": sysadmin}, {"id": agency["id"]})["credit_code"]
    tk.get_action("organization_patch")({"user": sysadmin}, {"id": agency[ref], "title": "哈尔滨市新局名"})
    patched = tk.get_action("organization_show")({"user": sysadmin}, {"id": agency["id"]})
    assert patched["title"] == "哈尔滨市新局名" and patched["credit_code"] == code
    with pytest.raises(tk.ValidationError, match="credit"):  # another agency's code is still refused
        tk.get_action("organization_patch")({"user": sysadmin}, {"id": Agency()[ref], "credit_code": code})


@pytest.mark.parametrize("address", ["javascript:alert(1)", " JaVa\tScript:alert(1)", "data:text/html,<script>x</script>",
                                     "vbscript:msgbox(1)"])
def test_an_entry_source_address_is_a_web_address(sysadmin, address):
    entry = CatalogEntry()
    with pytest.raises(tk.ValidationError) as raised:
        tk.get_action("package_patch")({"user": sysadmin}, {"id": entry["id"], "url": address})
    assert "url" in raised.value.error_dict
    assert tk.get_action("package_patch")({"user": sysadmin}, {"id": entry["id"], "url": "https://data.example.org/x"})[
        "url"] == "https://data.example.org/x"


def test_a_shown_entry_sent_back_to_package_update_is_accepted(app, with_plugins, clean_db, clean_index):
    """A client's round trip (ckanapi, an agency's sync script): package_show, change a field,
    package_update with the whole dict, its `organization` object included, which CKAN ignores
    (owner_org decides). The guard refused it: 400 “organization”必须是一个文本值."""
    editor = factories.User()
    agency = Agency(users=[{"name": editor["name"], "capacity": "editor"}])
    entry = CatalogEntry(owner_org=agency["id"], private=True, published=False)  # a draft: its agency edits it
    token = tk.get_action("api_token_create")({"user": editor["name"], "ignore_auth": True},
                                              {"user": editor["name"], "name": "sync"})["token"]
    headers = {"Authorization": token}
    shown = app.get(f"/api/3/action/package_show?id={entry['id']}", headers=headers).json["result"]
    assert isinstance(shown["organization"], dict)
    answer = app.post("/api/3/action/package_update", json={**shown, "notes": "同步脚本更新的摘要"}, headers=headers)
    assert answer.status_code == 200, answer.body
    assert answer.json["result"]["notes"] == "同步脚本更新的摘要" and answer.json["result"]["owner_org"] == agency["id"]
    refused = app.post("/api/3/action/package_update", json={**shown, "owner_org": {"id": agency["id"]}}, headers=headers)
    assert refused.status_code == 400  # a reference CKAN reads is still one text


def test_a_page_beyond_any_result_is_a_clear_400(app, with_plugins):
    """Solr reads start as a 32-bit integer: page=10^18 answered a 200 page with CKAN's English search
    error, start=10^14 a 409 carrying Solr's own text."""
    zh = app.get("/dataset/?page=999999999999999999", status=400).body
    assert "超出" in zh and "There was an error" not in zh
    api = app.get("/api/3/action/package_search?start=99999999999999", status=400).json
    assert "start" in api["error"]["message"] and "solr" not in str(api).lower()
    en = app.get("/en/dataset/?page=999999999999999999", status=400).body
    assert "beyond the last page" in en
    assert app.get("/dataset/?page=3").status_code == 200


def test_an_extra_named_as_a_catalog_field_is_refused_in_chinese(app, sysadmin):
    """CKAN's 'There is a schema field with the same name' had no Chinese (probe 2, F11)."""
    token = tk.get_action("api_token_create")({"user": sysadmin, "ignore_auth": True},
                                              {"user": sysadmin, "name": "t"})["token"]
    agency = Agency()
    answer = app.post("/api/3/action/package_create", headers={"Authorization": token}, json={
        "name": "hrb-extra-clash", "title": "测试", "owner_org": agency["id"],
        "extras": [{"key": "open_type", "value": "unconditional"}]})
    assert answer.status_code in (400, 409)
    text = json.dumps(answer.json["error"], ensure_ascii=False)
    assert "已有同名的目录字段" in text and "schema field" not in text
