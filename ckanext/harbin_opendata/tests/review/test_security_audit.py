"""Probe 2 F5 (等级保护 安全审计: 重要的用户行为和重要安全事件): account changes, sysadmin rights, API
tokens, app keys, group membership, failed logins, lock-outs and refused actions are in the audit
log, with who, what and from which address; a sysadmin resetting the reviewer's or the auditor's
password leaves a row the auditor sees marked; floods are bounded."""
from __future__ import annotations

import json

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry
from ckanext.harbin_opendata.tests.review.conftest import REVIEWER
from ckanext.harbin_opendata.tests.web import PASSWORD, csrf_token, logged_in_client

NEW_PASSWORD = "Songhua-River-77!"
AUDITOR = "centre_auditor"
ADDRESS = "10.31.4.17"  # an agency's office network
FROM = {"REMOTE_ADDR": ADDRESS}


def _token(user: str) -> str:
    return tk.get_action("api_token_create")({"user": user, "ignore_auth": True}, {"user": user, "name": "sync"})["token"]


def _api(app, action: str, token: str, data: dict):
    return app.post(f"/api/3/action/{action}", json=data, headers={"Authorization": token}, environ_overrides=FROM)


def _events(sysadmin: str, event: str) -> list[dict]:
    return tk.get_action("harbin_review_audit_list")({"user": sysadmin}, {"event": event, "limit": 100})["results"]


@pytest.fixture
def cast(with_plugins, clean_db, clean_index, clean_redis, app):
    admin = factories.Sysadmin(name="site_admin")["name"]
    editor = factories.User(name="rsj_editor")["name"]
    agency = Agency(name="hrb-rsj", users=[{"name": editor, "capacity": "editor"}])
    for name in (REVIEWER, AUDITOR, "wang_citizen"):
        factories.User(name=name)
    return {"admin": admin, "editor": editor, "agency": agency, "admin_token": _token(admin)}


@pytest.mark.ckan_config("ckanext.harbin_opendata.review.auditors", AUDITOR)
def test_password_resets_of_the_review_and_audit_staff_are_marked(app, cast):
    for name in (REVIEWER, AUDITOR, "wang_citizen"):
        assert _api(app, "user_patch", cast["admin_token"], {"id": name, "password": NEW_PASSWORD}).status_code == 200
    rows = {row["details"]["user"]: row for row in _events(cast["admin"], "user_updated")}
    for name, role in ((REVIEWER, "reviewer"), (AUDITOR, "auditor"), ("wang_citizen", None)):
        row = rows[name]
        assert row["actor"] == cast["admin"] and row["address"] == ADDRESS
        assert row["details"]["changed"] == ["password"] and row["details"].get("account_role") == role
        assert NEW_PASSWORD not in json.dumps(row)
    page = logged_in_client(app, AUDITOR).get("/review/audit").body
    marked = 'data-audit-id="{}" class="table-warning harbin-audit-staff-account"'
    assert marked.format(rows[REVIEWER]["id"]) in page and marked.format(rows[AUDITOR]["id"]) in page
    assert f'data-audit-id="{rows["wang_citizen"]["id"]}">' in page and "审核或审计人员的账号" in page


def test_email_state_and_sysadmin_changes_name_the_fields(app, cast):
    _api(app, "user_patch", cast["admin_token"], {"id": "wang_citizen", "email": "wang.new@example.cn", "sysadmin": True})
    row = _events(cast["admin"], "user_updated")[0]
    assert sorted(row["details"]["changed"]) == ["email", "sysadmin"] and "wang.new" not in json.dumps(row)
    assert [r["details"]["user"] for r in _events(cast["admin"], "sysadmin_granted")] == ["wang_citizen"]
    _api(app, "user_patch", cast["admin_token"], {"id": "wang_citizen", "sysadmin": False})
    assert [r["details"]["user"] for r in _events(cast["admin"], "sysadmin_revoked")] == ["wang_citizen"]
    _api(app, "user_delete", cast["admin_token"], {"id": "wang_citizen"})
    assert [r["details"]["user"] for r in _events(cast["admin"], "user_deleted")] == ["wang_citizen"]
    tk.get_action("user_create")({"user": cast["admin"]}, {"name": "zhao_new", "email": "zhao@example.cn",
                                                             "password": NEW_PASSWORD})
    created = _events(cast["admin"], "user_created")
    assert created[0]["details"]["user"] == "zhao_new" and created[0]["actor"] == cast["admin"]


def test_tokens_and_app_keys_are_audited_without_their_secrets(app, cast):
    token = _api(app, "api_token_create", cast["admin_token"], {"user": "wang_citizen", "name": "采集脚本"}).json
    secret = token["result"]["token"]
    row = _events(cast["admin"], "api_token_created")[0]
    assert row["details"]["user"] == "wang_citizen" and row["details"]["name"] == "采集脚本"
    assert secret not in json.dumps(row)
    own = _token("wang_citizen")
    key = _api(app, "harbin_access_key_create", own, {"name": "交通App"}).json["result"]
    _api(app, "harbin_access_key_revoke", own, {"id": key["id"]})
    created, revoked = _events(cast["admin"], "app_key_created"), _events(cast["admin"], "app_key_revoked")
    assert created[0]["details"]["key_id"] == revoked[0]["details"]["key_id"] == key["id"]
    assert created[0]["actor"] == "wang_citizen" and key["key"] not in json.dumps(created)
    jti = tk.get_action("api_token_list")({"user": cast["admin"]}, {"user_id": "wang_citizen"})[0]["id"]
    _api(app, "api_token_revoke", cast["admin_token"], {"jti": jti})
    assert _events(cast["admin"], "api_token_revoked")[0]["details"]["token_id"] == jti


