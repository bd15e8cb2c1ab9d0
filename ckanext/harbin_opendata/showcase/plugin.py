"""harbin_showcase: reuse cases of open data (利用案例, Measures 第二十条), linked to published
entries and shown on the home page, a public list, and the linked entries' pages.

Own tables rather than ckanext-showcase: that extension stores cases as datasets of type
"showcase", which our review workflow, scheming schema and catalog counts would all treat as
catalog entries."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig

from .logic import auth


@tk.blanket.actions
@tk.blanket.auth_functions(auth.AUTH_FUNCTIONS)
@tk.blanket.config_declarations
@tk.blanket.blueprints
@tk.blanket.helpers
class HarbinShowcasePlugin(p.SingletonPlugin):
    requires: tuple[str, ...] = ("harbin_opendata",)
    p.implements(p.IConfigurer)

    # IConfigurer
    def update_config(self, config: CKANConfig) -> None:
        tk.add_template_directory(config, "templates")
