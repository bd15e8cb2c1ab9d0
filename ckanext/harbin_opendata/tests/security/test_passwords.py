"""Issue 18 item 8: the password policy on user_create, user_update (the API, `ckan user add`), the
registration form, the edit form and the reset form: at least 8 characters of 3 kinds, not a
common password, not containing the user name; messages in Chinese and English; optional expiry."""
from __future__ import annotations

import datetime as dt

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import mailer
from ckan.tests import factories

from ckanext.harbin_opendata.accounts import passwords
from ckanext.harbin_opendata.tests.web import PASSWORD, csrf_token, logged_in_client

WEAK = {
    "12345678": "至少包含以下四类字符中的 3 类",
    "aaaaaaaa": "至少包含以下四类字符中的 3 类",
    "password": "至少包含以下四类字符中的 3 类",
    "Password1": "最常见的密码",
    "P@ssw0rd": "最常见的密码",
    "Abc@123456": "最常见的密码",
    "Woaini1314!": "最常见的密码",
    "Ab1!": "至少 8 个字符",
    "Wang_wu-2024": "不得包含用户名",
}


@pytest.fixture
def site(with_plugins, clean_db, clean_redis):
    return factories.Sysadmin(name="site_admin")["name"]


def _create(site: str, password: str, name: str = "wang_wu") -> dict:
    return tk.get_action("user_create")({"user": site}, {
        "name": name, "email": f"{name}@harbin-opendata.invalid", "password": password})


@pytest.mark.parametrize("password", sorted(WEAK))
@pytest.mark.usefixtures("with_request_context")  # the messages are in the request's language
def test_weak_passwords_are_refused_in_chinese(site, password):
    with pytest.raises(tk.ValidationError) as refused:
        _create(site, password)
    assert any(WEAK[password] in message for message in refused.value.error_dict["password"]), refused.value
    assert model.User.get("wang_wu") is None


def _register(app, prefix: str, password: str) -> str:
    client = app.test_client()
    page = client.get(f"{prefix}/user/register").body
    return client.post(f"{prefix}/user/register", data={
        "_csrf_token": csrf_token(page), "name": "qian_yi", "fullname": "钱一", "email": "q@harbin-opendata.invalid",
        "password1": password, "password2": password, "save": ""}).body


def test_the_registration_form_in_both_languages(site, app):
    zh = _register(app, "", "aaaaaaaa")
    assert "至少包含以下四类字符中的 3 类" in zh
    assert "Password1" not in zh and "密码:" in zh.replace("：", ":")  # the summary names the field in Chinese
    assert "The password must contain at least 3 of these" in _register(app, "/en", "aaaaaaaa")
    assert model.User.get("qian_yi") is None


@pytest.mark.parametrize("password", [PASSWORD, "Songhua-River-1898", "冰城夏日Ha2x"])
@pytest.mark.usefixtures("with_request_context")
def test_good_passwords_are_accepted(site, password):
    assert _create(site, password)["name"] == "wang_wu"


def test_user_update_and_the_edit_form(site, app):
    user = factories.User(name="zhao_li")["name"]
    with app.flask_app.test_request_context(), pytest.raises(tk.ValidationError):
        tk.get_action("user_update")({"user": site}, {"id": user, "email": "z@harbin-opendata.invalid",
                                                     "password": "12345678"})
    client = logged_in_client(app, user)
    page = client.get(f"/user/edit/{user}").body
    response = client.post(f"/user/edit/{user}", data={
        "_csrf_token": csrf_token(page), "name": user, "email": "z@harbin-opendata.invalid", "fullname": "",
        "about": "", "old_password": PASSWORD, "password1": "password", "password2": "password", "save": ""})
    assert "至少包含以下四类字符中的 3 类" in response.body
    assert model.User.get(user).validate_password(PASSWORD)  # unchanged


def test_the_reset_form(site, app):
    user = model.User.get(factories.User(name="sun_er")["name"])
    mailer.create_reset_key(user)
    model.repo.commit()
    path = f"/user/reset/{user.id}?key={user.reset_key}"
    client = app.test_client()
    page = client.get(path).body
    response = client.post(path, data={"_csrf_token": csrf_token(page), "password1": "password",
                                       "password2": "password"})
    assert "至少包含以下四类字符中的 3 类" in response.body


@pytest.mark.ckan_config("ckanext.harbin_opendata.password.max_age_days", "90")
def test_an_expired_password_must_be_changed_first(site, app):
    name = factories.User(name="zhou_san")["name"]
    client = logged_in_client(app, name)
    user = model.User.get(name)
    passwords.record_change(user)
    user.plugin_extras["harbin_opendata"]["harbin_password_changed"] = (
        dt.datetime.utcnow() - dt.timedelta(days=91)).isoformat()
    model.Session.query(model.User).filter_by(id=user.id).update({"plugin_extras": user.plugin_extras})
    model.repo.commit()
    response = client.get("/dataset/", follow_redirects=False)
    assert response.status_code == 302 and f"/user/edit/{name}" in response.headers["Location"]
    assert client.get(f"/user/edit/{name}").status_code == 200
