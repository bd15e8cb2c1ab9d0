"""Dotted JSON paths such as ``data.records``, ``$.result.list[0].name`` or ``items[*].name``."""
from __future__ import annotations

import re
from typing import Any

__all__ = ["MISSING", "check", "get"]

MISSING = object()
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+|\*)\]")


def _steps(path: str) -> list[str]:
    path = path.strip()
    if path in ("", "$"):
        return []
    path = path[2:] if path.startswith("$.") else path.lstrip("$")
    steps = []
    position = 0
    while position < len(path):
        if path[position] == ".":
            position += 1
            continue
        match = _STEP.match(path, position)
        if not match:
            raise ValueError(path)
        steps.append(match.group(1) if match.group(1) is not None else f"[{match.group(2)}]")
        position = match.end()
    return steps


def check(path: Any) -> bool:
    """Whether `path` is a usable path."""
    if not isinstance(path, str):
        return False
    try:
        _steps(path)
    except ValueError:
        return False
    return True


def get(data: Any, path: str) -> Any:
    """The value at `path` (a list for ``[*]``), or MISSING."""
    value = data
    steps = _steps(path)
    for number, step in enumerate(steps):
        if step == "[*]":
            if not isinstance(value, list):
                return MISSING
            rest = ".".join(s if not s.startswith("[") else s for s in steps[number + 1:]).replace(".[", "[")
            found = [get(item, rest) if rest else item for item in value]
            return [item for item in found if item is not MISSING]
        if step.startswith("["):
            index = int(step[1:-1])
            if not isinstance(value, list) or index >= len(value):
                return MISSING
            value = value[index]
        elif isinstance(value, dict) and step in value:
            value = value[step]
        else:
            return MISSING
    return value
