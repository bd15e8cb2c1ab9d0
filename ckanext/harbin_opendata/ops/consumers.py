"""ckanext-harvest's gather and fetch consumers (Redis backend) that remember the message they are
working on, so that when one is killed its successor (supervisord restarts it under the same name)
puts that message back at the head of the queue at once. ckanext-harvest's own `harvester run`
resubmits such a message only three minutes later (fetch) or two hours later (gather).

Fetching an object again is safe: ckanext-harvest counts its retries and the Harbin harvesters
skip a record already imported unchanged."""
from __future__ import annotations

import logging
import socket
from typing import Any, Callable, Iterator

import ckan.plugins.toolkit as tk

from .solr_failover import install

__all__ = ["consume", "inflight_key"]

log = logging.getLogger(__name__)


def inflight_key(kind: str, name: str) -> str:
    """Redis key of the message a consumer (named uniquely on its host) is working on."""
    return f"harbin_opendata:{tk.config['ckan.site_id']}:harvest-{kind}:{socket.gethostname()}:{name}:inflight"


def _stage(kind: str) -> tuple[Callable[[], Any], Callable[..., Any], Callable[[], str], Callable[[], str]]:
    from ckanext.harvest import queue

    if kind == "gather":
        return queue.get_gather_consumer, queue.gather_callback, queue.get_gather_queue_name, queue.get_gather_routing_key
    return queue.get_fetch_consumer, queue.fetch_callback, queue.get_fetch_queue_name, queue.get_fetch_routing_key


def _give_back(redis: Any, key: str, routing_key: str, consumer: Any) -> None:
    """A predecessor's unfinished message goes back to the head of the queue."""
    body = redis.get(key)
    if body is None:
        return
    redis.delete(consumer.persistance_key(body))
    redis.lpush(routing_key, body)
    redis.delete(key)
    log.warning("Harvest message %s queued again: the consumer working on it died", body)


def _remembered(messages: Iterator[tuple[Any, Any, Any]], redis: Any, key: str) -> Iterator[tuple[Any, Any, Any]]:
    for method, header, body in messages:
        redis.set(key, body)
        yield method, header, body
        redis.delete(key)  # the callback has returned: acknowledged or deliberately left


def consume(kind: str, name: str) -> None:
    """Run a `gather` or `fetch` consumer named `name` (unique on this host) until killed."""
    if tk.config.get("ckan.harvest.mq.type") != "redis":
        raise RuntimeError("ckan harbin consumer needs ckan.harvest.mq.type = redis")
    install()
    get_consumer, callback, queue_name, routing_key = _stage(kind)
    consumer = get_consumer()
    key = inflight_key(kind, name)
    _give_back(consumer.redis, key, routing_key(), consumer)
    for method, header, body in _remembered(consumer.consume(queue=queue_name()), consumer.redis, key):
        callback(consumer, method, header, body)
