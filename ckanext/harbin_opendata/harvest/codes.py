"""Resource codes (资源代码) for harvested records that have none: the source's front code and the
next free sequence number under it (an entry keeps the code it was given on later harvests)."""
from __future__ import annotations

import re

import sqlalchemy as sa

import ckan.model as model

__all__ = ["CodeCounter"]

_TAKEN = sa.text("""
    SELECT value FROM package_extra
    WHERE key = 'resource_code' AND state = 'active' AND value LIKE :prefix
""")


class CodeCounter:
    """front/NNNNNN numbers above every one in use under `front`, counted once per job."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}

    def next_code(self, front: str) -> str:
        if front not in self.last:
            self.last[front] = max((int(match.group(1)) for (value,) in
                                    model.Session.execute(_TAKEN, {"prefix": f"{front}/%"})
                                    if (match := re.fullmatch(rf"{re.escape(front)}/(\d+)", value or ""))), default=0)
        self.last[front] += 1
        return f"{front}/{self.last[front]:06d}"
