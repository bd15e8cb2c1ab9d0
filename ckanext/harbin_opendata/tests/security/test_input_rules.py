"""Input rules found by the probe (issue 18, item 13): an agency patched by its name keeps its own
credit code; an entry's source address is http(s) only (no javascript: link on its page)."""
from __future__ import annotations

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
