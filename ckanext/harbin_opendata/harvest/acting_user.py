"""The harvest's own user, looked up once per job instead of six times per entry saved.

Saving one entry, CKAN asks the database for the acting user in check_access, owner_org_validator,
package_create (creator_user_id), the default views' check_access and ckanext-activity, and
harbin_review asks again for its audit entry: six `SELECT … FROM "user"` for the same row (a
fifth of a first harvest's statements were user and entry lookups). Within `acting_as(user)`,
`model.User.get` and `model.User.by_name` given that user's name or id answer with the object
the job loaded; any other reference, argument or process is untouched. The object stays the
session's (reloaded if the session let it go), so a rollback or expiry reads it again."""
from __future__ import annotations

import contextlib
import contextvars
import functools
from typing import Any, Callable, Iterator, Optional

import ckan.model as model

__all__ = ["acting_as", "harvest_user"]

_USER: contextvars.ContextVar[Optional[model.User]] = contextvars.ContextVar("harbin_harvest_user", default=None)


def harvest_user(name: str, known: Optional[model.User] = None) -> Optional[model.User]:
    """The user named `name`: `known` while the session still holds it, else read again."""
    if known is not None and known in model.Session and known.name == name:
        return known
    return model.User.by_name(name)


def _install() -> None:
    """Wrap User.get and User.by_name once per process (idempotent)."""
    for name in ("get", "by_name"):
        original = getattr(model.User, name)
        if getattr(original, "harbin_remembers", False):
            continue

        @functools.wraps(original)
        def remembered(cls: type, reference: Optional[str] = None, *args: Any,
                       _original: Callable[..., Any] = original, **kwargs: Any) -> Any:
            user = _USER.get()
            if user is not None and reference is not None and not args and not kwargs \
                    and user in model.Session and reference in (user.name, user.id):
                return user
            return _original(reference, *args, **kwargs)

        remembered.harbin_remembers = True  # type: ignore[attr-defined]
        setattr(model.User, name, classmethod(remembered))


@contextlib.contextmanager
def acting_as(user: Optional[model.User]) -> Iterator[None]:
    """Within the block, lookups of `user` by name or id return it without a query."""
    _install()
    token = _USER.set(user)
    try:
        yield
    finally:
        _USER.reset(token)
