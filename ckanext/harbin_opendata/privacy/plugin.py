"""harbin_privacy: every resource's file is checked for personal data in the background, by its
content whatever its declared format; nothing is public before its check is clean, and findings
keep resources from the public and entries from publication until a masked copy replaces them or
a reviewer exempts them (第七条, 第二十五条(二)). Needs harbin_review."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig

from ..common.interfaces import IAuditEvents, IOrphanedWork, IPublicationGate, IPublicText
from ..common.search_results import request_user
from . import address_text, agency_texts, cli, gate, hidden_copy, jobs, labels, public_text, text_recheck, visibility
from .logic import auth, datastore_auth


def _auth_functions() -> dict[str, Any]:
    """The area's own, and the DataStore's chained when it is loaded."""
    return {**{name: getattr(auth, name) for name in auth.__all__}, **datastore_auth.chained_auth_functions()}


@tk.blanket.actions
@tk.blanket.auth_functions(_auth_functions)
@tk.blanket.blueprints
@tk.blanket.config_declarations
@tk.blanket.helpers
class HarbinPrivacyPlugin(p.SingletonPlugin):
    requires: tuple[str, ...] = ("harbin_opendata", "harbin_review", "activity")  # it trims the activity streams
    p.implements(p.IClick)
    p.implements(p.IConfigurer)
    p.implements(p.IConfigurable)
    p.implements(p.IPackageController, inherit=True)
    p.implements(IPublicationGate)
    p.implements(IAuditEvents)
    p.implements(IOrphanedWork)
    p.implements(IPublicText)

    # IClick: `ckan harbin privacy …`, under the base plugin's group
    def get_commands(self) -> list[Any]:
        from ckanext.harbin_opendata.common.cli import harbin

        harbin.add_command(cli.privacy)
        return []

    # IConfigurer
    def update_config(self, config: CKANConfig) -> None:
        tk.add_template_directory(config, "templates")

    # IConfigurable
    def configure(self, config: CKANConfig) -> None:
        jobs.listen_for_commits()
        text_recheck.forget_checked_on_commit()
        hidden_copy.listen_for_flushes()

    # IPackageController: new or changed files are scanned; the public does not see findings.
    def after_dataset_create(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        self._after_save(context, pkg_dict, created=True)

    def after_dataset_update(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        self._after_save(context, pkg_dict, created=False)

    def after_dataset_show(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        visibility.strip_for_viewer(context, pkg_dict)
        if not context.get("ignore_auth"):  # an agency's texts not known clean (agency_texts.py)
            agency_texts.strip_groups_of_entries([pkg_dict], context.get("user"))

    def after_dataset_search(self, search_results: dict[str, Any], search_params: dict[str, Any]) -> dict[str, Any]:
        visibility.strip_search_results(search_results.get("results", []))
        user = request_user()
        if user is not None:  # a visitor's search (outside a request: internal)
            agency_texts.strip_groups_of_entries(search_results.get("results", []), user)
        return search_results

    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        return visibility.strip_from_index(pkg_dict)

    @staticmethod
    def _after_save(context: Any, pkg_dict: dict[str, Any], created: bool) -> None:
        package = model.Package.get(pkg_dict["id"])
        if package is None:
            return
        if tk.config["ckanext.harbin_opendata.privacy.auto_scan"] and package.type == "dataset":
            jobs.enqueue_after_commit(jobs.scan_package(package, context.get("user")))
        if created:  # a new entry's copy (one without files has no trigger to write it)
            hidden_copy.store_hidden(package)
        else:
            hidden_copy.store_if_replaced(package)

    # IPublicationGate
    def publication_blockers(self, package: model.Package) -> list[str]:
        return gate.blockers(package) + text_recheck.publication_blockers(package)

    def publication_holds(self, package_ids: list[str]) -> dict[str, list[str]]:
        return gate.holds(package_ids)

    # IAuditEvents
    def audit_event_labels(self) -> dict[str, str]:
        return labels.event_labels()

    # IOrphanedWork: scans whose job was never queued (Redis away), for the production scheduler
    def requeue_orphans(self, minutes: int = 2) -> list[str]:
        return jobs.requeue_orphans(minutes)

    # IPublicText: feedback's public fields and answers
    def public_text_kinds(self, text: str) -> list[str]:
        return [labels.kind_label(kind) for kind in public_text.found_kinds(text)]

    def public_text_masked(self, text: str) -> str:
        return public_text.masked(text) or text

    def public_address_kinds(self, address: str) -> list[str]:
        return [labels.kind_label(kind) for kind in address_text.address_kinds(address, public_text.PUBLIC_KINDS)]
