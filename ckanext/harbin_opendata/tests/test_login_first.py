"""Pages that need a login send an anonymous visitor to the login page, in the visitor's language,
and back to the page (with its query) once logged in; a 403 is kept for users who are logged in
and for posts."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

import ckan.model as model
from ckan.tests import factories

from .web import PASSWORD, csrf_token, logged_in_client


@pytest.fixture
def clerk(with_plugins, clean_db):
    user = factories.User(name="district_clerk")
    model.User.get(user["name"]).password = PASSWORD
    model.repo.commit()
    return user["name"]


@pytest.mark.parametrize("page", ["/review?state=draft", "/feedback/inbox", "/assessment/problems", "/showcase/new",
                                  "/dataset/no-such-entry/privacy"])
def test_anonymous_visitor_goes_to_log_in_and_comes_back(app, clerk, page):
    client = app.test_client()
    response = client.get("/en" + page, follow_redirects=False)
    assert response.status_code == 302
    location = urlparse(response.headers["Location"])
    assert location.path == "/en/user/login" and parse_qs(location.query)["came_from"] == ["/en" + page]
    form = client.get(response.headers["Location"]).body
    back = client.post(response.headers["Location"], data={"login": clerk, "password": PASSWORD,
                                                           "_csrf_token": csrf_token(form)}, follow_redirects=False)
    assert back.status_code == 302 and back.headers["Location"].endswith("/en" + page)


def test_logged_in_users_and_posts_still_get_403(app, clerk):
    assert logged_in_client(app, clerk).get("/showcase/new").status_code == 403
    assert app.test_client().post("/showcase/new", data={}).status_code in (400, 403)
    assert app.get("/feedback").status_code == 200  # public pages of the same blueprints are not touched
