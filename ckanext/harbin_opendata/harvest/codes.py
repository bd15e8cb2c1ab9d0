"""Resource codes (资源代码) for harvested records that have none: the source's front code and the
next free sequence number under it (an entry keeps the code it was given on later harvests).
While a job's records are imported by several processes, the numbers of its source's front come
from one counter they share (`share`), so no two entries get the same code."""
from __future__ import annotations

import re
from typing import Optional

import sqlalchemy as sa

import ckan.model as model

from .workers import SharedCounter, shared_counter

__all__ = ["CodeCounter", "share"]

_TAKEN = sa.text("""
    SELECT value FROM package_extra
    WHERE key = 'resource_code' AND state = 'active' AND value LIKE :prefix
""")
_shared: Optional[tuple[str, SharedCounter]] = None


def share(front: Optional[str]) -> None:
    """From now on (in this process and those it forks), number `front` with one shared counter
    (None: each job counts for itself again)."""
    global _shared
    _shared = (front, shared_counter(-1)) if front else None


def _highest(front: str) -> int:
    return max((int(match.group(1)) for (value,) in model.Session.execute(_TAKEN, {"prefix": f"{front}/%"})
                if (match := re.fullmatch(rf"{re.escape(front)}/(\d+)", value or ""))), default=0)


class CodeCounter:
    """front/NNNNNN numbers above every one in use under `front`, counted once per job."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}

    def next_code(self, front: str) -> str:
        if _shared is not None and _shared[0] == front:
            return f"{front}/{_shared[1].next_or_start(lambda: _highest(front)):06d}"
        if front not in self.last:
            self.last[front] = _highest(front)
        self.last[front] += 1
        return f"{front}/{self.last[front]:06d}"
