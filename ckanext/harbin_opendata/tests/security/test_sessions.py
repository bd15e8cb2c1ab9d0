"""Issue 18 item 6: a session ends for good at logout and at a password change (a copied cookie is
worthless), after the idle timeout and after the absolute lifetime; cookies are HttpOnly,
SameSite=Lax, Secure on an https site, and last no longer than a login may."""
from __future__ import annotations

import time

import pytest

from ckan.lib.redis import connect_to_redis
from ckan.tests import factories

from ckanext.harbin_opendata.accounts import sessions
from ckanext.harbin_opendata.tests.web import PASSWORD, csrf_token, logged_in_client

COOKIE = "ckan"
DOMAIN = "test.ckan.net"  # test.ini's ckan.site_url: where the test client sends its requests
PRIVATE_PAGE = "/dashboard/datasets"  # only for logged-in users


@pytest.fixture
def user(with_plugins, clean_db, clean_redis):
    return factories.User(name="zhang_wei", email="zhang@harbin-opendata.invalid")["name"]


def _logged_in(client) -> bool:
    return client.get(PRIVATE_PAGE, follow_redirects=False).status_code == 200


def _copy(app, client):
    """A second browser holding a copy of the first one's session cookie (as a thief would)."""
    thief = app.test_client()
    thief.set_cookie(COOKIE, client.get_cookie(COOKIE, domain=DOMAIN).value, domain=DOMAIN)
    return thief


def _ticket_keys(user: str) -> list[str]:
    """Redis keys of the user's live session tickets."""
    import ckan.model as model

    tickets = connect_to_redis().smembers(f"harbin_opendata:session:user:{model.User.get(user).id}")
    return [f"harbin_opendata:session:{ticket.decode()}" for ticket in tickets]


def test_logout_ends_the_session_for_every_copy_of_the_cookie(app, user):
    client = logged_in_client(app, user)
    thief = _copy(app, client)
    assert _logged_in(client) and _logged_in(thief)
    client.post("/user/_logout", data={"_csrf_token": csrf_token(client.get("/dataset/").body)})  # a POST: test_logout.py
    assert not _logged_in(client)
    assert not _logged_in(thief)  # the cookie still decodes, its ticket is gone


def test_a_password_change_ends_the_other_sessions(app, user):
    mine, other = logged_in_client(app, user), logged_in_client(app, user)
    page = mine.get(f"/user/edit/{user}").body
    response = mine.post(f"/user/edit/{user}", data={
        "_csrf_token": csrf_token(page), "name": user, "email": "zhang@harbin-opendata.invalid",
        "fullname": "", "about": "", "old_password": PASSWORD, "password1": "Songhua-River-1898",
        "password2": "Songhua-River-1898", "save": ""}, follow_redirects=False)
    assert response.status_code == 302, response.body[:2000]
    assert _logged_in(mine) and not _logged_in(other)


def test_idle_sessions_end_and_active_ones_are_refreshed(app, user):
    client = logged_in_client(app, user)
    [key], conn = _ticket_keys(user), connect_to_redis()
    assert 0 < conn.ttl(key) <= 30 * 60
    conn.expire(key, 100)
    assert _logged_in(client) and conn.ttl(key) > 100  # a request counts as activity
    conn.expire(key, 1)
    time.sleep(1.5)  # the idle timeout passes
    assert not _logged_in(client)


def test_the_absolute_lifetime_ends_even_an_active_session(app, user):
    client = logged_in_client(app, user)
    [key], conn = _ticket_keys(user), connect_to_redis()
    owner, _, _started = conn.get(key).decode().partition("|")
    conn.set(key, f"{owner}|{int(time.time()) - 8 * 3600 - 1}", ex=600)  # logged in 8 h ago, active since
    assert not _logged_in(client)


def test_without_redis_nobody_stays_logged_in(app, user, monkeypatch):
    import redis

    client = logged_in_client(app, user)
    monkeypatch.setattr(sessions, "connect_to_redis", lambda: redis.Redis(host="127.0.0.1", port=9))
    assert not _logged_in(client)


def _login(app, user, remember: bool = False):
    """A fresh browser logged in through the form; (browser, the login's response)."""
    logged_in_client(app, user)  # sets the user's password
    client = app.test_client()
    data = {"login": user, "password": PASSWORD, "_csrf_token": csrf_token(client.get("/user/login").body)}
    if remember:
        data["remember"] = "63072000000"  # two years, in milliseconds, as CKAN's form would send
    return client, client.post("/user/login", data=data, follow_redirects=False)


def test_cookies_are_httponly_samesite_and_short(app, user):
    cookies = _login(app, user, remember=True)[1].headers.getlist("Set-Cookie")
    for name in (COOKIE, "remember_token"):
        [cookie] = [c for c in cookies if c.startswith(name + "=")]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie, cookie
        assert "Secure" not in cookie  # http site
    assert app.flask_app.permanent_session_lifetime.total_seconds() == 8 * 3600
    assert app.flask_app.config["REMEMBER_COOKIE_DURATION"] == 8 * 3600


@pytest.mark.ckan_config("ckan.site_url", "https://data.harbin.gov.cn")
def test_cookies_are_secure_on_an_https_site(app):
    assert app.flask_app.config["SESSION_COOKIE_SECURE"] is True
    assert app.flask_app.config["REMEMBER_COOKIE_SECURE"] is True


def test_remember_me_does_not_outlive_the_session(app, user):
    client, _ = _login(app, user, remember=True)
    assert _logged_in(client)
    connect_to_redis().delete(*_ticket_keys(user))
    client.delete_cookie(COOKIE, domain=DOMAIN)  # only the remember-me cookie is left
    assert client.get_cookie("remember_token", domain=DOMAIN) is not None
    assert not _logged_in(client)
