"""User accounts are not public (issue 18, item 7): the user list, lookups and sysadmin flags are
for the platform's staff; outsiders get one answer whether an account exists or not. And the
portal does not name its software or versions (item 13)."""
from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
import requests
from werkzeug.serving import make_server

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency
from ckanext.harbin_opendata.tests.web import logged_in_client


@pytest.fixture
def people(with_plugins, clean_db):
    editor = factories.User(name="agency_editor")
    Agency(users=[{"name": editor["name"], "capacity": "editor"}])
    return SimpleNamespace(citizen=factories.User(name="citizen")["name"], editor=editor["name"],
                           sysadmin=factories.Sysadmin(name="site_admin")["name"])


def _answer(action: str, user: str, **data: str) -> str:
    try:
        return repr(tk.get_action(action)({"user": user, "ignore_auth": False}, data))
    except (tk.NotAuthorized, tk.ObjectNotFound) as error:
        return type(error).__name__


@pytest.mark.parametrize("outsider", ["", "citizen"])
def test_outsiders_cannot_list_or_probe_accounts(people, outsider):
    assert _answer("user_list", outsider) == "NotAuthorized"
    assert _answer("user_autocomplete", outsider, q="site") == "NotAuthorized"
    assert _answer("user_show", outsider, id=people.sysadmin) == _answer("user_show", outsider, id="no-such-user") \
        == "NotAuthorized"
    if outsider:
        assert "citizen" in _answer("user_show", outsider, id=outsider)  # their own account


def test_staff_see_accounts_but_not_who_is_sysadmin(people):
    listed = tk.get_action("user_list")({"user": people.editor}, {})
    assert {u["name"] for u in listed} >= {people.sysadmin, people.citizen}
    assert all("sysadmin" not in u for u in listed if u["name"] != people.editor)
    assert "sysadmin" not in tk.get_action("user_show")({"user": people.editor}, {"id": people.sysadmin})
    assert tk.get_action("user_show")({"user": people.sysadmin}, {"id": people.sysadmin})["sysadmin"] is True


def test_account_pages_answer_the_same_for_existing_and_missing_accounts(app, people):
    anonymous, citizen = app.test_client(), logged_in_client(app, people.citizen)
    for path in ("/user/{}", "/user/activity/{}", "/user/{}/organizations"):
        there, missing = (anonymous.get(path.format(name), follow_redirects=False) for name in (people.sysadmin, "no-such"))
        assert there.status_code == missing.status_code == 302 and "/user/login" in there.headers["Location"]
        there, missing = (citizen.get(path.format(name)) for name in (people.sysadmin, "no-such"))
        assert there.status_code == missing.status_code == 403, path
    assert anonymous.get("/user/", follow_redirects=False).status_code == 302
    agency = tk.get_action("organization_list_for_user")({"user": people.editor}, {})[0]["name"]
    assert citizen.get(f"/organization/admins/{agency}").status_code == 403  # who administers an agency
    assert logged_in_client(app, people.editor).get(f"/user/{people.sysadmin}").status_code == 200


def test_status_shows_no_versions_to_the_public(app, people):
    for path in ("/api/3/action/status_show", "/api/action/status_show"):
        body = app.test_client().get(path).get_data(as_text=True)
        assert "ckan_version" not in body and "harbin_review" not in body, path
    assert "ckan_version" in tk.get_action("status_show")({"user": people.sysadmin}, {})
    assert 'name="generator"' not in app.test_client().get("/dataset/").get_data(as_text=True)


def test_the_development_server_does_not_name_itself(app, people):
    server = make_server("127.0.0.1", 0, app.app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        response = requests.get(f"http://127.0.0.1:{server.port}/api/3/action/status_show", timeout=30)
    finally:
        server.shutdown()
    assert response.status_code == 200
    assert "Werkzeug" not in response.headers.get("Server", "") and "Python" not in response.headers.get("Server", "")
