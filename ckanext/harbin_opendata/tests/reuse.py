"""Reusing the costly parts of CKAN's test fixtures between tests when nothing they depend on changed.

CKAN's `with_plugins` loads every plugin before each test and unloads them after (~1.2 s), its
`app` builds a new web application for each test (~1.2 s), and our `clean_db` ran every plugin's
migrations for each test (~1.1 s): together about 30 of the suite's 54 minutes. Here each is done
again only when what it was built from differs: the configuration (a test's `ckan_config` marks or
monkeypatched options), the set of loaded plugins (a test may load or unload some itself), or
tables dropped by a full rebuild of the database. Everything a test sees is what CKAN's fixtures
would have given it; the data itself is still emptied before every test.
"""
from __future__ import annotations

from typing import Any, Callable

import ckan.model as model
import ckan.plugins as plugins
import ckan.plugins.core as plugins_core
from ckan.common import config
from ckan.lib.app_globals import _CONFIG_CACHE
from ckan.tests import helpers

__all__ = ["ensure_plugins_loaded", "ensure_migrated", "web_app"]

_loaded: dict[str, Any] = {"config": None, "plugins": None, "generation": 0}
_app: dict[str, Any] = {"key": None, "wsgi": None}
_migrated: set[str] = set()


def _same_config(snapshot: dict[str, Any] | None) -> bool:
    return snapshot is not None and dict(config) == snapshot


def ensure_plugins_loaded() -> None:
    """Load the configured plugins unless they are loaded already, from this very configuration."""
    if _same_config(_loaded["config"]) and plugins_core._PLUGINS == _loaded["plugins"]:
        return
    plugins.load_all()
    _loaded.update(config=dict(config), plugins=list(plugins_core._PLUGINS), generation=_loaded["generation"] + 1)


def ensure_migrated(reset_db: Callable[[], None], migrate_db_for: Callable[[str], None],
                    names: tuple[str, ...]) -> None:
    """Empty the database (CKAN's reset) and bring the named plugins' tables to their heads. A reset
    that had to rebuild the tables (the first one of a session) forgets what was migrated."""
    if not model.repo.tables_created_and_initialised:
        _migrated.clear()
    reset_db()
    for name in names:
        if name not in _migrated and plugins.plugin_loaded(name):
            migrate_db_for(name)
            _migrated.add(name)


def web_app() -> helpers.CKANTestApp:
    """What CKAN's `app` fixture returns: a fresh client (no cookies) on the web application, built
    again only when the plugins were reloaded or the configuration changed since it was built."""
    _CONFIG_CACHE.clear()
    key = (_loaded["generation"], list(plugins_core._PLUGINS), dict(config))
    if _app["key"] != key:
        _app.update(wsgi=helpers._get_test_app().app, key=key)  # sets config["testing"]
    config["testing"] = True
    return helpers.CKANTestApp(_app["wsgi"])
