"""Personal data typed into a catalog entry's own texts (第七条): the file scan never sees them, and
an agency's edit of a published entry's minor fields, a resource's name or description, or a view's
title is public at once. Refused in every text of the entry, its data items, its resources and its
views (a view's settings too: an image view's image_url), with the field named — whoever saves it
(a harvest's record is refused as well, its error saying why): resident ID, bank-card and mobile
numbers (the scan's detectors, check digits included), names after a label (联系人：李秀梅, 负责人
王伟; an office after it, 联系人：数据资源管理处, is not a person), passport numbers after their label
(护照号码：E98765432) and e-mail addresses that are not official (public_text.py: gov.cn and its
subdomains, privacy.official_email_domains, and the agency's own published address); a data item
that names people (姓名, 申请人) may not show a person's name as its example. Web addresses and
uploaded files' names are read as addresses (address_text.py). Ordinary public contact data stays:
the contact phone may be a mobile and the contact e-mail any address (the fields meant for them),
landlines (an office's 咨询电话 0451-86300000) are not refused, and the contact name field holds the
person or office that answers."""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Iterator, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from .address_text import address_kinds
from .labels import kind_label
from .public_text import found_kinds
from .scan.names import is_name_header, names_a_person
from .text_names import exactly_a_name

__all__ = ["entry_errors", "view_errors", "agency_errors", "relationship_errors", "REFUSED_KINDS", "Refusal"]

REFUSED_KINDS = frozenset({"resident_id", "bank_card", "mobile", "email", "person_name", "passport"})
# The schema's contact fields hold what they are meant for (an agency's duty mobile, a maintainer's
# address harvested from a legacy portal): the public contact of the entry, published by design.
_CONTACT_FIELDS = {"contact_phone": "mobile", "contact_email": "email"}
_ENTRY_SKIPPED = frozenset({"id", "name", "owner_org", "type", "state", "resource_code", "metadata_created",
                            "metadata_modified", "creator_user_id", "resources", "data_items", "tags", "extras",
                            "groups", "organization", "relationships_as_object", "relationships_as_subject"})
# A resource's every text but what the portal writes itself; its address (and a view's) is read as
# an address (address_text.py: the numbers in a link's identifiers are nobody's).
_RESOURCE_SKIPPED = frozenset({"id", "package_id", "url_type", "format", "mimetype", "mimetype_inner", "hash",
                               "created", "last_modified", "metadata_modified", "cache_url", "cache_last_updated",
                               "state", "position", "resource_type", "size", "datastore_active"})
# An agency's (or a group's) page, every text but what the portal writes itself: its contact phone
# (the office's line or duty mobile) and contact e-mail are published by design, as an entry's; its
# title and duties are prose, refused as an entry's notes are (a mobile, an ID number, a name).
_GROUP_SKIPPED = frozenset({"id", "name", "type", "state", "is_organization", "approval_status", "created",
                            "image_display_url", "users", "packages", "groups", "tags", "extras"})
_VIEW_SKIPPED = frozenset({"id", "resource_id", "package_id", "view_type"})
_ADDRESS_FIELDS = frozenset({"url", "image_url", "page_url"})
# A data item that names people (姓名, 申请人) shows a person's name as its example (王建国, 示例：王建国):
# by its shape, since the item says what it is; elsewhere that shape is as often a word (高中, 党员).
_EXAMPLE_PREFIX = re.compile(r"^(?:示例|例如|举例|样例|如|例)?\s*[：:]?\s*")
# Fields that name one thing: a tag (one by one in tag_string), a resource's or a data item's name.
_ONE_NAME_FIELDS = frozenset({"name", "tag_string"})
_PLACEHOLDER = re.compile(r"[某*＊×xX]")


class Refusal(str):
    """An error message that also keeps the kinds it names (for the audit log of stored_texts.py:
    which kind in which field, never the value)."""
    kinds: tuple[str, ...]

    def __new__(cls, message: str, kinds: Iterable[str]) -> "Refusal":
        refusal = super().__new__(cls, message)
        refusal.kinds = tuple(kinds)
        return refusal


def _message(value: str, field: str, official: Iterable[str]) -> Optional[str]:
    kinds = REFUSED_KINDS - {_CONTACT_FIELDS.get(field, "")}
    if field in _ADDRESS_FIELDS:
        found = address_kinds(value, kinds, official)
    else:
        found = found_kinds(value, kinds, official)
        if field == "name":  # a resource's name is often its file's (the form copies it): read as one too
            found = sorted({*found, *address_kinds(value, kinds, official)})
        if field in _ONE_NAME_FIELDS and "person_name" in kinds and any(map(exactly_a_name, re.split(r"[,，]", value))):
            found = sorted({*found, "person_name"})  # a tag, a resource or a data item called 王建国 (李秀英.xlsx)
    if not found:  # the usual case: no message translated (issue 20: 16 lookups of the catalog per save)
        return None
    if field in _ADDRESS_FIELDS:
        message = tk._("A file name or web address holding personal data ({kinds}) may not be published: "
                       "rename the file or remove it from the address.")
    else:
        message = tk._("Personal data ({kinds}) may not be published in the catalog: remove it.")
    return Refusal(message.format(kinds=tk._(", ").join(kind_label(kind) for kind in found)), found)


