"""harbin_assessment: quality and openness indicators per entry and agency, dated snapshots,
the public dashboard, scorecards, the reviewers' list of problems, exports and the annual report."""
from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig

from . import cli, usage
from .indicator_model import load_model


@tk.blanket.actions
@tk.blanket.auth_functions
@tk.blanket.blueprints
@tk.blanket.config_declarations
@tk.blanket.helpers
class HarbinAssessmentPlugin(p.SingletonPlugin):
    requires: tuple[str, ...] = ("harbin_opendata", "harbin_metadata")
    p.implements(p.IClick)
    p.implements(p.IConfigurer)
    p.implements(p.IConfigurable)
    p.implements(p.IMiddleware, inherit=True)

    # IClick: `ckan harbin assess`, `ckan harbin report …`, under the base plugin's group
    def get_commands(self) -> list[Any]:
        from ckanext.harbin_opendata.common.cli import harbin

        harbin.add_command(cli.assess)
        harbin.add_command(cli.report)
        return []

    # IMiddleware: count downloads and API calls (Redis counters, flushed by `ckan harbin assess`)
    def make_middleware(self, app: Any, config: CKANConfig) -> Any:
        app.after_request(usage.track)
        return app

    # IConfigurer
    def update_config(self, config: CKANConfig) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_resource("assets", "harbin_assessment")

    # IConfigurable: a broken model file stops the start, not the first assessment.
    def configure(self, config: CKANConfig) -> None:
        load_model(config["ckanext.harbin_opendata.assessment.model"])
