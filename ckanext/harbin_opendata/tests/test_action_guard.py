"""The API guard chained on every action keeps CKAN's auth-audit exemption of extension actions,
whatever the plugin order: without it ckanext-harvest's harvest_jobs_run (harvest_source_show
calling package_show) raised "did not call its auth function" at the end of every harvest run
with the plugins in test.ini's order."""
from __future__ import annotations

import ckan.logic.action.get as core_get

from ckanext.harbin_opendata.hardening import action_guard


def an_extension_action(context, data_dict):  # not yet flagged by CKAN when the guard is made
    return data_dict


def test_extension_actions_stay_exempt_from_the_auth_audit_and_core_ones_do_not():
    assert getattr(action_guard._guard("an_extension_action", an_extension_action), "auth_audit_exempt", False)
    assert not getattr(action_guard._guard("package_show", core_get.package_show), "auth_audit_exempt", False)
