"""Records: what every harvester extracts from its source, keyed by the Harbin field names
(RECORD_FIELDS) and holding the source's own values; a remote CKAN or DCAT dataset as a record;
a record's identifier at its source; the hash that tells an unchanged record."""
from __future__ import annotations

import hashlib
import json
from typing import Any, Optional

__all__ = ["RECORD_FIELDS", "RESOURCE_FIELDS", "record_from_package", "record_guid", "content_hash", "clean"]

RECORD_FIELDS = [
    "title", "title_en", "resource_code", "notes", "data_domain", "update_frequency", "data_formats",
    "data_items", "open_type", "open_conditions", "download_url", "resources", "agency", "credit_code",
    "owner_org", "last_updated", "publish_date", "spatial_coverage", "temporal_start", "temporal_end",
    "contact_name", "contact_phone", "contact_email", "tags", "desensitization_status", "license_id",
    "related_codes", "id",
]
RESOURCE_FIELDS = ("url", "name", "description", "format")
# Where stock CKAN and DCAT (ckanext-dcat's profiles) keep what the Harbin schema has elsewhere.
_ALSO = {"contact_name": ("maintainer", "author", "contact_name"),
         "contact_email": ("maintainer_email", "author_email", "contact_email"),
         "publish_date": ("issued", "metadata_created"), "last_updated": ("modified", "metadata_modified"),
         "temporal_start": ("temporal_start",), "temporal_end": ("temporal_end",),
         "update_frequency": ("frequency", "accrual_periodicity"), "open_type": ("access_rights",),
         "data_domain": ("theme",), "title_en": ("title_translated",)}


def clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.replace("\u3000", " ").strip()
        return value or None
    return value


def _extras(package: dict[str, Any]) -> dict[str, Any]:
    return {extra.get("key"): extra.get("value") for extra in package.get("extras") or [] if isinstance(extra, dict)}


def _contact(package: dict[str, Any]) -> dict[str, Any]:
    """ckanext-dcat's `contact` list (DCAT-AP 3 profile), or its `contact_*` extras."""
    contacts = package.get("contact")
    first = contacts[0] if isinstance(contacts, list) and contacts and isinstance(contacts[0], dict) else {}
    return {"contact_name": first.get("name"), "contact_email": (first.get("email") or "").replace("mailto:", "")}


def _resource(resource: dict[str, Any]) -> dict[str, Any]:
    found = {key: resource.get(key) for key in RESOURCE_FIELDS}
    found["url"] = found["url"] or resource.get("download_url") or resource.get("access_url")
    found["format"] = found["format"] or resource.get("mimetype")
    return found


def record_from_package(package: dict[str, Any]) -> dict[str, Any]:
    """A record from a CKAN package dict (a remote CKAN's package_search result or a DCAT-parsed
    dataset): Harbin fields as they are, extras by key, CKAN's author/maintainer and dates, DCAT's
    issued/modified and contact point, the organization (or publisher) by credit code or title."""
    extras = _extras(package)
    record = {field: package.get(field) for field in RECORD_FIELDS if package.get(field) not in (None, "", [])}
    for key, value in extras.items():
        if key in RECORD_FIELDS and key not in record and value not in (None, ""):
            record[key] = value
    for field, value in _contact(package).items():
        if value and field not in record:
            record[field] = value
    for field, keys in _ALSO.items():
        given = next((package.get(key) or extras.get(key) for key in keys if package.get(key) or extras.get(key)), None)
        if given and field not in record:
            record[field] = given
    organization = package.get("organization") or {}
    record.pop("owner_org", None)
    remote_id = package.get("uri") or extras.get("uri") or package.get("identifier") or extras.get("identifier") \
        or package.get("id")
    record.pop("id", None)
    if remote_id:
        record["id"] = str(remote_id)  # the record's guid (record_guid): DCAT URI, else the remote id
    publisher = organization or (package.get("publisher") if isinstance(package.get("publisher"), dict) else {})
    agency = publisher.get("title") or publisher.get("name") or extras.get("publisher_name")
    if agency:
        record.setdefault("agency", agency)
    if publisher.get("credit_code"):
        record.setdefault("credit_code", publisher["credit_code"])
    if package.get("owner_org"):
        record["owner_org"] = package["owner_org"]
    if package.get("spatial") or extras.get("spatial"):  # GeoJSON of ckanext-spatial: reported, not carried
        record["spatial"] = package.get("spatial") or extras.get("spatial")
    record["tags"] = [tag["name"] if isinstance(tag, dict) else tag for tag in package.get("tags") or []]
    record["resources"] = [_resource(resource) for resource in package.get("resources") or []]
    if not record.get("data_formats"):
        record["data_formats"] = sorted({(r.get("format") or "").strip() for r in record["resources"]} - {""})
    return record


def record_guid(record: dict[str, Any], id_field: Optional[str] = None) -> str:
    """A stable identifier of a record at its source: the configured id field, the resource code,
    else the title and agency."""
    for field in (id_field, "id", "resource_code"):
        if field and clean(record.get(field)) not in (None, ""):
            return str(clean(record[field]))
    key = f"{clean(record.get('title')) or ''}|{clean(record.get('agency')) or clean(record.get('credit_code')) or ''}"
    return "title:" + hashlib.sha1(key.encode("utf-8")).hexdigest()


def content_hash(package: dict[str, Any]) -> str:
    """A hash of a mapped entry: equal hashes mean nothing changed at the source."""
    return hashlib.sha256(json.dumps(package, sort_keys=True, ensure_ascii=False, default=str)
                          .encode("utf-8")).hexdigest()
