"""Template helpers of the base plugin."""
from __future__ import annotations

from typing import Any, Optional

import ckan.plugins.toolkit as tk
from werkzeug.exceptions import default_exceptions
from werkzeug.http import HTTP_STATUS_CODES

from .common.file_access import page_offers_application, page_refusal
from .agency_lookup import get_organization
from .dates import render_datetime
from .common.agency_names import agency_display_name
from .titles import dataset_display_name
from .home import home_data
from .hardening.staff_names import linked_user
from .resource_info import resource_extras
from .site_info import SiteLine, contacts, site_records
from .common.widened_search import was_widened

__all__ = ["get_organization", "render_datetime", "dataset_display_name", "harbin_platform_name", "harbin_operator_name", "harbin_home", "harbin_resource_extras",
           "harbin_site_records", "harbin_contacts", "harbin_file_refusal", "harbin_file_application_offered",
           "harbin_form_error_label", "harbin_site_title", "harbin_agency_name", "harbin_error_text",
           "harbin_ui_text", "linked_user", "harbin_search_widened"]


def harbin_platform_name() -> str:
    """The configured platform name, or the translated default one."""
    return tk.config["ckanext.harbin_opendata.platform_name"] or tk._("Harbin Public Data Open Platform")


def harbin_site_title() -> str:
    """The <title> suffix: the platform's name in the reader's language unless the operator named
    the site otherwise (ckan.site_title)."""
    from .plugin import PLATFORM_DEFAULTS

    title = tk.config["ckan.site_title"]
    return harbin_platform_name() if title == PLATFORM_DEFAULTS["ckan.site_title"][1] else title


def harbin_operator_name() -> str:
    """The configured operator of the platform, or the translated default one."""
    return tk.config["ckanext.harbin_opendata.operator_name"] or tk._("Harbin Big Data Center")


def harbin_home() -> dict[str, Any]:
    """Counts, domains, newest and updated entries and agencies for the home page."""
    return home_data()


def harbin_resource_extras(resource: dict[str, Any]) -> list[tuple[str, Any]]:
    """The resource page's extra rows with translated labels (see resource_info.py)."""
    return resource_extras(resource)


def harbin_site_records() -> list[SiteLine]:
    """The footer's configured registration numbers (网站标识码, ICP, 公安备案)."""
    return site_records()


def harbin_contacts() -> list[SiteLine]:
    """The operator's configured contacts for the about page."""
    return contacts()


def harbin_file_refusal(pkg: dict[str, Any]) -> Optional[str]:
    """Why the visitor may not have the entry's files (IFileAccess), or None: pages then offer no
    download link (harbin_access offers 申请使用 instead)."""
    return page_refusal(pkg)


def harbin_file_application_offered(pkg: dict[str, Any]) -> bool:
    """Whether pages offer 申请使用 for the entry's refused files (never for an unknown entry)."""
    return page_offers_application(pkg)


def harbin_form_error_label(key: str) -> str:
    """The label, in the reader's language, of a form error keyed by no schema field (CKAN's own
    keys): never the raw key."""
    return {"private": tk._("Visibility"), "state": tk._("State of the entry"),
            "publication": tk._("Publication"), "resources": tk._("Data")}.get(key) or tk._("Other problems")


def harbin_agency_name(agency: Optional[dict[str, Any]]) -> str:
    """The agency's name in the reader's language (英文名称 on English pages). Pages only: a form
    shows and saves `title`, the 单位名称."""
    return agency_display_name(agency)


# Werkzeug's status names and default descriptions, which CKAN's error page shows as they are
# (msgids in operator_strings.py); CKAN's own messages there (abort(404, _(...))) come translated.
_WERKZEUG_TEXTS = frozenset([HTTP_STATUS_CODES[code] for code in default_exceptions]
                           + [error.description for error in default_exceptions.values() if error.description])


def harbin_error_text(text: Any) -> Any:
    """A text of the error page in the reader's language."""
    return tk._(text) if text in _WERKZEUG_TEXTS else text


def harbin_ui_text(text: Any) -> Any:
    """A text an upstream template shows untranslated though it is interface, not data (a harvester's
    description, a facet's title, a job's status): translated when our catalog knows it."""
    return tk._(text) if isinstance(text, str) and text else text


def harbin_search_widened(q: Any) -> bool:
    """Whether this page's search for `q` found no exact match and shows related results."""
    return was_widened(q)
