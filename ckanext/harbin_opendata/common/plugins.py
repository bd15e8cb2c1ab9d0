"""Which of the suite's plugins are loaded, and which plugins each of them needs.

Each plugin class of the suite declares `requires`: the plugins it cannot work without (the base
plugin's templates and options, the catalog schema, the review workflow, ckanext-harvest, …).
tests/test_plugin_requirements.py loads each plugin with exactly these and uses it."""
from __future__ import annotations

from importlib.metadata import entry_points

import ckan.plugins as p

__all__ = ["counting_views", "suite_plugins", "with_requirements"]

_PACKAGE = "ckanext.harbin_opendata."


def counting_views() -> bool:
    """Whether page views are recorded and summed: harbin_tracking, or CKAN's own tracking plugin."""
    return p.plugin_loaded("harbin_tracking") or p.plugin_loaded("tracking")


def suite_plugins() -> list[str]:
    """The names of the suite's plugins (its `ckan.plugins` entry points)."""
    return sorted(point.name for point in entry_points(group="ckan.plugins") if point.value.startswith(_PACKAGE))


def with_requirements(name: str) -> list[str]:
    """Plugin `name` and what it needs, recursively, each after the plugins it needs (the order
    for `ckan.plugins`); plugins outside the suite declare nothing."""
    points = {point.name: point for point in entry_points(group="ckan.plugins")}
    ordered: list[str] = []

    def add(plugin: str, path: tuple[str, ...]) -> None:
        if plugin in path:
            raise ValueError(f"plugins that need each other: {' -> '.join(path + (plugin,))}")
        if plugin in ordered:
            return
        point = points.get(plugin)
        needs = getattr(point.load(), "requires", ()) if point and point.value.startswith(_PACKAGE) else ()
        for needed in needs:
            add(needed, path + (plugin,))
        ordered.append(plugin)

    add(name, ())
    return ordered
