"""From a harvested record (records.py) to a Harbin catalog entry.

`to_package` maps the source's values through the source's value maps (values.py). A problem with
a field the catalog requires refuses the record (MappingError); a problem with an optional field
drops that value and is reported as a warning. Every problem says the field, and for a value
the code lists do not know, the value (counted in the job report) and the allowed values.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable, Optional

import ckan.plugins.toolkit as tk

from .htmltext import html_to_text, looks_like_html
from .records import clean
from .phones import normal_phone
from .values import ValueMaps, allowed_labels, split_list

__all__ = ["REQUIRED", "Problem", "MappingError", "to_package", "data_item", "parse_date", "tag_name", "record_tags"]

REQUIRED = {"title", "notes", "data_domain", "update_frequency", "data_formats", "data_items", "open_type",
            "owner_org", "resource_code", "desensitization_status"}
_TEXT_FIELDS = ["title", "title_en", "resource_code", "notes", "open_conditions", "spatial_coverage",
                "contact_name", "contact_phone", "contact_email", "license_id"]
_CHOICE_FIELDS = ["data_domain", "update_frequency", "open_type", "desensitization_status"]
_DATE_FIELDS = ["last_updated", "publish_date", "temporal_start", "temporal_end"]
_TAG_CHARACTERS = re.compile(r"[^\w \-.]+")


@dataclass
class Problem:
    field: str
    message: str
    value: Optional[str] = None  # a source value no code matches: counted in the job report


class MappingError(Exception):
    """The record cannot become a catalog entry; `problems` say why, in the reader's language."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems


def _unmapped(field: str, value: Any) -> Problem:
    return Problem(field, tk._("“{value}” is not a value of {field}; allowed: {allowed}. Map it in the source "
                               "configuration: value_maps.{field}.").format(
        value=value, field=field, allowed=", ".join(allowed_labels(field))), str(value))


def data_item(raw: Any, maps: ValueMaps, problems: list[Problem]) -> Optional[dict[str, str]]:
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
    item["type"] = maps.code("data_item_type", given_type) or ""
    if not item["type"]:
        problems.append(_unmapped("data_item_type", given_type))
        return None
    return item


def parse_date(raw: Any) -> Optional[str]:
    """An ISO date from 2025年3月1日, 2025/03/01, 2025.3.1, xsd:dateTime or a datetime; None if none."""
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    text = re.sub(r"[年月/.]", "-", str(raw).strip()).replace("日", "")
    parts = re.split(r"[-T ]", text[:10])
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
    except (ValueError, IndexError):
        return None


def record_tags(record: dict[str, Any], maps: ValueMaps) -> list[str]:
    """The names of the entry's tags (keywords), each once."""
    return list(dict.fromkeys(filter(None, map(tag_name, split_list(record.get("tags"), maps, "data_domain")))))


def tag_name(raw: Any) -> Optional[str]:
    """A tag CKAN accepts: 农、林、牧、渔业 → 农 林 牧 渔业 (only letters, digits, space, - _ .)."""
    text = " ".join(_TAG_CHARACTERS.sub(" ", str(raw)).split())[:100]
    return text if len(text) >= 2 else None


def _choice(field: str, raw: Any, maps: ValueMaps, problems: list[Problem]) -> Optional[str]:
    """The code of a single-choice field; of several values given, the first that maps."""
    given = split_list(raw, maps, field)
    codes = [code for code in (maps.code(field, value) for value in given) if code]
    if given and not codes:
        problems.append(_unmapped(field, raw))
    return codes[0] if codes else None


def _formats(raw: Any, maps: ValueMaps, problems: list[Problem], warnings: list[Problem]) -> list[str]:
    codes: list[str] = []
    unknown = []
    for given in split_list(raw, maps, "data_formats"):
        code = maps.code("data_formats", given)
        if code is None:
            unknown.append(given)
        elif code not in codes:
            codes.append(code)
    for value in unknown:  # others were found: the unknown ones are dropped, not the record
        (warnings if codes else problems).append(_unmapped("data_formats", value))
    return codes


