"""Issue 18 item 7 (logins): failed logins are counted in Redis per account name and per address;
past the limit the login is refused for the lockout time — the right password too — with the same
translated answer whether the account exists or not. Unknown API tokens count against the address."""
from __future__ import annotations

import re

import pytest

import ckan.model as model
from ckan.tests import factories

from ckanext.harbin_opendata.tests.web import PASSWORD, csrf_token, logged_in_client

LOCKED = "登录失败次数过多，请 15 分钟后再试。"
LOCKED_EN = "Too many failed logins. Try again in 15 minutes."


@pytest.fixture
def user(with_plugins, clean_db, clean_redis, app):
    name = factories.User(name="li_na")["name"]
    logged_in_client(app, name)  # sets the password
    return name


def _try(app, login: str, password: str, prefix: str = "") -> tuple[bool, str]:
    """(logged in?, the page's flash messages) of one login through the form."""
    client = app.test_client()
    token = csrf_token(client.get(f"{prefix}/user/login").body)
    response = client.post(f"{prefix}/user/login", data={"login": login, "password": password, "_csrf_token": token},
                           follow_redirects=True)
    logged_in = client.get("/dashboard/datasets", follow_redirects=False).status_code == 200
    messages = re.findall(r'class="alert[^"]*"[^>]*>(.*?)</div>', response.body, re.S)
    return logged_in, " ".join(re.sub(r"<[^>]+>", "", m).strip() for m in messages)


def test_an_account_is_locked_after_five_failures(app, user):
    for _ in range(5):
        logged_in, message = _try(app, user, "wrong-Password-1")
        assert not logged_in and message and LOCKED not in message
    logged_in, message = _try(app, user, PASSWORD)  # the right password, too late
    assert not logged_in and LOCKED in message
    assert LOCKED_EN in _try(app, user, PASSWORD, "/en")[1]


def test_the_lock_holds_the_account_whichever_identifier_is_typed(app, user):
    email = model.User.by_name(user).email
    for login in (user, email, user, email, user):  # 5 failures of one account, by name and e-mail
        assert not _try(app, login, "wrong-Password-1")[0]
    for login in (email, user):  # the right password by either identifier: refused alike
        logged_in, message = _try(app, login, PASSWORD)
        assert not logged_in and LOCKED in message


def test_the_answer_does_not_tell_whether_the_account_exists(app, user):
    answers = {}
    for login in (user, "no_such_user"):
        answers[login] = [_try(app, login, "wrong-Password-1") for _ in range(6)]
    assert answers[user] == answers["no_such_user"]
    assert LOCKED in answers[user][-1][1]


def test_a_good_login_resets_the_accounts_count(app, user):
    for _ in range(4):
        _try(app, user, "wrong-Password-1")
    assert _try(app, user, PASSWORD)[0]
    for _ in range(4):
        _try(app, user, "wrong-Password-1")
    assert _try(app, user, PASSWORD)[0]


@pytest.mark.ckan_config("ckanext.harbin_opendata.login.max_failures_per_address", "8")
def test_an_address_is_locked_after_its_limit(app, user):
    for number in range(8):  # a different account name each time: no account reaches its limit
        _try(app, f"guess_{number}", "wrong-Password-1")
    logged_in, message = _try(app, user, PASSWORD)
    assert not logged_in and LOCKED in message


@pytest.mark.ckan_config("ckanext.harbin_opendata.login.max_failures_per_address", "5")
def test_unknown_api_tokens_lock_the_address(app, user):
    token = factories.APIToken(user=user)["token"]
    for _ in range(5):
        app.get("/api/3/action/package_search", headers={"Authorization": "not-a-token-" + "x" * 40})
    refused = app.get("/api/3/action/package_search", headers={"Authorization": token}, status=429)
    assert refused.json["error"]["message"] == LOCKED
    assert app.get("/api/3/action/package_search").status_code == 200  # without a token: served


@pytest.mark.ckan_config("ckanext.harbin_opendata.security.proxy_hops", "1")
@pytest.mark.ckan_config("ckanext.harbin_opendata.login.max_failures_per_address", "4")
def test_behind_a_proxy_each_client_address_counts_for_itself(app, user):
    def attempt(address: str, login: str, password: str) -> bool:
        client = app.test_client()
        headers = {"X-Forwarded-For": address}
        token = csrf_token(client.get("/user/login", headers=headers).body)
        client.post("/user/login", headers=headers, data={"login": login, "password": password, "_csrf_token": token})
        return client.get("/dashboard/datasets", headers=headers, follow_redirects=False).status_code == 200

    for number in range(4):
        attempt("203.0.113.7", f"guess_{number}", "wrong-Password-1")
    assert not attempt("203.0.113.7", user, PASSWORD)  # that client is locked out
    assert attempt("198.51.100.9", user, PASSWORD)  # another client behind the same proxy is not
