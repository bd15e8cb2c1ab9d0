"""Resource codes (资源代码) for harvested records that have none: the source's front code and the
next free sequence number under it (an entry keeps the code it was given on later harvests)."""
from __future__ import annotations

import re

import sqlalchemy as sa

import ckan.model as model

__all__ = ["next_code"]

_TAKEN = sa.text("""
    SELECT value FROM package_extra
    WHERE key = 'resource_code' AND state = 'active' AND value LIKE :prefix
""")


def next_code(front: str) -> str:
    """front/NNNNNN with the smallest sequence number above every one in use under `front`."""
    used = [int(match.group(1)) for (value,) in model.Session.execute(_TAKEN, {"prefix": f"{front}/%"})
            if (match := re.fullmatch(rf"{re.escape(front)}/(\d+)", value or ""))]
    return f"{front}/{max(used, default=0) + 1:06d}"
