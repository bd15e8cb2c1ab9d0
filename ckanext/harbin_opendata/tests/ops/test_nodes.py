"""Two web nodes behind one nginx, on the production deployment: a visitor's session and its CSRF
token work whichever node answers; nginx serves static files and webassets itself, adds the
security headers, hides versions and refuses oversized requests; the web nodes see the visitor's
address, not nginx's; browsers see no Content-Security-Policy violation on the public pages."""
from __future__ import annotations

import http.client
import json
import os
import pathlib
import random
import re
import uuid
from typing import Any

import pytest
import requests

from traffic import Api, Editor, setup_actors

from .stack import Stack, process_tree, wait

CSRF = re.compile(r'name="_csrf_token" value="([^"]+)"')


def _csrf(session: requests.Session, url: str) -> str:
    return CSRF.search(session.get(url, timeout=60).text).group(1)


def _login(session: requests.Session, node: str, user: str, password: str) -> None:
    answer = session.post(f"{node}/user/login", data={"login": user, "password": password,
                                                      "_csrf_token": _csrf(session, f"{node}/user/login")},
                          allow_redirects=False, timeout=60)
    assert answer.status_code == 302, answer.text[:500]


@pytest.fixture(scope="module")
def person(stack: Stack) -> dict[str, str]:
    name, password = f"visitor-{uuid.uuid4().hex[:6]}", f"Visitor-{uuid.uuid4().hex}"
    ok, result = Api(stack.base, stack.token).call("user_create", {"name": name, "password": password,
                                                                   "email": f"{name}@drill.invalid"})
    assert ok, result
    return {"name": name, "password": password}


def test_a_session_and_its_csrf_token_work_on_either_node(stack, person):
    node_a, node_b = (f"http://127.0.0.1:{port}" for port in stack.web)
    browser = requests.Session()
    _login(browser, node_a, person["name"], person["password"])
    tokens_page = f"/user/{person['name']}/api-tokens"
    token_from_a = _csrf(browser, node_a + tokens_page)
    answer = browser.post(node_b + tokens_page, data={"name": "made-on-b", "_csrf_token": token_from_a}, timeout=60)
    assert answer.status_code == 200 and "made-on-b" in answer.text
    stranger = requests.Session()
    _login(stranger, node_b, person["name"], person["password"])
    refused = browser.post(node_a + tokens_page, data={"name": "foreign", "_csrf_token": _csrf(stranger, node_b + tokens_page)},
                           timeout=60)
    assert refused.status_code == 400  # a token of another session is no good on either node
    names = [row[0] for row in stack.sql('SELECT t.name FROM api_token t JOIN "user" u ON u.id = t.user_id '
                                         "WHERE u.name = :name", name=person["name"])]
    assert names == ["made-on-b"]


def test_through_nginx_a_logged_in_visitor_is_served_by_both_nodes(stack, person):
    browser = requests.Session()
    _login(browser, stack.base, person["name"], person["password"])
    marker = f"/user/{person['name']}/api-tokens"
    for _ in range(8):
        page = browser.get(stack.base + marker, timeout=60)
        assert page.status_code == 200 and "_csrf_token" in page.text
    log = (stack.dir / "production" / "logs" / "nginx-access.log").read_text().splitlines()
    upstreams = {re.search(r"upstream=(\S+)", line).group(1) for line in log if marker in line and " 200 " in line}
    assert {f"127.0.0.1:{port}" for port in stack.web} <= upstreams
    for port in stack.web:  # gunicorn's own log lines are kept (its worker timeouts, too)
        assert f"\"GET {marker} HTTP/1.1\" 200" in (stack.dir / "production" / "logs" / f"web-{port}.log").read_text()


def test_nginx_adds_security_headers_and_hides_versions(stack):
    home = requests.get(stack.base + "/", timeout=60)
    webasset = re.search(r'src="(/webassets/[^"]+\.js)"', home.text).group(1)
    for answer in (home, requests.get(stack.base + "/base/images/ckan-logo.png", timeout=60),
                   requests.get(stack.base + webasset, timeout=60), requests.get(stack.base + "/no-such-page", timeout=60)):
        headers = answer.headers
        assert headers["Server"] == "nginx", answer.url
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "SAMEORIGIN"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
        assert headers["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self' ")
    assert 'name="generator"' not in home.text and "X-Powered-By" not in home.headers


