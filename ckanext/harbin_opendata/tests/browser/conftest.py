"""Browser tests: the portal served on the loopback by a real HTTP server in this process (same
database, Solr and Redis as the other tests) and driven by Debian's Chromium through Playwright.
Screenshots of each step are kept in build/screenshots/ as test artifacts."""
from __future__ import annotations

import pathlib
import socket
import threading
from typing import Any, Iterator

import pytest
from werkzeug.serving import make_server

SCREENSHOTS = pathlib.Path(__file__).resolve().parents[4] / "build" / "screenshots"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def live_server(request, ckan_config, monkeypatch, with_plugins, clean_db, clean_index) -> Iterator[str]:
    """The portal at http://127.0.0.1:<port>; its own links point there (ckan.site_url)."""
    from ckan.lib.i18n import build_js_translations

    url = f"http://127.0.0.1:{_free_port()}"
    monkeypatch.setitem(ckan_config, "ckan.site_url", url)
    build_js_translations()  # as `ckan run` does: JavaScript modules speak Chinese too
    app = request.getfixturevalue("app")
    server = make_server("127.0.0.1", int(url.rsplit(":", 1)[1]), app.app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()


class Visitor:
    """One person's browser window, with numbered screenshots of the steps."""

    def __init__(self, browser: Any, base: str, journey: str, locale: str = "zh-CN") -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                                           locale=locale)
        self.page, self.base, self.journey, self.step = self.context.new_page(), base, journey, 0
        self.page.set_default_timeout(20000)
        # The portal's Content-Security-Policy must not break its pages: every violation fails the test.
        self.csp_violations: list[str] = []
        self.page.on("console", lambda message: self.csp_violations.append(message.text)
                     if "Content Security Policy" in message.text else None)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def go(self, path: str) -> Any:
        return self.page.goto(self.base + path)

    def shot(self, name: str) -> None:
        self.step += 1
        self.page.screenshot(path=str(SCREENSHOTS / f"{self.journey}-{self.step:02d}-{name}.png"), full_page=True)

    def click_through(self, selector: str) -> str:
        """Click what submits or leads on, wait until the page it opens has settled; its HTML."""
        self.page.click(selector)
        self.page.wait_for_load_state("networkidle")
        return self.page.content()

    def log_in(self, user: str, password: str) -> None:
        self.go("/user/login")
        self.page.fill("#field-login", user)
        self.page.fill("#field-password", password)
        self.page.press("#field-password", "Enter")
        self.page.wait_for_load_state("networkidle")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visitor(chromium, live_server, request) -> Iterator[Any]:
    """Opens browser windows: visitor("citizen"), visitor("tourist", locale="en-US")."""
    opened: list[Visitor] = []

    def open_window(journey: str, locale: str = "zh-CN") -> Visitor:
        opened.append(Visitor(chromium, live_server, f"{request.node.name}-{journey}", locale))
        return opened[-1]

    yield open_window
    violations = [text for window in opened for text in window.csp_violations]
    for window in opened:
        window.close()
    assert not violations, violations
