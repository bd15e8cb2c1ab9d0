"""E-mail verification of self-registered accounts: a visitor who registers is mailed a link (in
the reader's language) and may not apply for data until the link is opened; links expire, forged
or stale ones are refused with a 400 in the reader's language, and a new link can be asked for.
Accounts created by administrators are not asked."""
from __future__ import annotations

import datetime as dt
import email
import json
import re

import pytest
from freezegun import freeze_time

import ckan.model as model
import ckan.plugins.toolkit as tk

from ...access import verification
from ..web import csrf_token
from .conftest import AGREEMENT, application_form

PASSWORD = "Harbin-Catalog-2026"


@pytest.fixture
def agreement(conditional):
    tk.get_action("harbin_access_agreement_update")({"user": conditional.people.editor}, {
        "id": conditional.entry["id"], "text": AGREEMENT})
    return conditional


def _register(app, name: str, prefix: str = "") -> object:
    """A visitor registers through the form; the client, logged in as the new account, and the page
    the form led to (as `client.registered`)."""
    client = app.test_client()
    page = client.get(f"{prefix}/user/register").body
    client.registered = client.post(f"{prefix}/user/register", follow_redirects=True, data={
        "_csrf_token": csrf_token(page), "name": name, "fullname": "李四", "email": f"{name}@harbin-opendata.invalid",
        "password1": PASSWORD, "password2": PASSWORD, "save": ""}).body
    assert model.User.get(name) is not None
    return client


def _mails(mail_server) -> list[tuple[list[str], str]]:
    found = []
    for message in mail_server.get_smtp_messages():
        parsed = email.message_from_string(message[3])
        found.append((message[2], parsed.get_payload(decode=True).decode("utf-8")))
    return found


def _link(body: str) -> str:
    return re.search(r"https?://[^/\s]+(/\S*/user/access/verify/\S+|/user/access/verify/\S+)", body).group(1)


def test_a_registered_visitor_applies_only_after_verifying(agreement, app, mail_server):
    client = _register(app, "li_si")
    [(recipients, body)] = _mails(mail_server)
    assert recipients == ["li_si@harbin-opendata.invalid"] and "验证您的电子邮箱" in body and "48" in body
    with pytest.raises(tk.NotAuthorized, match="Verify your e-mail address before applying"):  # no request: English
        tk.get_action("harbin_access_apply")({"user": "li_si"}, application_form(agreement.entry["id"]))
    page = client.get(f"/dataset/{agreement.entry['name']}/apply").body
    assert "请先验证您的电子邮箱" in page and 'name="purpose"' not in page and "重新发送验证链接" in page
    form = client.get("/user/register").body  # logged in, CKAN's form still registers another account
    client.post("/user/register", data={
        "_csrf_token": csrf_token(form), "name": "li_si_2", "fullname": "李四", "email": "li_si_2@harbin-opendata.invalid",
        "password1": PASSWORD, "password2": PASSWORD, "save": ""})
    assert verification.is_unverified(model.User.get("li_si_2"))  # not a way around the link
    opened = client.get(_link(body), follow_redirects=False)
    assert opened.status_code == 302 and "/user/access/applications" in opened.headers["Location"]
    assert not verification.is_unverified(model.User.get("li_si"))
    applied = tk.get_action("harbin_access_apply")({"user": "li_si"}, application_form(agreement.entry["id"]))
    assert applied["state"] == "pending"
    # created by the agency's administrators, the cast of the fixture was never asked
    tk.get_action("harbin_access_apply")({"user": agreement.outsider}, application_form(agreement.entry["id"]))


def test_stale_forged_and_expired_links_are_refused_and_a_new_one_is_sent(agreement, app, mail_server):
    client = _register(app, "zhao_liu", prefix="/en")
    [(_, english)] = _mails(mail_server)
    assert "verify your e-mail address by opening this link" in english
    user = model.User.get("zhao_liu")
    with app.flask_app.test_request_context(), freeze_time(dt.datetime.utcnow() - dt.timedelta(hours=49)):
        assert verification.send(user)
    expired = _link(_mails(mail_server)[1][1])
    assert client.get(expired).status_code == 400 and "已过期" in client.get(expired).body
    forged = client.get(_link(english).removeprefix("/en") + "x")  # the mail of an /en page links to /en
    assert forged.status_code == 400 and "无效" in forged.body
    assert "not valid" in client.get("/en" + _link(english).removeprefix("/en") + "x").body
    page = client.get("/user/access/applications").body
    assert "重新发送验证链接" in page
    with freeze_time(dt.datetime.utcnow() + dt.timedelta(minutes=2)):  # the registration's link is not new
        client.post("/user/access/verify", data={"_csrf_token": csrf_token(page)})
        assert len(_mails(mail_server)) == 3 and _mails(mail_server)[2][0] == ["zhao_liu@harbin-opendata.invalid"]
        again = client.post("/user/access/verify", data={"_csrf_token": csrf_token(page)}, follow_redirects=True)
        assert len(_mails(mail_server)) == 3 and "请稍候" in again.body  # asked again at once: no mail bombing
    model.Session.query(model.User).filter_by(name="zhao_liu").update(  # a changed address voids the links sent before
        {"email": "zhao_liu@elsewhere.invalid"})
    model.repo.commit()
    stale = client.get(_link(_mails(mail_server)[2][1]))
    assert stale.status_code == 400 and verification.is_unverified(model.User.get("zhao_liu"))