def test_group_membership_is_audited(app, cast):
    entry = CatalogEntry(owner_org=cast["agency"]["id"], published=True, name="hrb-rsj-job-vacancies")
    tk.get_action("group_create")({"user": cast["admin"]}, {"name": "jobs-theme", "title": "就业专题"})
    for action in ("member_create", "member_delete"):
        assert _api(app, action, cast["admin_token"], {"id": "jobs-theme", "object": entry["id"], "object_type": "package",
                                                       "capacity": "public"}).status_code == 200
    added, removed = _events(cast["admin"], "group_member_added"), _events(cast["admin"], "group_member_removed")
    assert added[0]["details"] == {"group": "jobs-theme", "object_type": "package", "object": "hrb-rsj-job-vacancies",
                                   "capacity": "public"}
    assert added[0]["package_name"] == removed[0]["package_name"] == "hrb-rsj-job-vacancies"


def _fail_login(app, login: str) -> None:
    client = app.test_client()
    token = csrf_token(client.get("/user/login", environ_overrides=FROM).body)
    client.post("/user/login", data={"login": login, "password": "wrong-Password-1", "_csrf_token": token},
                environ_overrides=FROM)


def test_failed_logins_and_the_lock_out_are_audited_and_bounded(app, cast):
    logged_in_client(app, "wang_citizen")  # sets the password
    for _ in range(6):  # the sixth is refused unchecked: the lock-out bounds one account's rows
        _fail_login(app, "wang_citizen")
    failed = _events(cast["admin"], "login_failed")
    assert [(row["actor"], row["details"]["count"], row["address"]) for row in failed] == [("wang_citizen", 1, ADDRESS)]
    locked = _events(cast["admin"], "login_locked")
    assert [(row["details"]["user"], row["details"]["locked"]) for row in locked] == [("wang_citizen", "account")]
    for n in range(12):  # guessing many names from one address: two rows (the 1st and the 10th)
        _fail_login(app, f"Mima-12345{n}!")  # passwords typed as the name are not written down
    guessed = _events(cast["admin"], "login_failed")[:-1]
    assert [(row["actor"], row["details"]["count"]) for row in guessed] == [(None, 10), (None, 1)]
    assert "Mima-12345" not in json.dumps(guessed)


def test_refused_write_actions_are_audited_and_bounded(app, cast):
    entry = CatalogEntry(owner_org=cast["agency"]["id"], published=True, name="hrb-rsj-minimum-wage")
    citizen = _token("wang_citizen")
    for _ in range(11):
        assert _api(app, "package_patch", citizen, {"id": entry["id"], "title": "改"}).status_code == 403
    _api(app, "package_show", citizen, {"id": entry["id"]})  # a read is not a refusal
    rows = _events(cast["admin"], "action_refused")
    assert sorted(row["details"]["count"] for row in rows) == [1, 10]
    assert {(row["actor"], row["details"]["action"], row["details"]["object"]["id"]) for row in rows} == \
        {("wang_citizen", "package_patch", entry["id"])}
    assert rows[0]["address"] == ADDRESS


def test_the_csv_has_the_address(app, cast):
    _api(app, "user_patch", cast["admin_token"], {"id": "wang_citizen", "email": "w2@example.cn"})
    text = logged_in_client(app, cast["admin"]).get("/review/audit.csv", query_string={"event": "user_updated"}) \
        .get_data(as_text=True)
    header, row = text[1:].splitlines()[:2]
    assert header.endswith(",address") and row.endswith("," + ADDRESS)


def test_a_password_change_revokes_the_api_tokens(app, cast):
    """Probe 2 F12: a stolen token is cut off with the password (app keys stay: see README)."""
    old = _token("wang_citizen")
    assert _api(app, "harbin_access_key_list", old, {}).status_code == 200
    _api(app, "user_patch", cast["admin_token"], {"id": "wang_citizen", "password": NEW_PASSWORD})
    assert _api(app, "harbin_access_key_list", old, {}).status_code in (401, 403)
    row = _events(cast["admin"], "api_tokens_revoked")[0]
    assert row["details"]["user"] == "wang_citizen" and row["details"]["reason"] == "password"
    assert row["actor"] == cast["admin"]


def test_disabling_an_account_revokes_its_api_tokens(app, cast):
    old = _token("wang_citizen")
    _api(app, "user_delete", cast["admin_token"], {"id": "wang_citizen"})
    assert _api(app, "harbin_access_key_list", old, {}).status_code in (401, 403)
    assert _events(cast["admin"], "api_tokens_revoked")[0]["details"]["reason"] == "account_deleted"
