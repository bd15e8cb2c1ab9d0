"""harbin_feedback: the public files data requests and correction requests; the owning agency
answers them within working-day deadlines; status pages are public, requesters' data is not."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig

from .logic import auth


@tk.blanket.actions
@tk.blanket.auth_functions(auth.AUTH_FUNCTIONS)
@tk.blanket.blueprints
@tk.blanket.config_declarations
@tk.blanket.helpers
@tk.blanket.validators
class HarbinFeedbackPlugin(p.SingletonPlugin):
    requires: tuple[str, ...] = ("harbin_opendata",)
    p.implements(p.IConfigurer)

    # IConfigurer
    def update_config(self, config: CKANConfig) -> None:
        tk.add_template_directory(config, "templates")
