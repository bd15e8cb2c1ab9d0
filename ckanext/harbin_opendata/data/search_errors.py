"""The DataStore's refusals of a bad search in the reader's language (probe 3 finding 4): CKAN's
datastore_search answers a column that does not exist, a sort it cannot read or a filter on an
unknown column with `invalid value "x"`, and its schema with `Cannot parse JSON` / `Not a list`,
untranslated, on a Chinese site. Still CKAN's ValidationError (409), each field's message replaced
by one that names the mistake; messages CKAN already translates pass unchanged."""
from __future__ import annotations

import re
from typing import Any

import ckan.plugins.toolkit as tk

__all__ = ["translated"]

_INVALID = re.compile(r'invalid value "(.*)"', re.S)


def _invalid(key: str, value: str) -> str:
    if key == "fields":
        return tk._("“{value}” is not a column of this table.").format(value=value)
    if key == "sort":
        return tk._("The table cannot be sorted by “{value}”: give a column, then asc or desc.").format(value=value)
    if key in ("filters", "q"):
        return tk._("“{value}” is not a column of this table ({key} names columns).").format(value=value, key=key)
    if key == "language":
        return tk._("“{value}” is not a search language of the table.").format(value=value)
    return tk._("“{value}” is not a value “{key}” takes.").format(value=value, key=key)


def _message(key: str, message: Any) -> Any:
    if not isinstance(message, str):
        return message
    invalid = _INVALID.fullmatch(message)
    if invalid:
        return _invalid(key, invalid.group(1))
    if message == "Cannot parse JSON":
        return tk._("“{key}” is not valid JSON.").format(key=key)
    if message == "Not a list" or message.startswith("Neither a string nor a list"):
        return tk._("“{key}” must be a list or a text of comma-separated names.").format(key=key)
    if message == "Invalid query":
        return tk._("The search could not be run: check q, filters and sort.")
    if message == "Search took too long":
        return tk._("The search took too long; ask for fewer rows or a narrower search.")
    return message


def translated(error: tk.ValidationError) -> tk.ValidationError:
    """The error with CKAN's English DataStore messages in the reader's language."""
    errors = error.error_dict if isinstance(error.error_dict, dict) else {}
    out: dict[str, Any] = {}
    for key, messages in errors.items():
        if key == "info":  # the database's internals (the statement as CKAN built it)
            continue
        out[key] = [_message(key, m) for m in messages] if isinstance(messages, list) else _message(key, messages)
    return tk.ValidationError(out)
