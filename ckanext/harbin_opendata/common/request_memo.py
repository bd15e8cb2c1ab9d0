"""One answer per request: what a page asks several times with the same arguments (a template
rendered twice, the same agency in three places) is worked out once. Kept in the request's WSGI
environ, so never shared between requests nor users; outside a request, worked out each time.
Callers that hand out mutable answers give copies."""
from __future__ import annotations

from typing import Callable, Hashable, TypeVar

import flask

__all__ = ["once_per_request", "remember"]

T = TypeVar("T")


def once_per_request(name: str, key: Hashable, work: Callable[[], T]) -> T:
    """`work()`'s answer for (`name`, `key`), the first one of this request."""
    if not flask.has_request_context():
        return work()
    answers = _answers(name)
    if key not in answers:
        answers[key] = work()
    return answers[key]


def remember(name: str, answers: dict[Hashable, object]) -> None:
    """Answers worked out together (e.g. one statement for every entry of a list), for
    `once_per_request(name, key, …)` to give for the rest of the request; outside one, nothing kept."""
    if flask.has_request_context():
        _answers(name).update(answers)


def _answers(name: str) -> dict[Hashable, object]:
    return flask.request.environ.setdefault(f"harbin.memo.{name}", {})
