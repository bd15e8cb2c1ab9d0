"""What a visitor reads when the development server `ckan run` refuses a request before the portal
sees it (probe 3 finding 5): an address longer than it reads (414, over 65,536 bytes), header lines
too long or too many (431), a request line that is not HTTP (400). Werkzeug's request handler
(http.server's `send_error`) answered with Python's English "Error response" page; it now answers
with the platform's page in Chinese and English (common/server_pages.py). Production servers: nginx
answers these with the same pages (ops/deploy.py)."""
from __future__ import annotations

from typing import Any, Optional

from ..common.server_pages import PAGE, SERVER_TEXTS

__all__ = ["install"]


def install() -> None:
    """Through http.server's documented class attributes: the reason phrase stays English (it goes
    in the status line), the explanation and the page are the platform's."""
    from werkzeug.serving import WSGIRequestHandler

    responses = dict(WSGIRequestHandler.responses)
    for code, explain in SERVER_TEXTS.items():
        responses[code] = (responses[code][0], explain)
    WSGIRequestHandler.responses = responses
    WSGIRequestHandler.error_message_format = PAGE
    WSGIRequestHandler.error_content_type = "text/html; charset=utf-8"
    if not getattr(WSGIRequestHandler.send_error, "platform_words", False):
        WSGIRequestHandler.send_error = _with_platform_words(WSGIRequestHandler.send_error)


def _with_platform_words(send_error: Any) -> Any:
    """http.server passes its own English detail for some refusals ("header line longer than 65536
    bytes"): the platform's words replace it for the codes it has a page for."""
    def send(handler: Any, code: int, message: Optional[str] = None, explain: Optional[str] = None) -> None:
        send_error(handler, code, message, SERVER_TEXTS.get(int(code), explain))

    send.platform_words = True  # type: ignore[attr-defined]
    return send
