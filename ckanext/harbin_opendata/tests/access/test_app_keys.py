"""App keys: created with a name and shown once, stored as a SHA-256 digest only; a key
authenticates its user for downloads and the data actions, and nothing else; a revoked or unknown
key is refused (401) with a message in the reader's language."""
from __future__ import annotations

import hashlib

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ...access import access_log, quota
from ...access.model import AccessLog, AppKey
from ..web import csrf_token, logged_in_client
from .conftest import CONTENT

HEADER = "X-App-Key"


def _download(conditional) -> str:
    return f"/dataset/{conditional.entry['name']}/resource/{conditional.uploaded['id']}/download/x.csv"


@pytest.fixture
def editor_key(conditional):
    return tk.get_action("harbin_access_key_create")({"user": conditional.people.editor}, {"name": "脚本"})


def test_the_secret_is_shown_once_and_stored_hashed(conditional, editor_key):
    secret = editor_key["key"]
    stored = model.Session.get(AppKey, editor_key["id"])
    assert stored.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in (stored.name, stored.key_hash, stored.prefix) and secret.startswith(stored.prefix)
    listed = tk.get_action("harbin_access_key_list")({"user": conditional.people.editor}, {})
    assert [key["id"] for key in listed] == [editor_key["id"]] and "key" not in listed[0]
    assert tk.get_action("harbin_access_key_list")({"user": conditional.outsider}, {}) == []


def test_a_key_downloads_and_reads_as_its_user(conditional, editor_key, app):
    headers = {HEADER: editor_key["key"]}
    assert app.get(_download(conditional)).status_code == 403
    response = app.get(_download(conditional), headers=headers)
    assert response.status_code == 200 and CONTENT in response.body
    shown = app.get(f"/api/action/resource_show?id={conditional.linked['id']}", headers=headers).json["result"]
    assert shown["url"] == conditional.address  # the agency's view: the file's real address
    package = app.post("/api/action/package_show", json={"id": conditional.entry["id"]}, headers=headers).json
    assert package["result"]["resources"][1]["url"] == conditional.address
    found = app.get("/api/action/package_search?q=*:*&include_private=true", headers=headers).json["result"]
    assert found["count"] >= 1


def test_a_key_follows_its_users_rights(conditional, app):
    """A citizen's key gets what the citizen gets: no conditional file without a grant."""
    key = tk.get_action("harbin_access_key_create")({"user": conditional.outsider}, {"name": "app"})
    response = app.get(_download(conditional), headers={HEADER: key["key"]})
    assert response.status_code == 403 and CONTENT not in response.body


@pytest.mark.parametrize("method, url", [
    ("post", "/api/action/package_patch"), ("post", "/api/action/harbin_access_key_create"),
    ("get", "/api/action/user_show?id=agency_editor"), ("get", "/api/action/harbin_access_key_list"),
    ("get", "/user/access/keys"), ("get", "/dashboard/datasets"), ("get", "/dataset/hrb-entry")])
def test_a_key_serves_nothing_else(conditional, editor_key, app, method, url):
    kwargs = {"json": {"id": conditional.entry["id"], "title": "改名", "name": "x"}} if method == "post" else {}
    response = getattr(app, method)(url, headers={HEADER: editor_key["key"]}, **kwargs)
    assert response.status_code == 403
    assert "应用密钥仅用于" in (response.json["error"]["message"] if "/api/" in url else response.body)
    assert model.Package.get(conditional.entry["id"]).title != "改名"


def test_revoked_and_unknown_keys_are_refused(conditional, editor_key, app):
    tk.get_action("harbin_access_key_revoke")({"user": conditional.people.editor}, {"id": editor_key["id"]})
    for secret in (editor_key["key"], editor_key["key"] + "x"):
        response = app.get(_download(conditional), headers={HEADER: secret})
        assert response.status_code == 401 and "应用密钥无效或已被撤销" in response.body
        api = app.get(f"/api/action/package_show?id={conditional.entry['id']}", headers={HEADER: secret})
        assert api.status_code == 401 and api.json["success"] is False
    english = app.get("/en" + _download(conditional), headers={HEADER: editor_key["key"]})
    assert english.status_code == 401 and "unknown or has been revoked" in english.body


def test_only_the_owner_revokes(conditional, editor_key):
    with pytest.raises(tk.ObjectNotFound):
        tk.get_action("harbin_access_key_revoke")({"user": conditional.outsider}, {"id": editor_key["id"]})
    assert model.Session.get(AppKey, editor_key["id"]).revoked_at is None


def test_the_personal_centre_creates_lists_and_revokes(conditional, app):
    client = logged_in_client(app, conditional.outsider)
    page = client.get("/user/access/keys")
    assert page.status_code == 200 and "我的应用密钥" in page.body
    created = client.post("/user/access/keys", data={"_csrf_token": csrf_token(page.body), "name": "我的程序"})
    secret = created.body.split('id="new-app-key">')[1].split("<")[0]
    assert created.status_code == 200 and secret.startswith("hrb_")
    again = client.get("/user/access/keys")
    assert "我的程序" in again.body and secret not in again.body  # shown once
    key = tk.get_action("harbin_access_key_list")({"user": conditional.outsider}, {})[0]
    client.post(f"/user/access/keys/{key['id']}/revoke", data={"_csrf_token": csrf_token(again.body)})
    assert model.Session.get(AppKey, key["id"]).revoked_at is not None
    assert "My app keys" in client.get("/en/user/access/keys").body


def test_the_key_identifies_the_call_even_with_a_session(conditional, editor_key, app):
    """A logged-in browser or a script sending both a session cookie and a key: the key decides
    (its user's rights, its quota, its row in the access log), never the session's user."""
    access_log.flush()
    citizen_key = tk.get_action("harbin_access_key_create")({"user": conditional.outsider}, {"name": "浏览器"})
    editor_session = logged_in_client(app, conditional.people.editor)
    assert editor_session.get(_download(conditional)).status_code == 200  # the session alone: the editor
    refused = editor_session.get(_download(conditional), headers={HEADER: citizen_key["key"]})
    assert refused.status_code == 403 and CONTENT not in refused.body
    citizen_session = logged_in_client(app, conditional.outsider)
    served = citizen_session.get(_download(conditional), headers={HEADER: editor_key["key"]})
    assert served.status_code == 200 and CONTENT in served.body
    posted = citizen_session.post("/api/action/package_show", json={"id": conditional.entry["id"]},
                                  headers={HEADER: editor_key["key"]})  # no CSRF token: a header credential
    assert posted.json["result"]["resources"][1]["url"] == conditional.address
    assert quota.used_today([citizen_key["id"], editor_key["id"]]) == {citizen_key["id"]: 1, editor_key["id"]: 2}
    unknown = citizen_session.get(_download(conditional), headers={HEADER: editor_key["key"] + "x"})
    assert unknown.status_code == 401
    elsewhere = citizen_session.get("/user/access/keys", headers={HEADER: citizen_key["key"]})
    assert elsewhere.status_code == 403 and "应用密钥仅用于" in elsewhere.body
    access_log.flush()
    rows = model.Session.query(AccessLog.key_id, AccessLog.user_id, AccessLog.status) \
        .filter(AccessLog.key_id.in_([citizen_key["id"], editor_key["id"]])).order_by(AccessLog.id).all()
    editor, citizen = model.User.get(conditional.people.editor), model.User.get(conditional.outsider)
    assert rows == [(citizen_key["id"], citizen.id, 403), (editor_key["id"], editor.id, 200)] + [
        (editor_key["id"], editor.id, 200)]  # the unknown key's call is nobody's: not logged by name
