"""Input schemas of harbin_showcase actions."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.logic.schema import validator_args
from ckan.types import Schema, Validator

from ...common.public_text import kinds_in_field

__all__ = ["KINDS", "case_schema", "list_schema", "harbin_showcase_http_url",
           "harbin_showcase_image_url", "harbin_showcase_published_datasets", "harbin_showcase_public_text",
           "harbin_showcase_public_address"]

KINDS = ("app", "analysis_report", "research", "news", "other")


def _refuse_personal(kinds: str) -> None:
    if kinds:
        raise tk.Invalid(tk._("A reuse case is public: remove the personal data from it (found here: {kinds}). "
                              "A developer's contact belongs with the agency, not on the case.").format(kinds=kinds))


def harbin_showcase_public_text(value: Any) -> Any:
    """A case's title, summary or unit: read by everyone, so no ID, phone, card, e-mail or name in it."""
    _refuse_personal(kinds_in_field(value))
    return value


def harbin_showcase_public_address(value: Any) -> Any:
    """A case's link or image link: no personal data in it (?lxr=王建国, ?sfzh=230102…)."""
    _refuse_personal(kinds_in_field(value, address=True))
    return value


def harbin_showcase_http_url(value: Any) -> Any:
    """Only http(s) links: a javascript: or data: URL must never reach an href or src."""
    if value and not str(value).lower().startswith(("http://", "https://")):
        raise tk.Invalid(tk._("Give an http:// or https:// address."))
    return value


def harbin_showcase_image_url(value: Any) -> Any:
    """A link (http/https) or the name of a file the uploader stored (no path: never outside
    uploads/showcase/)."""
    from ..images import is_stored_name

    if value and not is_stored_name(str(value)):
        return harbin_showcase_public_address(harbin_showcase_http_url(value))
    return value


def harbin_showcase_published_datasets(value: Any) -> list[str]:
    """Names or ids of public catalog entries, turned into package ids."""
    names = value if isinstance(value, list) else [v for v in str(value or "").replace(",", " ").split() if v]
    ids = []
    for name in names:
        # A NUL byte would reach PostgreSQL, which refuses it with an error (a 500), not a no.
        package = model.Package.get(name) if isinstance(name, str) and "\x00" not in name else None
        if package is None or package.private or package.state != "active":
            raise tk.Invalid(tk._("Not a published catalog entry: {name}").format(name=name))
        ids.append(package.id)
    return ids


@validator_args
def case_schema(not_empty: Validator, ignore_missing: Validator, unicode_safe: Validator,
                strip_value: Validator, one_of: Validator, boolean_validator: Validator,
                default: Validator) -> Schema:
    return {
        "title": [not_empty, unicode_safe, strip_value, harbin_showcase_public_text],
        "summary": [not_empty, unicode_safe, strip_value, harbin_showcase_public_text],
        "unit": [not_empty, unicode_safe, strip_value, harbin_showcase_public_text],
        "kind": [not_empty, one_of(KINDS)],
        "url": [ignore_missing, unicode_safe, strip_value, harbin_showcase_http_url, harbin_showcase_public_address],
        "image_url": [ignore_missing, unicode_safe, strip_value, harbin_showcase_image_url],
        "datasets": [default([]), harbin_showcase_published_datasets],
        "published": [default(False), boolean_validator],
    }


@validator_args
def list_schema(ignore_missing: Validator, unicode_safe: Validator, boolean_validator: Validator,
                natural_number_validator: Validator, default: Validator) -> Schema:
    return {
        "dataset": [ignore_missing, unicode_safe],
        "include_unpublished": [default(False), boolean_validator],
        "limit": [default(20), natural_number_validator],
    }