def test_a_changed_address_is_verified_again_and_old_links_void(agreement, app, mail_server):
    """The owner changes the address: unverified again, a link mailed to the new address; the link
    sent to the old one no longer verifies; the links name no address. A sysadmin's change is trusted."""
    client = _register(app, "wang_wu")
    old_link = _link(_mails(mail_server)[0][1])
    assert client.get(old_link, follow_redirects=False).status_code == 302  # verified at the first address
    assert not verification.is_unverified(model.User.get("wang_wu"))
    with app.flask_app.test_request_context():
        tk.get_action("user_patch")({"user": "wang_wu"}, {"id": "wang_wu", "email": "wang_wu@elsewhere.invalid"})
    assert verification.is_unverified(model.User.get("wang_wu"))
    with pytest.raises(tk.NotAuthorized):
        tk.get_action("harbin_access_apply")({"user": "wang_wu"}, application_form(agreement.entry["id"]))
    recipients, body = _mails(mail_server)[-1]
    assert recipients == ["wang_wu@elsewhere.invalid"]
    stale = client.get(old_link)
    assert stale.status_code == 400 and verification.is_unverified(model.User.get("wang_wu"))
    assert client.get(_link(body), follow_redirects=False).status_code == 302
    assert not verification.is_unverified(model.User.get("wang_wu"))
    with app.flask_app.test_request_context():
        tk.get_action("user_patch")({"user": agreement.people.sysadmin}, {"id": "wang_wu", "email": "wang@fixed.invalid"})
        tk.get_action("user_patch")({"user": "wang_wu"}, {"id": "wang_wu", "email": "WANG@fixed.invalid"})
    assert not verification.is_unverified(model.User.get("wang_wu")) and len(_mails(mail_server)) == 2


def test_the_link_names_no_address(app, mail_server):
    """The link (logged by mail servers and browsers) carries a keyed hash of the address, not the address."""
    _register(app, "sun_qi")
    token = _link(_mails(mail_server)[0][1]).rpartition("/")[2]
    claims = verification._serializer().loads(token)
    assert claims["id"] == model.User.get("sun_qi").id and "sun_qi" not in json.dumps(claims)


@pytest.mark.ckan_config("smtp.server", "127.0.0.1:9")  # the discard port: nothing listens, the mail fails
def test_a_mail_that_could_not_be_sent_is_said_at_once_and_the_resend_comes_back(agreement, app):
    client = _register(app, "wang_wu")
    after = client.registered
    assert "无法发送" in after and "wang_wu@harbin-opendata.invalid" in after  # at registration, not later
    # walk F-C1: the platform's mail failed, the citizen's address is not blamed
    assert "邮件服务当前不可用" in after and "并非您的邮箱地址有误" in after and "核对" not in after
    apply_path = f"/dataset/{agreement.entry['name']}/apply"
    page = client.get(apply_path).body
    assert "无法发送" in page and "打开我们发送的链接" not in page  # no promise of a link that never went out
    assert "核对" not in page and "邮件服务当前不可用" in page
    resent = client.post("/user/access/verify", data={"_csrf_token": csrf_token(page), "came_from": apply_path},
                         follow_redirects=False)
    assert resent.headers["Location"].endswith(apply_path)  # back on the entry's page, not the list of applications
    answer = client.get(apply_path).body
    assert "邮件服务当前不可用" in answer and "请稍候" not in answer  # a failed mail does not make the owner wait
    outside = client.post("/user/access/verify", data={"_csrf_token": csrf_token(page), "came_from": "//evil.example/x"},
                          follow_redirects=False)
    assert "evil.example" not in outside.headers["Location"]


@pytest.mark.ckan_config("smtp.server", "127.0.0.1:9")
def test_a_sysadmin_setting_the_address_verifies_it(agreement, app):
    """Walk F-C1: the demo could not mail the link; the sysadmin's user_patch of the address did not help."""
    _register(app, "zhao_liu")
    assert verification.is_unverified(model.User.get("zhao_liu"))
    with app.flask_app.test_request_context():
        tk.get_action("user_patch")({"user": agreement.people.sysadmin}, {"id": "zhao_liu", "email": "zhao@fixed.invalid"})
    assert not verification.is_unverified(model.User.get("zhao_liu"))
    tk.get_action("harbin_access_apply")({"user": "zhao_liu"}, application_form(agreement.entry["id"]))


def test_a_demo_without_mail_writes_the_link_to_its_mailbox(agreement, app, tmp_path):
    """The demo portal (scripts/portal.sh) names a mailbox file: a registered citizen finds the link there."""
    mailbox = tmp_path / "demo-mailbox.txt"
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(tk.config, "ckanext.harbin_opendata.access.demo_mailbox", str(mailbox))
        patch.setitem(tk.config, "smtp.server", "127.0.0.1:9")
        client = _register(app, "qian_ba")
    assert "无法发送" not in client.registered
    text = mailbox.read_text(encoding="utf-8")
    assert "To: qian_ba@harbin-opendata.invalid" in text
    assert client.get(_link(text), follow_redirects=False).status_code == 302
    assert not verification.is_unverified(model.User.get("qian_ba"))
