"""From a harvested record to a Harbin catalog entry.

A *record* is what every harvester extracts from its source: a dict keyed by the names in
RECORD_FIELDS holding the source's own values (Chinese labels such as 每月 or 市场监管, codes, lists
or text such as "企业名称、统一社会信用代码"). `to_package` turns it into a package dict of the Harbin
schema, or raises MappingError with every problem found.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.vocabulary import (DESENSITIZATION, DOMAINS, FORMATS, FREQUENCIES, ITEM_TYPES, OPEN_TYPES,
                                   Term)

__all__ = ["RECORD_FIELDS", "VOCABULARY_FIELDS", "MappingError", "to_package", "term_value",
           "record_from_package", "record_guid", "content_hash", "find_agency"]

# Record keys: Harbin fields plus the few that name things differently at the source.
RECORD_FIELDS = [
    "title", "title_en", "resource_code", "notes", "data_domain", "update_frequency", "data_formats",
    "data_items", "open_type", "open_conditions", "download_url", "resources", "agency", "credit_code",
    "owner_org", "last_updated", "publish_date", "spatial_coverage", "temporal_start", "temporal_end",
    "contact_name", "contact_phone", "contact_email", "tags", "desensitization_status", "license_id",
    "related_codes", "id",
]
VOCABULARY_FIELDS: dict[str, list[Term]] = {
    "data_domain": DOMAINS, "update_frequency": FREQUENCIES, "open_type": OPEN_TYPES,
    "desensitization_status": DESENSITIZATION,
}
_TEXT_FIELDS = ["title", "title_en", "resource_code", "notes", "open_conditions", "spatial_coverage",
                "contact_name", "contact_phone", "contact_email", "license_id"]
_DATE_FIELDS = ["last_updated", "publish_date", "temporal_start", "temporal_end"]
_SEPARATORS = re.compile(r"[、,，;；\n|/]+")
_ITEM_SEPARATORS = re.compile(r"[、,，;；\n|]+")
_ALIASES = {  # spellings agencies use for the same value
    "无条件": "unconditional", "有条件": "conditional", "不开放": None, "每天": "daily", "每日更新": "daily",
    "每月更新": "monthly", "每年更新": "annual", "季度": "quarterly", "半年": "semiannual", "实时更新": "realtime",
    "不定时": "irregular", "按需": "irregular", "excel": "XLSX", "xls/xlsx": "XLSX", "api接口": "API",
    "接口": "API", "json": "JSON", "rest": "API", "无需脱敏": "not_required", "不涉及": "not_required",
}


class MappingError(Exception):
    """The record cannot become a catalog entry; `problems` say why, in the reader's language."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.replace("\u3000", " ").strip()
        return value or None
    return value


def term_value(terms: list[Term], raw: Any) -> Optional[str]:
    """The stored code of a controlled value given as code, Chinese or English label (any case)."""
    text = _clean(str(raw)) if raw is not None else None
    if not text:
        return None
    folded = text.casefold()
    for term in terms:
        if folded in (term.value.casefold(), term.zh.casefold(), term.en.casefold()):
            return term.value
    alias = _ALIASES.get(folded)
    return alias if alias and any(t.value == alias for t in terms) else None


def _as_list(raw: Any, separators: re.Pattern[str] = _SEPARATORS) -> list[Any]:
    if raw is None or raw == "":
        return []
    if isinstance(raw, str):
        text = raw.strip()
        if text.startswith("["):
            try:
                return list(json.loads(text))
            except ValueError:
                pass
        return [part.strip() for part in separators.split(text) if part.strip()]
    if isinstance(raw, (list, tuple)):
        return [item for item in raw if item not in (None, "")]
    return [raw]


def _formats(raw: Any, problems: list[str]) -> list[str]:
    codes = []
    for given in _as_list(raw):
        code = term_value(FORMATS, given) or _ALIASES.get(str(given).casefold())
        if code is None and str(given).upper().lstrip(".") in {t.value.upper() for t in FORMATS}:
            code = next(t.value for t in FORMATS if t.value.upper() == str(given).upper().lstrip("."))
        if code is None:
            problems.append(tk._("Unknown data format “{value}”.").format(value=given))
        elif code not in codes:
            codes.append(code)
    return codes


def _data_item(raw: Any, problems: list[str]) -> Optional[dict[str, str]]:
    """A data item from a dict or from text such as 企业名称, 企业名称(字符型) or 注册资本：数值型."""
    if isinstance(raw, dict):
        item = {key: str(value).strip() for key, value in raw.items()
                if key in ("name", "type", "description", "unit", "example") and value not in (None, "")}
    else:
        match = re.match(r"^(.+?)\s*(?:[（(](.+?)[)）]|[:：]\s*(.+))?$", str(raw).strip())
        if not match:
            return None
        item = {"name": match.group(1).strip()}
        if match.group(2) or match.group(3):
            item["type"] = (match.group(2) or match.group(3)).strip()
    if not item.get("name"):
        return None
    given_type = item.get("type") or "string"
    item["type"] = term_value(ITEM_TYPES, given_type) or ""
    if not item["type"]:
        problems.append(tk._("Data item “{name}” has an unknown type “{type}”.").format(
            name=item["name"], type=given_type))
        return None
    return item


def _date(raw: Any, field: str, problems: list[str]) -> Optional[str]:
    if raw in (None, ""):
        return None
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    text = re.sub(r"[年月/.]", "-", str(raw).strip()).replace("日", "")
    parts = text[:10].split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
    except (ValueError, IndexError):
        problems.append(tk._("“{value}” is not a date ({field}).").format(value=raw, field=field))
        return None


