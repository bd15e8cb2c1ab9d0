"""Redis away: the pages and actions of harbin_access that read it (a user's keys with today's use,
the access log, whose rows wait in Redis) answer 503 with Retry-After and a message in the reader's
language, never a 500. Pages get CKAN's error page; API calls CKAN's JSON error body (api_status)."""
from __future__ import annotations

import functools
import logging
from typing import Any, Callable, TypeVar

import redis
from flask import current_app, make_response
from werkzeug.exceptions import ServiceUnavailable

import ckan.plugins.toolkit as tk

from ..common import api_status

log = logging.getLogger(__name__)

__all__ = ["RETRY_AFTER", "message", "page_unavailable", "needs_redis"]

RETRY_AFTER = 30  # seconds: Redis back after a restart
Action = TypeVar("Action", bound=Callable[..., Any])


def message() -> str:
    return tk._("This page needs a service that is not available at the moment; please try again later.")


def page_unavailable(error: redis.RedisError) -> Any:
    """Error handler of the blueprints of harbin_access: CKAN's error page, 503."""
    log.error("A page of harbin_access cannot reach Redis: %s", error)
    response = make_response(current_app.handle_http_exception(ServiceUnavailable(message())))
    response.headers["Retry-After"] = str(RETRY_AFTER)
    return response


def needs_redis(action: Action) -> Action:
    """An action that reads Redis: when it cannot, the API call answers 503."""
    @functools.wraps(action)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        try:
            return action(*args, **kwargs)
        except redis.RedisError:
            api_status.mark(503, RETRY_AFTER, message())
            raise
    return wrapped  # type: ignore[return-value]

