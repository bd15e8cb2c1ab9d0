"""What harbin_access keeps on a user account (`plugin_extras["harbin_access"]`): the e-mail
verification mark and the time of the last link (verification.py), the verified identity
(identity.py). One reader and one writer, so that neither drops the other's values."""
from __future__ import annotations

from typing import Any, Optional

import ckan.model as model

__all__ = ["read", "write"]

_EXTRAS = "harbin_access"


def read(user: Optional[model.User], name: str) -> Any:
    """The value kept under `name`, or None."""
    if user is None:
        return None
    return ((user.plugin_extras or {}).get(_EXTRAS) or {}).get(name)


def write(user: model.User, name: str, value: Any) -> None:
    """Keep `value` under `name` (a false value removes it); the caller commits."""
    extras = dict(user.plugin_extras or {})
    ours = {key: kept for key, kept in (extras.get(_EXTRAS) or {}).items() if key != name}
    if value:
        ours[name] = value
    extras[_EXTRAS] = ours
    user.plugin_extras = extras
