"""Real-name verification (实名认证) through the site's IIdentityCheck, here the documented example
plugin harbin_identity_example (loaded by test.ini): the result is kept on the account with the ID number masked (never
whole); with access.require_identity_check only verified users may apply."""
from __future__ import annotations

import json

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ...common.resident_id import check_character
from .conftest import AGREEMENT, application_form

FIRST17 = "23010219900307123"
NUMBER = FIRST17 + check_character(FIRST17)


@pytest.fixture
def identity_site(ckan_config, monkeypatch):
    """Applications need a verified real name (test.ini loads harbin_identity_example)."""
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.access.require_identity_check", "true")


@pytest.mark.usefixtures("with_request_context")  # the messages are in the request's language
def test_only_verified_users_apply_and_the_number_is_kept_masked(identity_site, conditional):
    citizen, entry = conditional.outsider, conditional.entry["id"]
    tk.get_action("harbin_access_agreement_update")({"user": conditional.people.editor}, {"id": entry, "text": AGREEMENT})
    with pytest.raises(tk.NotAuthorized, match="请先完成实名认证"):
        tk.get_action("harbin_access_apply")({"user": citizen}, application_form(entry))
    wrong = NUMBER[:17] + ("0" if NUMBER[17] != "0" else "1")
    refused = tk.get_action("harbin_access_identity_check")({"user": citizen}, {"real_name": "张三", "id_number": wrong})
    assert refused["verified"] is False and "不一致" in refused["message"] and refused["identity"] is None
    checked = tk.get_action("harbin_access_identity_check")({"user": citizen}, {"real_name": "张三", "id_number": NUMBER})
    assert checked["verified"] is True and checked["message"] == "您已通过实名认证。"
    kept = tk.get_action("harbin_access_identity_show")({"user": citizen}, {})
    assert kept["real_name"] == "张三" and kept["id_number"] == NUMBER[:6] + "********" + NUMBER[-4:]
    assert kept["reference"].startswith("example-") and NUMBER not in json.dumps(model.User.get(citizen).plugin_extras)
    assert tk.get_action("harbin_access_apply")({"user": citizen}, application_form(entry))["state"] == "pending"


@pytest.mark.usefixtures("with_request_context")
def test_a_failing_identity_service_is_a_clear_refusal(conditional, monkeypatch):
    """The site's service down (a timeout, an error page): not verified, a message, never a 500."""
    import ckan.plugins as p

    def down(*args, **kwargs):
        raise ConnectionError("identity service unreachable")

    monkeypatch.setattr(p.get_plugin("harbin_identity_example"), "identity_check", down)  # the site's service
    with pytest.raises(tk.ValidationError) as refused:
        tk.get_action("harbin_access_identity_check")({"user": conditional.outsider},
                                                      {"real_name": "张三", "id_number": NUMBER})
    assert "实名认证服务暂时无法访问" in str(refused.value.error_dict)
    assert tk.get_action("harbin_access_identity_show")({"user": conditional.outsider}, {}) is None


@pytest.mark.ckan_config("ckanext.harbin_opendata.access.identity_attempts_per_day", "2")
def test_attempts_are_limited_per_day_and_recorded(conditional, app):
    """Past the day's attempts (here 2): 429 with Retry-After and a message in the reader's
    language, the service not asked; every attempt in the trail with the number masked."""
    def attempt(number: str, prefix: str = ""):
        return app.post(f"{prefix}/api/action/harbin_access_identity_check", json={"real_name": "张三", "id_number": number},
                        headers={"Authorization": conditional.token})

    wrong = NUMBER[:17] + ("0" if NUMBER[17] != "0" else "1")
    assert attempt(wrong).json["result"]["verified"] is False
    assert attempt(wrong).json["result"]["verified"] is False
    limited = attempt(NUMBER)  # the right number, but too late today
    assert limited.status_code == 429 and limited.json["success"] is False
    assert "今日的实名认证尝试次数（2次）已用完" in limited.json["error"]["message"]
    assert 0 < int(limited.headers["Retry-After"]) <= 86401
    english = attempt(NUMBER, "/en")
    assert english.status_code == 429 and "used today's 2 attempts" in english.json["error"]["message"]
    assert tk.get_action("harbin_access_identity_show")({"user": conditional.outsider}, {}) is None
    trail = tk.get_action("harbin_access_identity_attempt_list")({"user": conditional.people.sysadmin},
                                                                 {"user": conditional.outsider})
    assert [row["outcome"] for row in trail] == ["limited", "limited", "refused", "refused"]  # newest first
    assert {row["id_number"] for row in trail} == {wrong[:6] + "********" + wrong[-4:], NUMBER[:6] + "********" + NUMBER[-4:]}
    assert {row["user_name"] for row in trail} == {conditional.outsider} and NUMBER not in json.dumps(trail)