def find_agency(record: dict[str, Any]) -> Optional[str]:
    """The local agency of a record: by 统一社会信用代码, else by its name or title."""
    code = _clean(record.get("credit_code"))
    if code:
        org = (model.Session.query(model.Group.id).join(model.GroupExtra, model.GroupExtra.group_id == model.Group.id)
               .filter(model.GroupExtra.key == "credit_code", model.GroupExtra.value == str(code).upper(),
                       model.Group.state == "active", model.Group.is_organization.is_(True)).first())
        if org:
            return org[0]
    for given in (record.get("owner_org"), record.get("agency")):
        given = _clean(given)
        if not given:
            continue
        org = (model.Session.query(model.Group.id)
               .filter(model.Group.is_organization.is_(True), model.Group.state == "active")
               .filter((model.Group.name == given) | (model.Group.id == given) | (model.Group.title == given))
               .first())
        if org:
            return org[0]
    return None


def _resources(record: dict[str, Any], formats: list[str]) -> list[dict[str, Any]]:
    resources = []
    for resource in record.get("resources") or []:
        if isinstance(resource, dict) and resource.get("url"):
            resources.append({key: resource[key] for key in ("url", "name", "description", "format")
                              if resource.get(key) not in (None, "")})
    for url in _as_list(record.get("download_url"), re.compile(r"[\s;；]+")):
        if url not in {r["url"] for r in resources}:
            resources.append({"url": url, "name": record.get("title") or url,
                              "format": formats[0] if len(formats) == 1 else ""})
    return resources


def to_package(record: dict[str, Any], defaults: dict[str, Any], fallback_org: Optional[str]) -> dict[str, Any]:
    """A Harbin package dict (without id or name) from a record; source config `defaults` fill
    what the record lacks; `fallback_org` is the agency when the record names none we know."""
    record = {**{k: v for k, v in defaults.items() if v not in (None, "")},
              **{k: v for k, v in record.items() if _clean(v) not in (None, "", [])}}
    problems: list[str] = []
    package: dict[str, Any] = {"type": "dataset"}
    for field in _TEXT_FIELDS:
        value = _clean(record.get(field))
        if value is not None:
            package[field] = str(value) if not isinstance(value, float) or not value.is_integer() else str(int(value))
    if not package.get("title"):
        problems.append(tk._("The record has no title (资源名称)."))
    for field, terms in VOCABULARY_FIELDS.items():
        raw = record.get(field)
        code = term_value(terms, raw)
        if raw not in (None, "") and code is None:
            problems.append(tk._("“{value}” is not a known value of {field}.").format(value=raw, field=field))
        elif code:
            package[field] = code
    package.setdefault("desensitization_status", "pending")  # unknown: assume personal data until checked
    package["data_formats"] = _formats(record.get("data_formats"), problems)
    package["data_items"] = [item for item in (_data_item(raw, problems) for raw in
                                                _as_list(record.get("data_items"), _ITEM_SEPARATORS)) if item]
    for field in _DATE_FIELDS:
        value = _date(record.get(field), field, problems)
        if value:
            package[field] = value
    package["tags"] = [{"name": str(tag)[:100]} for tag in _as_list(record.get("tags"))]
    related = [str(code) for code in _as_list(record.get("related_codes"), re.compile(r"[\s,，;；、]+"))]
    if related:
        package["related_codes"] = related
    package["resources"] = _resources(record, package["data_formats"])
    package["owner_org"] = find_agency(record) or fallback_org
    if not package["owner_org"]:
        problems.append(tk._("Agency “{agency}” is not on the platform and the source names no default agency.")
                        .format(agency=record.get("agency") or record.get("credit_code") or "?"))
    if problems:
        raise MappingError(problems)
    return package


def record_from_package(package: dict[str, Any]) -> dict[str, Any]:
    """A record from a CKAN package dict (a remote CKAN's package_show or a DCAT-parsed dataset):
    Harbin fields as they are, extras by key, the organization by credit code or title."""
    record = {field: package.get(field) for field in RECORD_FIELDS if package.get(field) not in (None, "", [])}
    for extra in package.get("extras") or []:
        if extra.get("key") in RECORD_FIELDS and extra.get("key") not in record:
            record[extra["key"]] = extra.get("value")
    organization = package.get("organization") or {}
    record.pop("owner_org", None)
    record.pop("id", None)
    if organization:
        record.setdefault("agency", organization.get("title") or organization.get("name"))
        if organization.get("credit_code"):
            record.setdefault("credit_code", organization["credit_code"])
    if package.get("owner_org"):
        record["owner_org"] = package["owner_org"]
    record["tags"] = [tag["name"] if isinstance(tag, dict) else tag for tag in package.get("tags") or []]
    record["resources"] = [{key: resource.get(key) for key in ("url", "name", "description", "format")}
                           for resource in package.get("resources") or []]
    if not record.get("data_formats"):
        record["data_formats"] = sorted({(r.get("format") or "").strip() for r in record["resources"]} - {""})
    return record


def record_guid(record: dict[str, Any], id_field: Optional[str] = None) -> str:
    """A stable identifier of a record at its source: the configured id field, the resource code,
    else the title and agency."""
    for field in (id_field, "id", "resource_code"):
        if field and _clean(record.get(field)) not in (None, ""):
            return str(_clean(record[field]))
    key = f"{_clean(record.get('title')) or ''}|{_clean(record.get('agency')) or _clean(record.get('credit_code')) or ''}"
    return "title:" + hashlib.sha1(key.encode("utf-8")).hexdigest()


def content_hash(package: dict[str, Any]) -> str:
    """A hash of a mapped entry: equal hashes mean nothing changed at the source."""
    return hashlib.sha256(json.dumps(package, sort_keys=True, ensure_ascii=False, default=str)
                          .encode("utf-8")).hexdigest()
