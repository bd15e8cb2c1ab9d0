"""The agencies a harvest job saves entries to, read once per job instead of twice per entry.

Saving one entry, CKAN reads its agency with `model.Group.get` in owner_org_validator and again in
package_owner_org_update (a query each: Group.get filters, it does not ask the session's identity
map). Within `remembering(known)`, `model.Group.get` given the id or name of a group it found
before in the job answers with that object, while the session still holds it; any other
reference, argument or process is read as always. Group.get returns a group whatever its state,
so a job holding one changes no answer; ids and names of agencies do not change within a job."""
from __future__ import annotations

import contextlib
import contextvars
import functools
from typing import Any, Callable, Iterator, Optional

import ckan.model as model

__all__ = ["remembering"]

_KNOWN: contextvars.ContextVar[Optional[dict[str, model.Group]]] = \
    contextvars.ContextVar("harbin_harvest_agencies", default=None)


def _install() -> None:
    """Wrap Group.get once per process (idempotent)."""
    original = model.Group.get
    if getattr(original, "harbin_remembers", False):
        return

    @functools.wraps(original)
    def remembered(cls: type, reference: Optional[str] = None, *args: Any,
                   _original: Callable[..., Any] = original, **kwargs: Any) -> Any:
        known = _KNOWN.get()
        if known is None or not isinstance(reference, str) or args or kwargs:
            return _original(reference, *args, **kwargs)
        group = known.get(reference)
        if group is not None and group in model.Session and reference in (group.id, group.name):
            return group
        group = _original(reference)
        if group is not None:
            known[reference] = group
        return group

    remembered.harbin_remembers = True  # type: ignore[attr-defined]
    model.Group.get = classmethod(remembered)  # type: ignore[method-assign,assignment]


@contextlib.contextmanager
def remembering(known: dict[str, model.Group]) -> Iterator[None]:
    """Within the block, groups found by Group.get are kept in `known` (the job's) and answer the
    next lookups of the same reference."""
    _install()
    token = _KNOWN.set(known)
    try:
        yield
    finally:
        _KNOWN.reset(token)
