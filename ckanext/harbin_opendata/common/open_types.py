"""The rule of 开放类型 on an entry's type and its open_type: fail closed, a catalog entry not
marked 无条件开放 counts as conditional (有条件开放). Shared by the access area, which guards the
files, and the data area, whose API examples send an app key only where one is needed."""
from __future__ import annotations

from typing import Optional

__all__ = ["UNCONDITIONAL", "conditional_by"]

UNCONDITIONAL = "unconditional"


def conditional_by(package_type: Optional[str], open_type: Optional[str]) -> bool:
    """The rule, on an entry's type and its open_type extra (None when it has none)."""
    return package_type == "dataset" and open_type != UNCONDITIONAL
