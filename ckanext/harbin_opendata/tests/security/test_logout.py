"""Logging out is a POST with the CSRF token (probe 3 finding 3: <img src="/user/_logout"> on any
site logged the visitor out). A GET shows the log-out button and logs nobody out; no page links to
the GET."""
from __future__ import annotations

import pathlib
import re

import pytest

import ckan
from ckan.tests import factories

import ckanext.harbin_opendata
from ckanext.harbin_opendata.tests.web import csrf_token, logged_in_client

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")


def _logged_in(client) -> bool:
    return client.get("/dashboard/datasets", follow_redirects=False).status_code == 200


@pytest.fixture
def client(app):
    return logged_in_client(app, factories.User(name="clerk_li")["name"])


def test_a_get_logs_nobody_out(client):
    for headers in ({}, {"Sec-Fetch-Dest": "image", "Referer": "https://evil.example.com/"}):
        page = client.get("/user/_logout", headers=headers, follow_redirects=False)
        assert page.status_code == 200 and _logged_in(client)
        html = page.get_data(as_text=True)
        assert re.search(r'<form class="harbin-logout-form" action="/user/_logout" method="post">', html)
        assert "登出" in html and 'name="_csrf_token"' in html
    assert "Log out now" in client.get("/en/user/_logout").get_data(as_text=True) and _logged_in(client)


def test_a_post_without_the_token_is_refused(client):
    assert client.post("/user/_logout", data={}, follow_redirects=False).status_code == 400
    assert _logged_in(client)


def test_the_header_button_logs_out(app, client):
    page = client.get("/dataset/").get_data(as_text=True)
    form = re.search(r'<li class="harbin-logout">\s*<form class="harbin-logout-form" action="([^"]+)" method="post">'
                     r'.*?</form>', page, re.S)
    assert form and form.group(1) == "/user/_logout" and "登出" in form.group(0)
    answer = client.post("/user/_logout", data={"_csrf_token": csrf_token(page)}, follow_redirects=False)
    assert answer.status_code == 302 and not _logged_in(client)
    english = logged_in_client(app, "clerk_li").get("/en/dataset/").get_data(as_text=True)
    assert re.search(r'<li class="harbin-logout">.*?Log out.*?</form>', english, re.S)


def test_the_already_logged_in_page_posts_too(client):
    html = client.get("/user/login").get_data(as_text=True)
    assert "user/_logout" in html and not re.search(r'href="[^"]*user/_logout', html)


def _templates() -> list[pathlib.Path]:
    roots = [pathlib.Path(ckan.__file__).parent, pathlib.Path(ckanext.harbin_opendata.__file__).parent]
    roots += [pathlib.Path(path) for path in ckanext.__path__]
    return [path for root in roots for path in root.rglob("*.html")
            if "tests" not in path.parts and "example" not in str(path)]


def test_no_template_links_to_the_get():
    """Every reference to the logout address in a template the portal may render is a form's action."""
    links = []
    for path in _templates():
        text = path.read_text(encoding="utf-8", errors="replace")
        if "user.logout" not in text and "_logout" not in text:
            continue
        for line in text.splitlines():
            if ("user.logout" in line or "_logout" in line or "logout_url" in line) and re.search(r"href=", line):
                links.append(f"{path}: {line.strip()}")
    overridden = {"user/logout_first.html"}  # replaced by the suite's own (a form)
    links = [link for link in links if not any(f"ckan/templates/{name}" in link for name in overridden)]
    assert not links, "\n".join(links)
