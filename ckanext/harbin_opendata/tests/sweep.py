"""Sweeping every public surface in a test: each read action of the API and each GET page."""
from __future__ import annotations

import re
from typing import Any

import ckan.logic as logic

__all__ = ["read_actions", "page_urls", "page_text"]


def read_actions() -> list[str]:
    """Names of the side-effect-free actions of the running configuration."""
    logic.get_action("package_show")  # loads the registry with the plugins
    return sorted(name for name, action in logic._actions.items() if getattr(action, "side_effect_free", False))


def page_urls(app: Any, values: dict[str, str]) -> list[str]:
    """Every GET page outside the API, its arguments filled from `values` (else its "id")."""
    urls = []
    for rule in app.flask_app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in ("static", "webassets.index") or "/api/" in rule.rule:
            continue
        arguments = {name: values.get(name, values["id"]) for name in rule.arguments}
        urls.append(re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: arguments[m.group(1)], rule.rule))
    return sorted(set(urls))


def page_text(response: Any) -> str:
    """A swept page's body as text, whatever it is (an XLSX download is bytes, not UTF-8)."""
    return response.get_data().decode("utf-8", "replace")
