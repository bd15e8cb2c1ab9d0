"""The agency's page shows the code lists' labels, and entry pages name the agency's credit code."""
from __future__ import annotations

import re

import pytest

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

