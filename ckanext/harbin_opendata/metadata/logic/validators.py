"""Validators of the Harbin catalog schema; error messages are translatable."""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.logic.converters import convert_to_extras
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey
from ckanext.scheming.validation import scheming_validator

from .. import uscc
from ...common.vocabulary import FREQUENCY_DAYS
from ..choices import allowed_values, label_list
from ...common.resource_code import is_resource_code

from ...common.licence import harbin_licence_specified
from .blank_items import harbin_blank_item_dropped
from .entry_name import harbin_entry_name

__all__ = [
    "harbin_credit_code", "harbin_credit_code_unique", "harbin_resource_code", "harbin_related_codes",
    "harbin_choice", "harbin_formats", "harbin_phone", "harbin_catalog_entry", "harbin_resource_url",
    "harbin_web_address", "harbin_licence_specified", "harbin_entry_name", "harbin_blank_item_dropped",
]

_PHONE = re.compile(r"^(\+?86-?)?(1[3-9]\d{9}|0\d{2,3}-?\d{5,8}(-\d{1,6})?|400-?\d{3}-?\d{4}|\d{5,6})$")


def _credit_code_message(problem: str) -> str:
    return {
        "length": tk._("A unified social credit code has 18 characters."),
        "characters": tk._("A unified social credit code holds only digits and capital letters "
                           "other than I, O, S, V and Z."),
        "region": tk._("Characters 3 to 8 of a unified social credit code are the region code "
                       "and must be digits."),
        "department": tk._("The first character of a unified social credit code (registration "
                           "authority) must be 1-9, A, N or Y."),
        "check": tk._("The check character (18th) of this unified social credit code is wrong: "
                      "please check the code for typing errors."),
    }[problem]


def harbin_credit_code(value: Any, context: Context) -> Any:
    """A GB 32100-2015 unified social credit code; spaces removed, letters upper-cased."""
    code = re.sub(r"\s+", "", str(value)).upper()
    problem = uscc.problem(code)
    if problem:
        raise tk.Invalid(_credit_code_message(problem))
    return code


def harbin_credit_code_unique(key: FlattenKey, data: FlattenDataDict,
                              errors: FlattenErrorDict, context: Context) -> None:
    """No two agencies share a credit code."""
    code = data.get(key)
    if not code or errors.get(key):
        return
    query = (model.Session.query(model.Group.name)
             .join(model.GroupExtra, model.GroupExtra.group_id == model.Group.id)
             .filter(model.GroupExtra.key == "credit_code", model.GroupExtra.value == code,
                     model.GroupExtra.state == "active", model.Group.state != "deleted"))
    own = model.Group.get(data.get(("id",))) if isinstance(data.get(("id",)), str) else None
    if own is not None:  # organization_patch names the agency by its name as often as by its id
        query = query.filter(model.Group.id != own.id)
    other = query.first()
    if other:
        errors[key].append(tk._("Agency {name} already has this credit code.").format(name=other.name))


def _check_code_format(code: str) -> None:
    if not is_resource_code(code):
        raise tk.Invalid(tk._(
            "「{code}」 is not a resource code: use front code/sequence code, e.g. {example}."
        ).format(code=code, example=tk.config["ckanext.harbin_opendata.metadata.resource_code_example"]))


def _dataset_holding_code(code: str, own_id: Any) -> Any:
    query = (model.Session.query(model.Package.name)
             .join(model.PackageExtra, model.PackageExtra.package_id == model.Package.id)
             .filter(model.PackageExtra.key == "resource_code", model.PackageExtra.value == code,
                     model.Package.state != "deleted"))
    if own_id:
        query = query.filter(model.Package.id != own_id)
    return query.first()


def harbin_resource_code(key: FlattenKey, data: FlattenDataDict,
                         errors: FlattenErrorDict, context: Context) -> None:
    """A resource code in the configured format, used by no other catalog entry."""
    code = data.get(key)
    if not code:
        return
    try:
        _check_code_format(code)
    except tk.Invalid as error:
        errors[key].append(error.error)
        return
    package = context.get("package")
    other = _dataset_holding_code(code, data.get(("id",)) or (package.id if package else None))
    if other:
        errors[key].append(tk._("Resource code {code} is already used by entry {name}.")
                           .format(code=code, name=other.name))


def harbin_related_codes(value: Any, context: Context) -> Any:
    """Each related resource code (a JSON list after scheming_multiple_text) is well formed."""
    codes = json.loads(value) if isinstance(value, str) and value.startswith("[") else value
    for code in codes or []:
        _check_code_format(code)
    return value


@scheming_validator
def harbin_choice(field: dict[str, Any], schema: dict[str, Any]) -> Any:
    """One of the field's controlled values; the error lists them in the reader's language."""
    def validator(value: Any, context: Context) -> Any:
        if value in (None, "") or value is tk.missing:
            return value
        if value not in allowed_values(field):
            raise tk.Invalid(tk._("「{value}」 is not allowed here. Choose one of: {choices}.")
                             .format(value=value, choices=label_list(field)))
        return value
    return validator