def test_nginx_serves_static_files_and_webassets_itself(stack):
    home = requests.get(stack.base + "/", timeout=60).text
    webasset = re.search(r'href="(/webassets/[^"]+\.css)"', home).group(1)
    assert requests.get(stack.base + webasset, timeout=60).headers["Cache-Control"] == "max-age=2592000"
    for path in ("/base/images/ckan-logo.png", "/harbin_opendata/logo.svg"):
        answer = requests.get(stack.base + path, timeout=60)
        assert answer.status_code == 200 and answer.headers["Cache-Control"] == "max-age=3600", path


def test_nginx_refuses_oversized_requests_before_they_reach_a_node(stack):
    connection = http.client.HTTPConnection("127.0.0.1", stack.http, timeout=30)
    connection.putrequest("POST", "/api/3/action/resource_create")
    connection.putheader("Content-Length", str(200 * 1024 * 1024))  # over ckan.max_resource_size + 1 MB
    connection.endheaders()
    assert connection.getresponse().status == 413
    big_header = requests.get(stack.base + "/", headers={"X-Filler": "x" * 20000}, timeout=30)
    assert big_header.status_code == 400


def _file_request(port: int, source: str) -> tuple[int, Any]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    body = json.dumps({"kind": "data_request", "title": "公交到站数据", "description": "希望开放实时公交到站数据。",
                       "requester_contact": "demand@drill.invalid", "website": ""})
    connection.request("POST", "/api/3/action/harbin_feedback_create", body=body,
                       headers={"Content-Type": "application/json", "X-Forwarded-For": "10.0.0.9"})
    answer = connection.getresponse()
    return answer.status, json.loads(answer.read())


def test_the_web_nodes_count_visitors_by_their_own_address(stack):
    """The feedback rate limit (5 an hour per visitor address) counts each visitor behind nginx,
    and a forged X-Forwarded-For changes nothing."""
    first, second = (f"127.{random.randint(1, 250)}.{random.randint(1, 250)}.{n}" for n in (11, 12))
    statuses = [_file_request(stack.http, first)[0] for _ in range(6)]
    assert statuses[:5] == [200] * 5 and statuses[5] != 200
    assert _file_request(stack.http, second)[0] == 200


def _database_sockets(pid: int, port: int) -> set[str]:
    """The socket inodes of `pid`'s connections to the database server."""
    connected = set()
    for table in ("tcp", "tcp6"):
        for line in pathlib.Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[2].rsplit(":", 1)[1], 16) == port:
                connected.add(fields[9])
    owned = set()
    for fd in pathlib.Path(f"/proc/{pid}/fd").iterdir():
        try:
            owned.add(os.readlink(fd).removeprefix("socket:[").removesuffix("]"))
        except OSError:
            continue
    return connected & owned


def test_no_two_processes_of_a_web_node_share_a_database_connection(stack):
    """gunicorn forks its workers from a master that loaded CKAN (and connected to the databases):
    a connection of the master's left open would be one socket for every worker."""
    for _ in range(6):  # the workers answer first (with connections of their own)
        requests.get(stack.base + "/dataset/", timeout=60)
    port = stack.url.port or 5432
    for node in stack.web:
        holders: dict[str, list[int]] = {}
        for pid in process_tree(stack.pid(f"web:web-{node}")):
            for inode in _database_sockets(pid, port):
                holders.setdefault(inode, []).append(pid)
        assert {inode: pids for inode, pids in holders.items() if len(pids) > 1} == {}, node


@pytest.fixture(scope="module")
def published_entry(stack: Stack) -> dict[str, Any]:
    admin = Api(stack.base, stack.token)
    org, editor_token = setup_actors(admin, uuid.uuid4().hex[:6])
    editor = Editor(Api(stack.base, editor_token), admin, org, stop=None)
    editor.create_one()
    name, record = next(iter(editor.written.items()))
    wait("the entry published", 300, lambda: editor.publish_waiting() or record.get("published"), every=2)
    return {"name": name, "resource_id": record["file"]["resource_id"]}


def test_public_pages_break_no_content_security_policy_rule(stack, published_entry, chromium):
    pages = ["/", "/dataset/", f"/dataset/{published_entry['name']}",
             f"/dataset/{published_entry['name']}/resource/{published_entry['resource_id']}",
             "/organization/", "/showcase/", "/assessment", "/feedback", "/user/login", "/en/dataset/"]
    violations: list[str] = []
    page = chromium.new_page()
    page.on("console", lambda message: violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text else None)
    for path in pages:
        assert page.goto(stack.base + path, wait_until="networkidle").status == 200, path
    page.close()
    assert violations == []