def _resources(record: dict[str, Any], formats: list[str], maps: ValueMaps) -> list[dict[str, Any]]:
    resources = []
    for resource in record.get("resources") or []:
        if isinstance(resource, dict) and clean(resource.get("url")):
            found = {key: str(resource[key]).strip() for key in ("url", "name", "description", "format")
                     if resource.get(key) not in (None, "")}
            if found.get("format"):
                found["format"] = maps.code("data_formats", found["format"]) or found["format"][:100]
            resources.append(found)
    for url in split_list(record.get("download_url")):
        for address in re.split(r"[\s;；]+", str(url)):
            if address and address not in {r["url"] for r in resources}:
                resources.append({"url": address, "name": record.get("title") or address,
                                  "format": formats[0] if len(formats) == 1 else ""})
    return resources


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return html_to_text(text) if looks_like_html(text) else text


def to_package(record: dict[str, Any], defaults: dict[str, Any], fallback_org: Optional[str], maps: ValueMaps,
               find_agency: Callable[[dict[str, Any]], Optional[str]]) -> tuple[dict[str, Any], list[Problem]]:
    """A Harbin package dict (without id or name) and the warnings (dropped optional values);
    `defaults` fill what the record lacks; `fallback_org` is the agency when the record names
    none on the platform. Raises MappingError when a required field cannot be had."""
    record = {**{k: v for k, v in defaults.items() if v not in (None, "")},
              **{k: v for k, v in record.items() if clean(v) not in (None, "", [])}}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    package: dict[str, Any] = {"type": "dataset"}
    for field in _TEXT_FIELDS:
        value = clean(record.get(field))
        if value is not None:
            package[field] = _text(value).strip()
    if package.get("contact_phone"):
        package["contact_phone"] = normal_phone(package["contact_phone"])
    if record.get("spatial"):
        warnings.append(Problem("spatial", tk._(
            "The source's geometry (spatial) is not carried: the catalog has no field for a geometry; "
            "空间范围 (spatial_coverage) names the area in words (map it, or give it in “defaults”).")))
    if package.get("contact_email", "").lower().startswith("mailto:"):
        package["contact_email"] = package["contact_email"][len("mailto:"):]
    if not package.get("title"):
        problems.append(Problem("title", tk._("The record has no title (资源名称).")))
    for field in _CHOICE_FIELDS:
        code = _choice(field, record.get(field), maps, warnings if field not in REQUIRED else problems)
        if code:
            package[field] = code
    package.setdefault("desensitization_status", "pending")  # unknown: assume personal data until checked
    given_formats = record.get("data_formats") or [r.get("format") for r in record.get("resources") or []
                                                    if isinstance(r, dict) and r.get("format")]
    package["data_formats"] = _formats(given_formats, maps, problems, warnings)
    items = [data_item(raw, maps, problems) for raw in split_list(record.get("data_items"), maps)]
    package["data_items"] = [item for item in items if item]
    for field in _DATE_FIELDS:
        raw = record.get(field)
        value = parse_date(raw) if raw not in (None, "") else None
        if value:
            package[field] = value
        elif raw not in (None, ""):
            warnings.append(Problem(field, tk._("“{value}” is not a date ({field}): left out.").format(
                value=raw, field=field)))
    package["tags"] = [{"name": name} for name in record_tags(record, maps)]
    related = [str(code) for code in split_list(record.get("related_codes"))]
    if related:
        package["related_codes"] = related
    package["resources"] = _resources(record, package["data_formats"], maps)
    package["owner_org"] = find_agency(record) or fallback_org
    if not package["owner_org"]:
        problems.append(Problem("owner_org", tk._("Agency “{agency}” is not on the platform and the source names no "
                                                  "default agency.").format(
            agency=record.get("agency") or record.get("credit_code") or "?")))
    if problems:
        raise MappingError(problems)
    return package, warnings