def _texts_errors(item: dict[str, Any], fields: Any, official: Iterable[str] = ()) -> dict[str, list[str]]:
    errors = {}
    for field in fields:
        value = item.get(field)
        if isinstance(value, str) and (message := _message(value, field, official)):
            errors[field] = [message]
    return errors


def _example_names(item: dict[str, Any]) -> dict[str, list[str]]:
    example = item.get("example")
    if not isinstance(example, str) or not is_name_header(str(item.get("name") or "")):
        return {}
    shown = _EXAMPLE_PREFIX.sub("", example.strip(), count=1)
    if _PLACEHOLDER.search(shown) or not names_a_person(shown):
        return {}
    return {"example": [Refusal(tk._("Personal data ({kinds}) may not be published in the catalog: remove it.").format(
        kinds=kind_label("person_name")), ("person_name",))]}


def _keys_but(item: dict[str, Any], skipped: frozenset[str]) -> list[str]:
    """Every key of `item` but what the portal writes itself (`skipped`): the texts to check."""
    return [key for key in item if key not in skipped]


def _list_errors(items: Any, texts_of: Callable[[dict[str, Any]], Iterable[str]],
                 official: Iterable[str]) -> Optional[list[dict[str, list[str]]]]:
    """Errors of each item: `texts_of(item)` names the texts to check (and a name item's example)."""
    if not isinstance(items, list):
        return None
    found = [{**_example_names(item), **_texts_errors(item, texts_of(item), official)} if isinstance(item, dict)
             else {} for item in items]
    return found if any(found) else None


def _agency_addresses(owner_org: Any) -> tuple[str, ...]:
    """The agency's own published contact address (its organization's contact e-mail)."""
    agency = model.Group.get(owner_org) if isinstance(owner_org, str) and owner_org else None
    address = agency.extras.get("contact_email") if agency is not None else None
    return (address,) if isinstance(address, str) and address else ()


class _AgencyAddresses:
    """`_agency_addresses`, read when first iterated: only a text with an e-mail address on no
    official domain asks (issue 20: every save read the organization for it)."""

    def __init__(self, owner_org: Any) -> None:
        self._owner_org = owner_org
        self._read: Optional[tuple[str, ...]] = None

    def __iter__(self) -> Iterator[str]:
        if self._read is None:
            self._read = _agency_addresses(self._owner_org)
        return iter(self._read)


def _extras_read(extras: Any) -> Any:
    """An entry's extras as the public reads them, each key a label before its value (联系人 | 王建国 is
    联系人：王建国, as an address's key=value is): the value's error names it."""
    if not isinstance(extras, list):
        return extras
    return [{"value": f"{extra.get('key')}：{extra.get('value')}" if isinstance(extra.get("key"), str)
             and isinstance(extra.get("value"), str) else extra.get("value")} if isinstance(extra, dict) else extra
            for extra in extras]


def entry_errors(data: dict[str, Any]) -> dict[str, Any]:
    """Errors by field (CKAN's shape: lists per resource and data item) of the personal data in an
    entry's texts as saved by package_create / package_update; empty when there is none."""
    official: Iterable[str] = _AgencyAddresses(data.get("owner_org"))
    errors: dict[str, Any] = _texts_errors(data, _keys_but(data, _ENTRY_SKIPPED), official)
    lists: tuple[tuple[str, Callable[[dict[str, Any]], Iterable[str]]], ...] = (
        ("resources", lambda item: _keys_but(item, _RESOURCE_SKIPPED)),
        ("data_items", lambda item: ("name", "description", "unit", "example")),
        ("tags", lambda item: ("name",)), ("extras", lambda item: ("value",)))
    for key, texts_of in lists:
        items = _extras_read(data.get(key)) if key == "extras" else data.get(key)
        if isinstance(items, str):  # data items sent as their JSON text
            errors.update(_texts_errors(data, (key,), official))
        elif (found := _list_errors(items, texts_of, official)) is not None:
            errors[key] = found
    return errors


def view_errors(data: dict[str, Any]) -> dict[str, list[str]]:
    """A view's title, description and settings (an image view's image_url, a web page view's page_url)."""
    return _texts_errors(data, _keys_but(data, _VIEW_SKIPPED))


def agency_errors(data: dict[str, Any]) -> dict[str, Any]:
    """An agency's or group's texts as organization_create/update (group_…) save them; the address
    it publishes as its contact e-mail is its own in its other texts too."""
    official = tuple(address for address in (data.get("contact_email"),) if isinstance(address, str) and address)
    errors: dict[str, Any] = _texts_errors(data, _keys_but(data, _GROUP_SKIPPED), official)
    extras = data.get("extras")
    if isinstance(extras, list):  # an agency's own fields are stored as extras: each read as its field
        found = [_texts_errors({extra.get("key"): extra.get("value")}, (extra.get("key"),), official)
                 if isinstance(extra, dict) else {} for extra in extras]
        errors.update({"extras": found} if any(found) else {})
    return errors


def relationship_errors(data: dict[str, Any]) -> dict[str, list[str]]:
    """A relationship's comment (package_relationship_create/update): shown on both entries' pages."""
    return _texts_errors(data, ("comment",))
