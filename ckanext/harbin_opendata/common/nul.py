"""NUL characters in a request: PostgreSQL cannot store them and no text of the platform needs them,
so a request holding one is refused (hardening's request guard) before anything reads the database
with it (harbin_access's key check runs earlier, and leaves such a request to the guard)."""
from __future__ import annotations

import io
from typing import Any, Optional

from flask import request

__all__ = ["has_nul", "request_has_nul", "json_body"]

_NUL = "\x00"


def has_nul(value: Any, depth: int = 0) -> bool:
    """Whether a text, or any key or value inside lists and dicts, holds a NUL character."""
    if isinstance(value, str):
        return _NUL in value
    if depth > 50:  # deeper than any form or action needs
        return True
    if isinstance(value, dict):
        return any(has_nul(k, depth + 1) or has_nul(v, depth + 1) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(has_nul(item, depth + 1) for item in value)
    return False


def json_body() -> Optional[Any]:
    """The request's JSON body, or None (not JSON, or not parseable)."""
    if not request.is_json:
        return None
    return request.get_json(silent=True)


def _keep_body_readable() -> None:
    """Reading the form consumes the request's input stream; CKAN's tracking middleware reads
    `wsgi.input` itself after the view (POST /_tracking), so a url-encoded body is read here once
    and handed on as a fresh stream. Multipart bodies (uploads) are left to stream."""
    if request.mimetype == "application/x-www-form-urlencoded":
        body = request.get_data(cache=True)
        request.environ["wsgi.input"] = io.BytesIO(body)


def request_has_nul() -> bool:
    """Whether the address, the query, a form field or the JSON body of the request holds a NUL
    (the body stays readable for whoever reads the input stream after this)."""
    _keep_body_readable()
    return (has_nul(request.path) or has_nul(request.query_string.decode("latin-1"))
            or has_nul(list(request.args.items(multi=True))) or has_nul(list(request.form.items(multi=True)))
            or has_nul(json_body()))
