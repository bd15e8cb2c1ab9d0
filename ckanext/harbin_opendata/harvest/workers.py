"""A job's records imported by several processes at once (`harvest.workers`): half of a record's
import is spent waiting on PostgreSQL, so a second process uses that time.

The split keeps what one process guaranteed. Records that could be duplicates of one another (the
same title or the same resource code) go to the same process, in the listing's order, so the
one-data-one-source check still sees the first of them before the others; so do records sharing a
tag not saved yet (CKAN would save a free tag twice if two processes made it at once: its name is
unique only with a vocabulary). Generated resource codes
come from one counter the processes share. Objects without a record (withdrawals) are left to the
caller, to run after every record was imported, as before.

The processes are forked from the one running the job after it committed; each child opens its own
database connections (the parent's are left alone) and leaves with os._exit."""
from __future__ import annotations

import json
import logging
import multiprocessing
import os
import sys
from typing import Any, Callable, Iterable, Optional

import ckan.model as model

from .records import clean

__all__ = ["split", "in_processes", "shared_counter", "SharedCounter"]

log = logging.getLogger(__name__)
_FORK = multiprocessing.get_context("fork")


class SharedCounter:
    """An integer the forked processes share (a lock and shared memory), e.g. the records done."""

    def __init__(self, start: int = 0) -> None:
        self._value = _FORK.Value("q", start)

    def add(self, amount: int = 1) -> int:
        with self._value.get_lock():
            self._value.value += amount
            return self._value.value

    def next_or_start(self, first: Callable[[], int]) -> int:
        """The next number; the first process to ask counts from first() (called under the lock)."""
        with self._value.get_lock():
            if self._value.value < 0:
                self._value.value = first()
            self._value.value += 1
            return self._value.value

    @property
    def value(self) -> int:
        return self._value.value


def shared_counter(start: int = 0) -> SharedCounter:
    return SharedCounter(start)


def _keys(content: Optional[str], more: Callable[[dict], Iterable[str]]) -> Optional[list[str]]:
    """What the duplicate check compares of a record (title, resource code), and more(record);
    None: not a record."""
    try:
        record = json.loads(content or "")
    except ValueError:
        return None
    if not isinstance(record, dict):
        return None
    keys = []
    for field in ("title", "resource_code"):
        value = clean(record.get(field))
        if isinstance(value, str) and value:
            keys.append(f"{field}:{value}")
    return keys + list(more(record))


def split(object_ids: list[str], contents: dict[str, Optional[str]], workers: int,
          more: Callable[[dict], Iterable[str]] = lambda record: ()) -> tuple[list[list[str]], list[str]]:
    """The objects that hold a record, in at most `workers` parts (records sharing a title, a
    resource code or a key of more(record) in the same part, each part in the listing's order),
    and the other objects, in order."""
    group_of: dict[str, int] = {}  # key → group (union of the groups a record joins)
    parent: list[int] = []

    def root(group: int) -> int:
        while parent[group] != group:
            parent[group] = parent[parent[group]]
            group = parent[group]
        return group

    records, rest = [], []
    for object_id in object_ids:
        keys = _keys(contents.get(object_id), more)
        if keys is None:
            rest.append(object_id)
            continue
        parent.append(len(parent))
        group = len(parent) - 1
        for key in keys:
            if key in group_of:
                other = root(group_of[key])
                parent[max(group, other)] = min(group, other)
                group = min(group, other)
            group_of[key] = group
        records.append((object_id, len(parent) - 1))
    members: dict[int, list[int]] = {}
    for index, (_, group) in enumerate(records):
        members.setdefault(root(group), []).append(index)
    parts: list[list[int]] = [[] for _ in range(max(1, workers))]
    for group in sorted(members, key=lambda g: members[g][0]):  # groups in order of their first record
        min(parts, key=len).extend(members[group])
    return [[records[index][0] for index in sorted(part)] for part in parts if part] or [[]], rest


def _fresh_connections() -> None:
    """In a forked child: new connection pools, the parent's connections neither used nor closed."""
    model.Session.registry.clear()
    model.Session.get_bind().dispose(close=False)
    try:
        from ckanext.datastore.backend import postgres as datastore
    except ImportError:
        return
    for engine in getattr(datastore, "_engines", {}).values():
        engine.dispose(close=False)


def in_processes(parts: Iterable[list[str]], work: Callable[[list[str]], Any]) -> list[str]:
    """work(part) for each part, the first in this process and each other one in a forked child,
    all at once. Returns what went wrong in children (exit status or signal), empty when nothing."""
    parts = list(parts)
    model.Session.commit()
    children = []
    for part in parts[1:]:
        sys.stdout.flush(), sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns to the caller
            status = 1
            try:
                _fresh_connections()
                work(part)
                model.Session.commit()
                status = 0
            except BaseException:
                log.exception("A harvest import process failed")
            finally:
                logging.shutdown()
                sys.stdout.flush(), sys.stderr.flush()
                os._exit(status)
        children.append(pid)
    failures = []
    try:
        work(parts[0])
    finally:
        for pid in children:
            _, status = os.waitpid(pid, 0)
            if status:
                code = os.waitstatus_to_exitcode(status)
                failures.append(f"exit status {code}" if code >= 0 else f"signal {-code}")
    return failures
