"""Auth functions built from a table keep what CKAN reads off a function: its name (in the refusal
"Action … requires an authenticated user") and the rule's flags (anonymous access, sysadmins
checked, chained), and they answer as the rule does."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.common.auth_table import allow, by_action, deny, public


@tk.chained_auth_function
@tk.auth_sysadmins_check
def _chained(next_auth, context, data_dict):
    return next_auth(context, data_dict) if data_dict.get("ok") else deny("no")


def test_each_action_gets_a_function_of_its_own_name_with_the_rules_flags():
    functions = by_action({"harbin_a_show": public, "harbin_b_show": public, "package_update": _chained})
    assert [f.__name__ for f in functions.values()] == ["harbin_a_show", "harbin_b_show", "package_update"]
    assert functions["harbin_a_show"] is not functions["harbin_b_show"]
    assert functions["harbin_a_show"].auth_allow_anonymous_access is True
    assert not hasattr(functions["harbin_a_show"], "auth_sysadmins_check")
    assert functions["package_update"].chained_auth_function is True
    assert functions["package_update"].auth_sysadmins_check is True
    assert not hasattr(functions["package_update"], "auth_allow_anonymous_access")


def test_the_functions_answer_as_their_rule():
    functions = by_action({"harbin_a_show": public, "package_update": _chained})
    assert functions["harbin_a_show"]({}, {}) == allow()
    assert functions["package_update"](lambda context, data_dict: allow(), {}, {"ok": True}) == allow()
    assert functions["package_update"](lambda context, data_dict: allow(), {}, {}) == {"success": False, "msg": "no"}
