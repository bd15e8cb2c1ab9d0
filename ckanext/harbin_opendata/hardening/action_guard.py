"""The action-level half of the guard (request_guard.py is the other): an API call that CKAN's,
a plugin's or our own action cannot handle — a missing parameter, a value of the wrong kind, a
reference the database refuses — answers a 400 with a message in the reader's language instead
of a 500. Every registered action is chained once with the same wrapper; it acts only on calls
made through the API (internal calls keep their exceptions) and logs what it turned into a 400,
with its traceback, for the operator."""
from __future__ import annotations

import inspect
import logging
import re
from typing import Any, Callable, Iterator

import sqlalchemy.exc

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib.navl.dictization_functions import DataError
from ckan.types import Context, DataDict

from ..common import security_events

__all__ = ["actions"]

log = logging.getLogger(__name__)

Action = Callable[..., Any]
# What malformed input makes actions raise; a bug raising one for valid input is logged.
CLIENT_ERRORS = (KeyError, ValueError, TypeError, AttributeError, AssertionError, IndexError, RecursionError,
                 sqlalchemy.exc.StatementError, sqlalchemy.exc.ArgumentError, sqlalchemy.exc.CompileError)
_FLAGS = ("side_effect_free", "auth_audit_exempt")


def _refusal(action: str, error: Exception) -> tk.ValidationError:
    log.warning("API call of %s refused as malformed: %r", action, error, exc_info=error)
    if isinstance(error, KeyError) and error.args and isinstance(error.args[0], str):
        return tk.ValidationError({error.args[0]: [tk._("Missing value")]})
    return tk.ValidationError({"message": [tk._("The request is not valid: a value is missing or of the wrong kind.")]})


# navl's DataError names the key path of a field it could not take: subschema ('data_items',)
_KEY_PATH = re.compile(r"\(((?:'[^']*',?\s*|\d+,?\s*)+)\)")


def _shape_refusal(error: DataError) -> tk.ValidationError:
    """A field sent in a shape its schema cannot take (text where a list of items belongs: data_items,
    tags, extras, resources): CKAN's 400 "Integrity Error" said so in English only."""
    found = _KEY_PATH.search(str(error.error))
    field = (re.findall(r"'([^']*)'", found.group(1))[0] if found else "") or "message"
    # ValidationError reads a "tags" entry as per-tag errors (a list of dicts): name the form's field
    return tk.ValidationError({"tag_string" if field == "tags" else field: [tk._("Give a list of items here (each one with its own fields), "
                                                         "not text or a number.")]})


# Parameters that name what a write action acts on, for the audit row of a refusal.
_OBJECT_KEYS = ("id", "name", "resource_id", "package_id", "object", "user", "jti")


def _report_refusal(name: str, base: Any, context: Context, data_dict: DataDict, error: Exception) -> None:
    """A write action refused to a logged-in user during a request is a security event (audited,
    bounded per user and action)."""
    if getattr(base, "side_effect_free", False) or not context.get("user") or not tk.request:
        return
    if "api_version" not in context and tk.request.method != "POST":
        return  # pages asking whether to show a button
    shown = {key: str(data_dict[key])[:200] for key in _OBJECT_KEYS
             if isinstance(data_dict, dict) and isinstance(data_dict.get(key), (str, int))}
    security_events.report("action_refused", str(context["user"]), action=name, object=shown,
                           reason=str(getattr(error, "message", "") or error)[:300])


def _call(name: str, base: Any, up: Action, context: Context, data_dict: DataDict) -> Any:
    try:
        return up(context, data_dict)
    except tk.NotAuthorized as error:
        _report_refusal(name, base, context, data_dict, error)
        raise


def _guard(name: str, base: Any) -> Action:
    def guarded(up: Action, context: Context, data_dict: DataDict) -> Any:
        if "api_version" not in context:
            return _call(name, base, up, context, data_dict)
        if inspect.isclass(base):  # ckanext-harvest registers an exception class as an action
            raise tk.ObjectNotFound(tk._("Action name not known: {name}").format(name=name))
        try:
            return _call(name, base, up, context, data_dict)
        except CLIENT_ERRORS as error:
            model.Session.rollback()
            raise _refusal(name, error) from error
        except DataError as error:
            model.Session.rollback()
            raise _shape_refusal(error) from error
    guarded.__name__ = name
    # CKAN copies a chained function's __dict__ onto the partial it registers: keep the action's
    # own docstring for help_show (a partial's is functools' own).
    guarded.__doc__ = guarded.__dict__["__doc__"] = getattr(base, "__doc__", None)
    for flag in _FLAGS:
        if getattr(base, flag, False):
            setattr(guarded, flag, True)
    if not getattr(base, "__module__", "").startswith("ckan.logic.action."):
        # CKAN exempts every extension's action from its auth audit when it registers it, which
        # may come after this copy (plugin order): without the flag, ckanext-harvest's
        # harvest_source_show (package_show inside) fails harvest_jobs_run at the end of a harvest.
        guarded.auth_audit_exempt = True  # type: ignore[attr-defined]
    return tk.chained_action(guarded)


def _registered(own: Any) -> Iterator[tuple[str, Any]]:
    """CKAN's own actions, then every other plugin's (not their chained ones: their names are
    among these)."""
    import ckan.logic.action as core

    for module_name in ("get", "create", "update", "delete", "patch"):
        module = getattr(__import__(f"{core.__name__}.{module_name}", fromlist=["_"]), "__dict__")
        for name, function in module.items():
            if not name.startswith("_") and callable(function) and getattr(function, "__module__", "") == \
                    f"{core.__name__}.{module_name}":
                yield name, function
    for plugin in p.PluginImplementations(p.IActions):
        if plugin is own:
            continue
        for name, function in plugin.get_actions().items():
            if not getattr(function, "chained_action", False):
                yield name, function


def actions(own: Any) -> dict[str, Action]:
    """IActions: every registered action, chained with the guard."""
    return {name: _guard(name, function) for name, function in _registered(own)}
