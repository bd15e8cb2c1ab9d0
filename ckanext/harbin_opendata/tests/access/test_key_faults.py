"""A request with an app key gets the data or a clear 4xx/503 in the reader's language, never a 500
nor a redirect to a form: a NUL in the address (400, as without a key), Redis down during the quota
check (503, nothing served: no data without the check), a key user whose password has expired (the
data, as for API calls). Pages of an unknown entry offer no 申请使用."""
from __future__ import annotations

import datetime as dt

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..faults.test_services_down import redis_down  # noqa: F401 - Redis unreachable
from ...access.model import AppKey
from ..web import csrf_token
from .conftest import CONTENT

HEADER = "X-App-Key"


@pytest.fixture
def key(conditional):
    return tk.get_action("harbin_access_key_create")({"user": conditional.people.editor}, {"name": "故障"})["key"]


def _download(conditional, resource_id: str = "", prefix: str = "") -> str:
    resource_id = resource_id or conditional.uploaded["id"]
    return f"{prefix}/dataset/{conditional.entry['name']}/resource/{resource_id}/download/x.csv"


def test_a_nul_in_the_address_is_a_400_with_a_valid_key(conditional, key, app):
    for url in (_download(conditional, conditional.uploaded["id"] + "%00"),
                f"/api/action/package_show?id={conditional.entry['id']}%00",
                f"/api/action/resource_show?id={conditional.uploaded['id']}%00"):
        response = app.get(url, headers={HEADER: key})
        message = response.json["error"]["message"] if "/api/" in url else response.body
        assert response.status_code == 400 and "空字符" in message, url


def test_redis_down_the_key_check_answers_503_and_serves_nothing(conditional, key, app, request):
    request.getfixturevalue("redis_down")
    download = app.get(_download(conditional), headers={HEADER: key})
    assert download.status_code == 503 and CONTENT not in download.body
    assert "配额检查暂时无法进行" in download.body and int(download.headers["Retry-After"]) > 0
    api = app.get(f"/api/action/package_show?id={conditional.entry['id']}", headers={HEADER: key})
    assert api.status_code == 503 and api.json["success"] is False and conditional.address not in api.body
    assert "配额检查暂时无法进行" in api.json["error"]["message"]
    english = app.get(_download(conditional, prefix="/en"), headers={HEADER: key})
    assert english.status_code == 503 and "quota check is not available" in english.body


def _expire_password(name: str) -> None:
    user = model.User.get(name)
    extras = dict(user.plugin_extras or {})
    extras["harbin_opendata"] = {**(extras.get("harbin_opendata") or {}),
                                 "harbin_password_changed": (dt.datetime.utcnow() - dt.timedelta(days=91)).isoformat()}
    model.Session.query(model.User).filter_by(id=user.id).update({"plugin_extras": extras})
    model.repo.commit()


@pytest.mark.ckan_config("ckanext.harbin_opendata.password.max_age_days", "90")
def test_an_expired_password_does_not_turn_a_key_download_into_a_redirect(conditional, key, app):
    _expire_password(conditional.people.editor)
    _expire_password(conditional.outsider)
    served = app.get(_download(conditional), headers={HEADER: key}, follow_redirects=False)
    assert served.status_code == 200 and CONTENT in served.body
    token = app.get(_download(conditional), headers={"Authorization": conditional.token}, follow_redirects=False)
    assert token.status_code == 403 and CONTENT not in token.body  # the citizen's API token: no grant
    page = app.get("/dataset/", extra_environ={"REMOTE_USER": conditional.outsider}, follow_redirects=False)
    assert page.status_code == 302  # a page in a browser still leads to the password form


def test_an_unknown_entry_offers_no_application(with_plugins, app):
    pkg = {"id": "hrb-no-such-entry", "name": "hrb-no-such-entry",
           "resources": [{"name": "文件", "url": "http://files.invalid/f.csv", "format": "CSV"}]}
    with app.flask_app.test_request_context():
        assert tk.h.harbin_file_refusal(pkg)  # fail closed: no links
        section = tk.render_snippet("harbin/access.html", {"pkg": pkg})
        apply_instead = tk.render_snippet("access/_apply_instead.html", {"pkg": pkg, "reason": "x"})
    assert "申请使用" not in section and "/apply" not in section and "files.invalid" not in section
    assert "申请使用" not in apply_instead and "/apply" not in apply_instead


def test_redis_down_the_pages_and_actions_reading_it_answer_503(conditional, app, request):
    """The user's keys (today's use is counted in Redis) and the access logs (rows wait in Redis):
    a 503 in the reader's language with Retry-After, never a 500."""
    tk.get_action("harbin_access_key_create")({"user": conditional.outsider}, {"name": "脚本"})
    request.getfixturevalue("redis_down")
    citizen = {"REMOTE_USER": conditional.outsider}
    agency = f"/organization/{conditional.people.entry['owner_org']}/access-log"
    for path, who in (("/user/access/keys", citizen), ("/user/access/log", citizen), ("/user/access/log.csv", citizen),
                      (agency, {"REMOTE_USER": conditional.people.editor})):
        page = app.get(path, extra_environ=who)
        assert page.status_code == 503 and "所需的服务暂时不可用" in page.body, path
        assert int(page.headers["Retry-After"]) > 0, path
    english = app.get("/en/user/access/keys", extra_environ=citizen)
    assert english.status_code == 503 and "needs a service that is not available" in english.body
    for action in ("harbin_access_key_list", "harbin_access_log_list"):
        api = app.get(f"/api/action/{action}", headers={"Authorization": conditional.token})
        assert api.status_code == 503 and api.json["success"] is False, action
        assert "所需的服务暂时不可用" in api.json["error"]["message"] and int(api.headers["Retry-After"]) > 0


def _keys_of(name: str) -> int:
    return model.Session.query(AppKey).filter(AppKey.user_id == model.User.get(name).id).count()


def test_a_key_asked_for_while_redis_is_down_is_refused_whole_or_shown(conditional, app, request):
    """The keys page reads today's use from Redis: with Redis away (the user identified without it,
    here by an API token: a browser's session ends without Redis, accounts/sessions.py) a new key is
    either not made at all (503, for a user holding keys) or made and its secret shown (a first key:
    no use to read), never made with its only showing lost to a 503."""
    client, by_token = app.test_client(), {"Authorization": conditional.token}
    token = csrf_token(client.get("/user/access/keys", headers=by_token).body)
    restore = request.getfixturevalue("redis_down")

    def ask(name: str):
        return client.post("/user/access/keys", data={"_csrf_token": token, "name": name}, headers=by_token)
    first = ask("第一把")
    assert first.status_code == 200 and 'id="new-app-key">hrb_' in first.body and _keys_of(conditional.outsider) == 1
    second = ask("第二把")
    assert second.status_code == 503 and "所需的服务暂时不可用" in second.body
    assert int(second.headers["Retry-After"]) > 0 and _keys_of(conditional.outsider) == 1  # nothing half-made
    restore()
    made = ask("第二把")
    assert 'id="new-app-key">hrb_' in made.body and _keys_of(conditional.outsider) == 2
