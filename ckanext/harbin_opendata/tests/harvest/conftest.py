"""Fixtures of the harvester tests: a real local HTTP server serving the sources, Harbin agencies,
and harvest sources run synchronously through ckanext-harvest's stages."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from typing import Any, Callable, Iterator, Union

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.harvest.runner import run_source
from ckanext.harbin_opendata.tests.factories import Agency

from . import samples

Body = Union[bytes, Callable[[Any], None]]


class Route:
    """What the server answers on one path: status, headers, body (bytes or a writer), delay."""

    def __init__(self, body: Body = b"", status: int = 200, content_type: str = "application/octet-stream",
                 headers: dict[str, str] | None = None, delay: float = 0):
        self.body, self.status, self.content_type = body, status, content_type
        self.headers, self.delay, self.sent = headers or {}, delay, 0


class SourceServer:
    """A threaded HTTP server on 127.0.0.1 whose routes tests set: `server.routes["/x.csv"] = Route(…)`."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_HEAD(self) -> None:
                self._answer(head=True)

            def do_GET(self) -> None:
                self._answer(head=False)

            def _answer(self, head: bool) -> None:
                server.requests.append(self.path)
                route = server.route_for(self.path)
                if route is None:
                    self.send_error(404)
                    return
                time.sleep(route.delay)
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                if isinstance(route.body, bytes) and "Content-Length" not in route.headers:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                if head:
                    return
                try:
                    if isinstance(route.body, bytes):
                        self.wfile.write(route.body)
                        route.sent += len(route.body)
                    else:
                        route.body(self, route)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the harvester stopped reading, as it should for an oversized file

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @staticmethod
    def _normal(path: str) -> str:
        bare, _, query = path.partition("?")
        return bare + ("?" + "&".join(sorted(query.split("&"))) if query else "")

    def route_for(self, path: str) -> Route | None:
        """The route of a request path; query parameters match in any order."""
        wanted = self._normal(path)
        for key, route in self.routes.items():
            if self._normal(key) == wanted:
                return route
        return self.routes.get(path.split("?")[0])

    def __enter__(self) -> "SourceServer":
        self.thread.start()
        return self

    def __exit__(self, *args: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[SourceServer]:
    with SourceServer() as running:
        yield running


@pytest.fixture
def harbin(with_plugins, clean_db, clean_index, with_request_context):
    """The agencies of the samples, a sysadmin, and helpers to make and run harvest sources."""
    sysadmin = factories.Sysadmin(name="harvest_admin")
    agencies = {key: Agency(name=name, title=title, credit_code=code)
                for key, (name, title, code) in samples.AGENCIES.items()}

    def source(name: str, url: str, source_type: str, config: str = "", owner: str = "scjg") -> dict[str, Any]:
        return tk.get_action("harvest_source_create")({"user": sysadmin["name"]}, {
            "name": name, "title": f"测试来源 {name}", "url": url, "source_type": source_type,
            "config": config, "frequency": "MANUAL", "owner_org": agencies[owner]["id"]})

    return SimpleNamespace(sysadmin=sysadmin["name"], agencies=agencies, source=source, run=run_source)


def entries(source_id: str | None = None) -> list[model.Package]:
    """Active catalog entries, by resource code."""
    query = model.Session.query(model.Package).filter(model.Package.type == "dataset",
                                                      model.Package.state == "active")
    return sorted(query.all(), key=lambda p: p.extras.get("resource_code", ""))


def review_state(package_id: str) -> str:
    from ckanext.harbin_opendata.review.model import ReviewEntry

    model.Session.expire_all()
    return model.Session.get(ReviewEntry, package_id).state
