"""What a visitor reads when a request is too big (probe 3 finding 5): an address longer than the
server reads (414), headers too long (431 / nginx's 494), a 2 MB title in a form or an API call —
through the development server `ckan run` (Werkzeug) and through nginx as `ckan harbin deploy`
writes it: a page in Chinese (and English), never a 500, a stack trace or a server's English page."""
from __future__ import annotations

import json
import re
import socket
import subprocess
import threading
import time
from typing import Any, Iterator

import pytest
from werkzeug.serving import make_server

from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency
from ckanext.harbin_opendata.tests.web import PASSWORD, csrf_token

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LEAKS = ("Traceback", "Error response", "Werkzeug", "nginx", "Internal Server Error", "Python")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _raw(port: int, request: bytes) -> tuple[int, str, str]:
    """(status, headers, body) of one raw HTTP exchange."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        try:
            connection.sendall(request)
        except (BrokenPipeError, ConnectionResetError):  # the server answered before reading it all
            pass
        answer = b""
        try:
            while chunk := connection.recv(65536):
                answer += chunk
        except (ConnectionResetError, socket.timeout):
            pass
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
    return status, head.decode("latin-1"), body.decode("utf-8", "replace")


def _get(path: bytes, headers: bytes = b"") -> bytes:
    return b"GET " + path + b" HTTP/1.1\r\nHost: portal\r\n" + headers + b"Connection: close\r\n\r\n"


def _clear(status: int, body: str, expected: int, chinese: bool = True) -> None:
    assert status == expected, (status, body[:300])
    assert not [leak for leak in _LEAKS if leak in body], body[:600]
    assert bool(_CJK.search(body)) is chinese or not chinese, body[:600]


@pytest.fixture
def dev_server(app) -> Iterator[int]:
    """The portal served by Werkzeug's server, as `ckan run` serves the demo."""
    port = _free_port()
    server = make_server("127.0.0.1", port, app.app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield port
    server.shutdown()


def test_the_development_server_refuses_a_long_address_and_long_headers_in_chinese(dev_server):
    status, _, body = _raw(dev_server, _get(b"/dataset/?q=" + b"a" * 70000))
    _clear(status, body, 414)
    assert "地址过长" in body and "address is too long" in body
    status, _, body = _raw(dev_server, _get(b"/dataset/", b"Cookie: " + b"a" * 70000 + b"\r\n"))
    _clear(status, body, 431)
    assert "Cookie" in body


def _editor_session(port: int) -> tuple[str, str]:
    """A logged-in editor's cookie and the new-entry form's CSRF token, over the real server."""
    import requests

    editor = factories.User(name="clerk_zhao")
    Agency(users=[{"name": editor["name"], "capacity": "editor"}])
    import ckan.model as model

    model.User.get("clerk_zhao").password = PASSWORD
    model.repo.commit()
    session = requests.Session()
    base = f"http://127.0.0.1:{port}"
    token = csrf_token(session.get(base + "/user/login").text)
    session.post(base + "/user/login", data={"login": "clerk_zhao", "password": PASSWORD, "_csrf_token": token},
                 allow_redirects=False)  # to the site's own address, not this server
    token = csrf_token(session.get(base + "/dataset/new").text)
    return "; ".join(f"{c.name}={c.value}" for c in session.cookies), token


@pytest.mark.parametrize("prefix, chinese", [("", True), ("/en", False)])
def test_a_2_mb_title_in_the_form_is_refused_with_a_page_in_the_readers_language(dev_server, prefix, chinese):
    cookie, token = _editor_session(dev_server)
    from urllib.parse import urlencode

    body = urlencode({"_csrf_token": token, "title": "哈" * (2 * 1024 * 1024 // 3), "name": "big-title",
                      "save": "continue"}).encode()
    status, _, page = _raw(dev_server, f"POST {prefix}/dataset/new HTTP/1.1\r\nHost: portal\r\nCookie: {cookie}\r\n"
                                       f"Content-Type: application/x-www-form-urlencoded\r\n"
                                       f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)
    assert 400 <= status < 500, (status, page[:300])
    assert not [leak for leak in _LEAKS if leak in page], page[:600]
    text = re.sub(r"<[^>]+>", " ", page)
    assert ("过大" in text or "过长" in text) if chinese else ("too large" in text.lower() or "too long" in text.lower()), \
        text[-1500:]


def test_a_2_mb_title_through_the_api_is_a_clear_refusal(app):
    sysadmin = factories.Sysadmin()
    agency = Agency()
    answer = app.post("/api/3/action/package_create", json={
        "name": "big-title", "title": "哈" * (2 * 1024 * 1024 // 3), "owner_org": agency["id"]},
        headers={"Authorization": factories.APIToken(user=sysadmin["name"])["token"]}, status=None)
    assert 400 <= answer.status_code < 500, answer.body[:300]
    assert _CJK.search(json.dumps(answer.json["error"], ensure_ascii=False)), answer.body[:300]


@pytest.fixture
def nginx(ckan_config, monkeypatch, tmp_path) -> Iterator[int]:
    """nginx as `ckan harbin deploy` writes it, in front of a web node that is not running (what nginx
    refuses never reaches a node)."""
    from ckanext.harbin_opendata.ops import deploy

    port = _free_port()
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.deploy.listen", f"127.0.0.1:{port}")
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.deploy.web_nodes", [f"127.0.0.1:{_free_port()}"])
    monkeypatch.setitem(ckan_config, "ckan.max_resource_size", 1)
    monkeypatch.setitem(ckan_config, "ckan.max_image_size", 1)
    deploy.write_config("test.ini", str(tmp_path))
    process = subprocess.Popen(["/usr/sbin/nginx", "-c", str(tmp_path / "nginx.conf")], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield port
    process.terminate()
    process.wait(10)


def test_nginx_refuses_with_the_platforms_page(nginx):
    status, headers, body = _raw(nginx, _get(b"/dataset/?q=" + b"a" * 20000))
    _clear(status, body, 414)
    assert "地址过长" in body and "charset=utf-8" in headers
    status, _, body = _raw(nginx, _get(b"/dataset/", b"Cookie: " + b"a" * 20000 + b"\r\n"))
    _clear(status, body, 400)
    assert "Cookie" in body and "请求头过长" in body
    big = b"title=" + b"a" * (2 * 1024 * 1024 + 10)  # over client_max_body_size (1 MB + 1)
    status, _, body = _raw(nginx, b"POST /dataset/new HTTP/1.1\r\nHost: portal\r\nContent-Type: "
                                  b"application/x-www-form-urlencoded\r\nContent-Length: " + str(len(big)).encode()
                                  + b"\r\nConnection: close\r\n\r\n" + big)
    _clear(status, body, 413)
    assert "过大" in body
    assert _raw(nginx, _get(b"/harbin-errors/414.html"))[0] == 404  # the pages are not addresses of their own


def test_gunicorn_leaves_the_address_limits_to_nginx(tmp_path):
    """gunicorn's own 4,094-byte request line let nginx (16 KB) pass a 5,000-character address to a
    web node, which answered it with gunicorn's bare English "Bad Request". A node with the suite's
    gunicorn settings (a stand-in application) answers it."""
    import os
    import sys

    (tmp_path / "standin.py").write_text(
        "def app(environ, start_response):\n"
        "    start_response('200 OK', [('Content-Type', 'text/plain')])\n"
        "    return [str(len(environ.get('QUERY_STRING', ''))).encode()]\n")
    port = _free_port()
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    process = subprocess.Popen([gunicorn, "--config", "python:ckanext.harbin_opendata.ops.gunicorn_conf",
                                "--bind", f"127.0.0.1:{port}", "--workers", "1", "--chdir", str(tmp_path), "standin:app"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        status, _, body = _raw(port, _get(b"/dataset/?q=" + b"a" * 5000, b"Cookie: " + b"b" * 12000 + b"\r\n"))
        assert status == 200 and "5002" in body.split(), (status, body[:200])  # the node read all 5,002 characters
    finally:
        process.terminate()
        process.wait(10)
