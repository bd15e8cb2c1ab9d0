"""harbin_review: agencies submit, reviewers publish or return; only published entries are public;
every transition and every change of an entry is audited; catalog adjustments are tracked."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig

from ..common import roles
from ..common.interfaces import IPublicationGateChanged
from ..common.permission_labels import HarbinPermissionLabels
from . import audit, cli, cli_audit, core_audit, guard, notify, search_guard, security_audit, workflow
from .logic import freeze
from .logic.action import all_actions
from .logic.auth import AUTH_FUNCTIONS
from .states import PUBLISHED


@tk.blanket.actions(all_actions)
@tk.blanket.auth_functions(AUTH_FUNCTIONS)
@tk.blanket.blueprints
@tk.blanket.config_declarations
@tk.blanket.helpers
class HarbinReviewPlugin(p.SingletonPlugin, HarbinPermissionLabels):
    requires: tuple[str, ...] = ("harbin_opendata", "harbin_metadata")
    p.implements(p.IClick)
    p.implements(p.IConfigurer)
    p.implements(p.IConfigurable)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IPermissionLabels)
    p.implements(IPublicationGateChanged)
    p.implements(p.ISignal)

    # IClick: `ckan harbin review …`, under the base plugin's group
    def get_commands(self) -> list[Any]:
        from ckanext.harbin_opendata.common.cli import harbin

        harbin.add_command(cli.review)
        return []

    # IConfigurer
    def update_config(self, config: CKANConfig) -> None:
        tk.add_template_directory(config, "templates")

    # IConfigurable: account changes made on the command line are audited (cli_audit.py)
    def configure(self, config: CKANConfig) -> None:
        cli_audit.listen()

    # IPackageController: catalog entries only (harvest sources are datasets of another type).
    def after_dataset_create(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        package = model.Package.get(pkg_dict["id"])
        if workflow.is_catalog_entry(package):
            with notify.reviewers_once_per(context.get("harbin_job_memo")):
                workflow.on_created(package, roles.user_object(context.get("user")),
                                    context.get("harbin_harvest_source"), context.get("harbin_harvest_missing"))
            guard.check_requested_visibility(pkg_dict, public=not package.private)

    def after_dataset_update(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        package = model.Package.get(pkg_dict["id"])
        if workflow.is_catalog_entry(package):
            was_public = guard.review_state(package) == PUBLISHED
            before = context.get(freeze.BEFORE, {}).pop(package.id, None)
            with notify.reviewers_once_per(context.get("harbin_job_memo")):
                workflow.on_updated(package, roles.acting_user(context),
                                    context.get("harbin_harvest_source"), context.get("harbin_harvest_missing"),
                                    before=before)
            guard.check_requested_visibility(pkg_dict, public=was_public)

    def after_dataset_delete(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        package = model.Package.get(pkg_dict["id"])
        if workflow.is_catalog_entry(package):
            audit.record("deleted", roles.user_object(context.get("user")), package,
                         from_state=guard.review_state(package))

    def after_dataset_search(self, search_results: dict[str, Any], search_params: dict[str, Any]) -> dict[str, Any]:
        return search_guard.drop_uncommitted_results(search_results)

    # ISignal: CKAN's actions that change entries or agencies around the hooks above are audited,
    # and so are the security events (accounts, tokens, keys, groups, logins, refusals).
    def get_signal_subscriptions(self) -> Any:
        merged: dict[Any, list[Any]] = {}
        for part in (core_audit.subscriptions(), security_audit.subscriptions()):
            for signal, receivers in part.items():
                merged.setdefault(signal, []).extend(receivers)
        return merged

    # IPublicationGateChanged: a trusted harvest held until its files were checked
    def publication_blockers_changed(self, package: model.Package) -> None:
        if workflow.is_catalog_entry(package):
            workflow.publish_cleared_harvest(package)

    # IPermissionLabels (common/permission_labels.py): reviewers find unpublished entries of every
    # agency in search; harvest sources are found by who reads them only.
