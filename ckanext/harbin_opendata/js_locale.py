"""CKAN's JavaScript asks for its translations at /api/i18n/<locale> after turning the page's
language tag back into a locale with `replace('-', '_')`, which changes only the first hyphen:
zh-Hans-CN becomes zh_Hans-CN, CKAN answers 400, and no JavaScript module starts on Chinese pages
(upload widget, repeating data items, slug preview, …). This blueprint answers those addresses."""
from __future__ import annotations

from typing import Any

from flask import Blueprint

from ckan.lib.helpers import unix_locale_to_bcp47
from ckan.lib.i18n import get_locales_from_config
from ckan.views.api import i18n_js_translations

__all__ = ["js_locale_blueprint", "js_form"]


def js_form(locale: str) -> str:
    """The locale as CKAN's JavaScript spells it when it asks for translations."""
    return unix_locale_to_bcp47(locale).replace("-", "_", 1)


def js_locale_blueprint() -> Blueprint:
    blueprint = Blueprint("harbin_js_locale", __name__)
    for locale in sorted(get_locales_from_config()):
        spelled = js_form(locale)
        if spelled != locale:
            def translations(_locale: str = locale) -> Any:
                return i18n_js_translations(_locale)
            blueprint.add_url_rule(f"/api/i18n/{spelled}", f"translations_{locale}", translations)
    return blueprint
