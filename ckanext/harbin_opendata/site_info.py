"""What the footer and the about page say about the site itself: its registration numbers
(网站标识码, ICP 备案号, 公安机关备案号, as government sites show them) and the operator's contacts."""
from __future__ import annotations

import re
from typing import Callable, NamedTuple, Optional

import ckan.plugins.toolkit as tk

__all__ = ["SiteLine", "site_records", "contacts"]

_OPTION = "ckanext.harbin_opendata."
_Link = Optional[Callable[[str], str]]


class SiteLine(NamedTuple):
    label: str
    text: str
    url: Optional[str]


def _configured(specs: list[tuple[str, str, _Link]]) -> list[SiteLine]:
    """A line for each option that is set: its label, value and link (made from the value)."""
    lines = []
    for option, label, link in specs:
        value = tk.config[_OPTION + option]
        if value:
            lines.append(SiteLine(label, value, link(value) if link else None))
    return lines


def _digits(value: str) -> str:
    return "".join(re.findall(r"\d", value))


def site_records() -> list[SiteLine]:
    """The registration numbers that are configured, with the register they link to."""
    return _configured([
        ("site.identifier_code", tk._("Website identifier code"), None),
        ("site.icp_number", tk._("ICP registration"), lambda _: "https://beian.miit.gov.cn/"),
        ("site.police_record_number", tk._("Public security registration"),
         lambda value: "https://beian.mps.gov.cn/#/query/webSearch?code=" + _digits(value)),
    ])


def contacts() -> list[SiteLine]:
    """The operator's configured telephone, e-mail and address."""
    return _configured([
        ("contact.phone", tk._("Telephone"), lambda value: "tel:" + _digits(value)),
        ("contact.email", tk._("E-mail"), lambda value: "mailto:" + value),
        ("contact.address", tk._("Address"), None),
    ])
