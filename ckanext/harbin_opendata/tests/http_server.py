"""A real HTTP server on the loopback for tests: an agency's legacy portal or file server whose
answers each test sets (`server.routes["/x.csv"] = Route(…)`, or `server.add(path, body)`)."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Union

__all__ = ["Route", "SourceServer"]

Body = Union[bytes, Callable[[Any], None]]


class Route:
    """What the server answers on one path: status, headers, body (bytes or a writer), delay."""

    def __init__(self, body: Body = b"", status: int = 200, content_type: str = "application/octet-stream",
                 headers: dict[str, str] | None = None, delay: float = 0):
        self.body, self.status, self.content_type = body, status, content_type
        self.headers, self.delay, self.sent = headers or {}, delay, 0


class SourceServer:
    """A threaded HTTP server on 127.0.0.1 whose routes tests set: `server.routes["/x.csv"] = Route(…)`."""

    def __init__(self, host: str = "127.0.0.1") -> None:
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

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://{host}:{self.httpd.server_address[1]}"
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

    def add(self, path: str, body: bytes) -> str:
        """Serve `body` at `path`; returns its address."""
        self.routes[path] = Route(body)
        return self.url + path

