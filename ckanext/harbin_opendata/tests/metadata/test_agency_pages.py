"""The agency's page shows the code lists' labels, and entry pages name the agency's credit code."""
from __future__ import annotations

import re

import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_agency_about_page_shows_labels_not_codes_and_no_empty_rows(app):
    agency = Agency(title="哈尔滨市气象局", agency_kind="institution", district="230103", contact_phone="")
    html = app.get(f"/organization/about/{agency['name']}").body
    assert re.search(r"单位类型</dt>\s*<dd[^>]*>事业单位</dd>", html)
    assert re.search(r"所属区县</dt>\s*<dd[^>]*>南岗区</dd>", html)
    assert agency["credit_code"] in html
    assert "联系电话" not in html and "&nbsp;" not in html.split("harbin-agency-facts")[1].split("</dl>")[0]
    english = app.get(f"/en/organization/about/{agency['name']}").body
    assert "Public institution" in english and "Nangang District" in english


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_entry_page_names_the_agency_and_its_credit_code(app):
    agency = Agency(title="哈尔滨市气象局")
    entry = CatalogEntry(owner_org=agency["id"])
    html = app.get(f"/dataset/{entry['name']}").body
    assert re.search(r"提供单位</th>\s*<td[^>]*><a href=\"/organization/[^\"]+\">哈尔滨市气象局</a>", html)
    assert re.search(r"统一社会信用代码</th>\s*<td[^>]*>" + agency["credit_code"] + "</td>", html)



_CHINESE, _ENGLISH = "哈尔滨市气象局", "Harbin Meteorological Bureau"


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_english_pages_name_the_agency_in_english(app):
    agency = Agency(title=_CHINESE, title_en=_ENGLISH)
    entry = CatalogEntry(owner_org=agency["id"])
    pages = {path: app.get(path).body for path in (
        f"/en/organization/{agency['name']}", f"/en/organization/about/{agency['name']}",
        "/en/organization/", f"/en/dataset/{entry['name']}", "/en/dataset/", "/en/")}
    for path, html in pages.items():  # the search page's facet names it without the city (walk F-A1)
        assert (_ENGLISH if path != "/en/dataset/" else "Meteorological Bureau") in html and _CHINESE not in html, path
    assert re.search(r"<title>\s*" + _ENGLISH, pages[f"/en/organization/{agency['name']}"])
    assert re.search(r"Provider agency</th>\s*<td[^>]*><a href=\"[^\"]+\">" + _ENGLISH + "</a>",
                     pages[f"/en/dataset/{entry['name']}"])
    assert re.search(r'<span class="item-label">Meteorological Bureau</span>', pages["/en/dataset/"])  # facet
    for path in (f"/organization/{agency['name']}", f"/dataset/{entry['name']}", "/dataset/"):
        html = app.get(path).body
        assert _CHINESE in html and _ENGLISH not in html, path


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_editing_an_agency_in_english_keeps_its_chinese_name(app):
    """The English edit form shows and saves the 单位名称, not the English name the page shows."""
    from ckan.tests import factories

    from ckanext.harbin_opendata.tests.web import form_fields, logged_in_client

    agency = Agency(title=_CHINESE, title_en=_ENGLISH, description="气象数据的提供单位。")
    client = logged_in_client(app, factories.Sysadmin()["name"])
    data = form_fields(client.get(f"/en/organization/edit/{agency['name']}").body)
    assert data["title"] == _CHINESE
    client.post(f"/en/organization/edit/{agency['name']}", data={**data, "save": ""})
    saved = tk.get_action("organization_show")({"ignore_auth": True}, {"id": agency["id"]})
    assert (saved["title"], saved["title_en"], saved["description"]) == (_CHINESE, _ENGLISH, "气象数据的提供单位。")