@scheming_validator
def harbin_formats(field: dict[str, Any], schema: dict[str, Any]) -> Any:
    """At least one data format from the controlled list, stored as a JSON list in list order.
    Accepts a list, a comma-separated string or a JSON list; format codes match case-insensitively."""
    def validator(key: FlattenKey, data: FlattenDataDict,
                  errors: FlattenErrorDict, context: Context) -> None:
        canonical = {value.lower(): value for value in allowed_values(field)}
        given = _as_list(data.get(key))
        if not given:
            errors[key].append(tk._("Choose at least one data format."))
            return
        unknown = [value for value in given if value.lower() not in canonical]
        if unknown:
            errors[key].append(tk._("Unknown data format: {formats}. Choose from: {choices}.")
                               .format(formats=", ".join(unknown), choices=label_list(field)))
            return
        chosen = {canonical[value.lower()] for value in given}
        data[key] = json.dumps([value for value in allowed_values(field) if value in chosen])
    return validator


def _as_list(value: Any) -> list[str]:
    if value is tk.missing or value is None:
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except ValueError:
                return [text]
        else:
            value = text.split(",")
    elif not isinstance(value, (list, tuple, set)):  # a number or other single value from the API
        value = [value]
    return [str(item).strip() for item in value if str(item).strip()]


def harbin_phone(value: Any, context: Context) -> Any:
    """A mainland telephone number: mobile, landline with area code, 400 or service number."""
    if not value:
        return value
    if not _PHONE.match(re.sub(r"[\s()（）]", "", str(value))):
        raise tk.Invalid(tk._("Not a telephone number: use e.g. 0451-86300000, 13800000000 or 12345."))
    return value


_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def harbin_resource_url(value: Any, context: Context) -> Any:
    """A resource address with a scheme of ckan.valid_url_schemes (http, https, ftp), or an
    uploaded file's name: a javascript: or data: address must never become a download link."""
    # Browsers drop tabs, newlines and other control characters inside a scheme (java\tscript:).
    scheme = _SCHEME.match(re.sub(r"[\x00-\x20]", "", value)) if isinstance(value, str) else None
    if scheme and scheme.group(1).lower() not in tk.config["ckan.valid_url_schemes"]:
        raise tk.Invalid(tk._("Give an address starting with {schemes}, or upload a file.").format(
            schemes=", ".join(f"{s}://" for s in tk.config["ckan.valid_url_schemes"])))
    return value


def harbin_web_address(value: Any, context: Context) -> Any:
    """An http(s) address (an entry's source page): nothing a link could run (javascript:, data:)."""
    scheme = _SCHEME.match(re.sub(r"[\x00-\x20]", "", value)) if isinstance(value, str) else None
    if value and not (scheme and scheme.group(1).lower() in ("http", "https")):
        raise tk.Invalid(tk._("Give an address starting with http:// or https://."))
    return value


def _date(data: FlattenDataDict, field: str) -> Any:
    value = data.get((field,))
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _add_error(errors: FlattenErrorDict, field: str, message: str) -> None:
    errors.setdefault((field,), []).append(message)


def harbin_catalog_entry(key: FlattenKey, data: FlattenDataDict,
                         errors: FlattenErrorDict, context: Context) -> None:
    """Checks across fields: data items, update schedule, time coverage, conditions of access."""
    # Items present but incomplete get their own subfield errors. A CKAN draft (never public) may
    # have none yet: the form's first step (the upload of its second step drafts them,
    # drafted_items.py), a harvested record whose items could not be drafted. Finishing the form
    # or submitting requires them.
    if data.get(("state",)) != "draft" and not any(len(k) == 3 and k[0] == "data_items" for k in data):
        _add_error(errors, "data_items", tk._("List at least one data item (field) of the data."))
    _check_update_schedule(data, errors, context)
    start, end = _date(data, "temporal_start"), _date(data, "temporal_end")
    if start and end and end < start:
        _add_error(errors, "temporal_end", tk._("The end of the time coverage is before its start."))
    if data.get(("open_type",)) == "conditional" and not (data.get(("open_conditions",)) or "").strip():
        _add_error(errors, "open_conditions",
                   tk._("Conditionally open data must state its conditions of access."))


def _plus_days(day: Any, days: Any) -> Any:
    try:
        return day + dt.timedelta(days=days) if day and days else None
    except OverflowError:  # a last update in year 9999: no due date can follow it
        return None


def _check_update_schedule(data: FlattenDataDict, errors: FlattenErrorDict, context: Context) -> None:
    days = FREQUENCY_DAYS.get(data.get(("update_frequency",)) or "")
    last, due = _date(data, "last_updated"), _date(data, "next_update_due")
    if errors.get(("next_update_due",)) or errors.get(("last_updated",)):
        return
    latest = _plus_days(last, days)
    if last and due is None and latest:
        data[("next_update_due",)] = latest.isoformat()
        convert_to_extras(("next_update_due",), data, errors, context)
    elif last and due and due < last:
        _add_error(errors, "next_update_due", tk._("The next update cannot be due before the last update."))
    elif last and due and latest and due > latest:
        _add_error(errors, "next_update_due", tk._(
            "With this update frequency the next update is due at most {days} days after the last "
            "update, by {date}."
        ).format(days=days, date=latest.isoformat()))
