"""Texts a background job writes for people (a correction request, its e-mail) in the site's
language. A job runs outside any reader's request, where CKAN's translations and url_for have no
request to read: the job then works inside the request context CKAN keeps for its process (the one
its url_for falls back to), whose language is ckan.locale_default. Within a request, the reader's
language stays."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from flask import has_request_context

__all__ = ["in_site_language"]


@contextmanager
def in_site_language() -> Iterator[None]:
    if has_request_context():
        yield
        return
    from ckan.lib.helpers import _get_auto_flask_context  # CKAN's own fallback outside requests

    context = _get_auto_flask_context()
    if context is None:
        yield
        return
    context.push()
    try:
        yield
    finally:
        context.pop()
