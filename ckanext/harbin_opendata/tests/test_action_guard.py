"""The API guard chained on every action keeps CKAN's auth-audit exemption of extension actions,
whatever the plugin order: without it ckanext-harvest's harvest_jobs_run (harvest_source_show
calling package_show) raised "did not call its auth function" at the end of every harvest run
with the plugins in test.ini's order."""
from __future__ import annotations

import pytest
from ckan.tests import factories

import ckan.logic.action.get as core_get
import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.hardening import action_guard
from ckanext.harbin_opendata.tests.factories import Agency


def an_extension_action(context, data_dict):  # not yet flagged by CKAN when the guard is made
    return data_dict


def test_extension_actions_stay_exempt_from_the_auth_audit_and_core_ones_do_not():
    assert getattr(action_guard._guard("an_extension_action", an_extension_action), "auth_audit_exempt", False)
    assert not getattr(action_guard._guard("package_show", core_get.package_show), "auth_audit_exempt", False)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
@pytest.mark.parametrize("field, value", [("data_items", "notalist"), ("data_items", [None]), ("tags", "abc"),
                                          ("extras", "x"), ("resources", "r")])
def test_a_field_in_the_wrong_shape_is_refused_in_the_readers_language(app, field, value):
    """CKAN answered text where a list of items belongs with a 400 "Integrity Error" in English
    ("Only lists of dicts can be placed against subschema ('data_items',), not <class 'str'>")."""
    user = factories.Sysadmin()["name"]
    token = tk.get_action("api_token_create")({"user": user, "ignore_auth": True}, {"user": user, "name": "t"})["token"]
    agency = Agency()
    response = app.post("/api/3/action/package_create", json={"name": "shape-test", "owner_org": agency["id"], field: value},
                        headers={"Authorization": token, "Accept-Language": "zh-CN"}, status=409)
    error = response.json["error"]
    assert error["__type"] == "Validation Error" and "列表" in error["tag_string" if field == "tags" else field][0], error
    assert model.Package.get("shape-test") is None
