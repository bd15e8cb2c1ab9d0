"""The controlled vocabularies of the Harbin catalog: stored value, Chinese label, English label.

Stored values are stable ASCII codes; labels are what people see, in the interface language. The
terms themselves are one code list, code_lists.yaml; what is known about some codes besides their
labels (EU themes, update intervals, machine-readable formats) stays here.
"""
from __future__ import annotations

import importlib.resources
from typing import NamedTuple, Optional

import yaml

__all__ = [
    "Term", "DOMAINS", "DOMAIN_EU_THEMES", "FREQUENCIES", "OPEN_TYPES", "ITEM_TYPES", "FORMATS",
    "DESENSITIZATION", "AGENCY_KINDS", "DISTRICTS", "FREQUENCY_DAYS", "MACHINE_READABLE", "by_value",
    "parse_code_lists",
]


class Term(NamedTuple):
    value: str
    zh: str
    en: str


def parse_code_lists(text: str) -> dict[str, list[Term]]:
    """The code lists of a YAML text ({name: [[value, zh, en], …]}); ValueError on a term that is not
    three non-empty strings."""
    lists = {name: [Term(*row) for row in rows] for name, rows in yaml.safe_load(text).items()}
    bad = [f"{name}: {term}" for name, terms in lists.items() for term in terms
           if not all(isinstance(part, str) and part for part in term)]
    if bad:  # a YAML value read as a number or a yes/no, or left empty
        raise ValueError(f"code_lists.yaml: terms are three non-empty strings: {bad}")
    return lists


_LISTS = parse_code_lists(
    importlib.resources.files(__package__).joinpath("code_lists.yaml").read_text(encoding="utf-8"))
DOMAINS = _LISTS["domains"]  # 数据领域
FREQUENCIES = _LISTS["frequencies"]  # 更新周期
OPEN_TYPES = _LISTS["open_types"]  # 开放类型
ITEM_TYPES = _LISTS["item_types"]
FORMATS = _LISTS["formats"]
DESENSITIZATION = _LISTS["desensitization"]  # 脱敏状态
AGENCY_KINDS = _LISTS["agency_kinds"]
DISTRICTS = _LISTS["districts"]  # 行政区划 of Harbin (GB/T 2260 codes)

# The EU data themes (http://publications.europa.eu/resource/authority/data-theme/<code>) each
# domain belongs to, for catalogs that only know the EU themes (DCAT-AP wants at least one of them).
DOMAIN_EU_THEMES: dict[str, tuple[str, ...]] = {
    "market_regulation": ("ECON",),
    "health": ("HEAL",),
    "natural_resources": ("ENVI",),
    "ecology_environment": ("ENVI",),
    "employment": ("SOCI",),  # Eurostat files the labour market under population and social conditions
    "social_security": ("SOCI",),
    "education": ("EDUC",),
    "transport": ("TRAN",),
    "meteorology": ("ENVI",),
    "administrative_licensing": ("GOVE",),
    "administrative_penalty": ("JUST",),
    "enterprise_credit": ("ECON",),
    "urban_rural_construction": ("REGI",),
    "public_utilities": ("ENER", "REGI"),  # power, gas and heating; water supply as a city service
    "agriculture": ("AGRI",),
    "culture_tourism": ("EDUC",),  # EDUC is "Education, culture and sport"
    "public_safety": ("JUST",),
    "finance_tax": ("ECON",),
    "science_technology": ("TECH",),
    "social_livelihood": ("SOCI",),
    "government_affairs": ("GOVE",),
}

# The longest interval (days) between two updates of each frequency; None: no fixed interval.
FREQUENCY_DAYS: dict[str, Optional[int]] = {
    "realtime": 1, "daily": 1, "weekly": 7, "monthly": 31, "quarterly": 92,
    "semiannual": 184, "annual": 366, "irregular": None,
}

# Formats a program can read without a person (assessment: 可机读).
MACHINE_READABLE = {"CSV", "XLSX", "XLS", "JSON", "XML", "RDF", "GeoJSON", "SHP", "API"}


def by_value(terms: list[Term], value: str) -> Optional[Term]:
    """The term stored as `value`, or None."""
    return next((t for t in terms if t.value == value), None)
