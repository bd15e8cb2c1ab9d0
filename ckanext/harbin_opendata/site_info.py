"""What the footer and the about page say about the site itself: its registration numbers
(网站标识码, ICP 备案号, 公安机关备案号, as government sites show them) and the operator's contacts."""
from __future__ import annotations

import re
from typing import NamedTuple, Optional

import ckan.plugins.toolkit as tk

__all__ = ["SiteLine", "site_records", "contacts"]

_MIIT = "https://beian.miit.gov.cn/"
_POLICE = "https://beian.mps.gov.cn/#/query/webSearch?code={}"


class SiteLine(NamedTuple):
    label: str
    text: str
    url: Optional[str]


def site_records() -> list[SiteLine]:
    """The registration numbers that are configured, with the register they link to."""
    code = tk.config["ckanext.harbin_opendata.site.identifier_code"]
    icp = tk.config["ckanext.harbin_opendata.site.icp_number"]
    police = tk.config["ckanext.harbin_opendata.site.police_record_number"]
    lines = []
    if code:
        lines.append(SiteLine(tk._("Website identifier code"), code, None))
    if icp:
        lines.append(SiteLine(tk._("ICP registration"), icp, _MIIT))
    if police:
        digits = "".join(re.findall(r"\d", police))
        lines.append(SiteLine(tk._("Public security registration"), police, _POLICE.format(digits)))
    return lines


def contacts() -> list[SiteLine]:
    """The operator's configured telephone, e-mail and address."""
    phone = tk.config["ckanext.harbin_opendata.contact.phone"]
    email = tk.config["ckanext.harbin_opendata.contact.email"]
    address = tk.config["ckanext.harbin_opendata.contact.address"]
    lines = []
    if phone:
        lines.append(SiteLine(tk._("Telephone"), phone, "tel:" + re.sub(r"[^\d+]", "", phone)))
    if email:
        lines.append(SiteLine(tk._("E-mail"), email, "mailto:" + email))
    if address:
        lines.append(SiteLine(tk._("Address"), address, None))
    return lines
