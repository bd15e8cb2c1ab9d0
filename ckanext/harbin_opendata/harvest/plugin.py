"""harbin_harvest: the `ckan harbin harvest …` commands and options of the Harbin harvesters, who
manages sources (access.py), their credentials masked (redaction.py, exposure.py) and the agencies
a source may write into (agency_guard.py).

The harvesters themselves are plugins of their own (one per module in `harvesters/`):
harbin_spreadsheet_harvester, harbin_json_api_harvester, harbin_ckan_harvester and
harbin_dcat_harvester, each an IHarvester for ckanext-harvest's gather/fetch/import queues.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ..common.permission_labels import HarbinPermissionLabels
from . import access, agency_guard, cli, exposure, source_actions, source_address


def _actions() -> dict[str, Any]:
    """This area's actions (logic/action.py) and CKAN's and ckanext-harvest's it trims (exposure.py)."""
    from .logic import action

    return {name: getattr(action, name) for name in action.__all__} | exposure.actions() | source_actions.actions() \
        | source_address.actions()


def _auth_functions() -> dict[str, Any]:
    """This area's auth functions (logic/auth.py) and the chained ones of harvest sources (access.py)."""
    from .logic import auth

    return {name: getattr(auth, name) for name in auth.__all__} | access.auth_functions()


@tk.blanket.actions(_actions)
@tk.blanket.auth_functions(_auth_functions)
@tk.blanket.config_declarations
class HarbinHarvestPlugin(p.SingletonPlugin, HarbinPermissionLabels):
    requires: tuple[str, ...] = ("harvest", "harbin_metadata")
    p.implements(p.IClick)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IMiddleware, inherit=True)
    # Sources are found by who reads them only (common/permission_labels.py; harbin_review too)
    p.implements(p.IPermissionLabels)

    # IClick: `ckan harbin harvest …`, under the base plugin's group
    def get_commands(self) -> list[Any]:
        from ckanext.harbin_opendata.common.cli import harbin

        harbin.add_command(cli.harvest)
        return []

    # IMiddleware: the new-source form only for those who may create a source
    def make_middleware(self, app: Any, config: Any) -> Any:
        if hasattr(app, "before_request"):  # the Flask app itself
            app.before_request(access.refuse_source_form)
        return app

    # IPackageController: sources' credentials masked where shown, entries kept in allowed agencies
    def after_dataset_show(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        exposure.strip_shown(context, pkg_dict)

    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        return exposure.strip_indexed(pkg_dict)

    def after_dataset_create(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        agency_guard.check_target_agency(context, pkg_dict)

    def after_dataset_update(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        agency_guard.check_target_agency(context, pkg_dict)
