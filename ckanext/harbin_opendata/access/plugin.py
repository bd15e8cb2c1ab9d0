"""harbin_access: entries open on conditions (有条件开放) keep their metadata public while their
files go only to their agency, the reviewers and holders of a grant (第十一条, 第十九条): registered
users apply, accepting the entry's agreement; the agency approves or rejects within working days;
grants expire and can be revoked; every step is audited. Users' app keys authenticate downloads
and data calls within quotas counted in Redis; every download and data call by a user or a key is
in the access log (日志记录)."""
from __future__ import annotations

from typing import Any, Callable, Optional

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig

from ..common.interfaces import IAuditEvents, IFileAccess
from ..common import api_status
from . import (access_log, audit, call_limits, cli, guard, key_auth, private_answers, protect, rules, show_preload,
               verification)
from .logic import account_action, action, auth, identity_action, key_action, surfaces


@tk.blanket.config_declarations
@tk.blanket.validators
@tk.blanket.helpers
@tk.blanket.blueprints
class HarbinAccessPlugin(p.SingletonPlugin):
    requires: tuple[str, ...] = ("harbin_opendata",)
    p.implements(p.IActions)
    p.implements(p.IClick)
    p.implements(p.IAuthFunctions)
    p.implements(p.IConfigurer)
    p.implements(p.IMiddleware, inherit=True)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.ISignal)
    p.implements(IFileAccess)
    p.implements(IAuditEvents)

    # IActions, IAuthFunctions: the chains exist only with the plugins they extend; user_update
    # verifies a changed address again
    def get_actions(self) -> dict[str, Callable[..., Any]]:
        return {**{name: getattr(module, name) for module in (action, key_action, identity_action) for name in module.__all__},
                **surfaces.chained_actions(), "user_update": account_action.user_update,
                "package_show": show_preload.package_show}

    def get_auth_functions(self) -> dict[str, Callable[..., Any]]:
        return {**auth.AUTH_FUNCTIONS, **surfaces.chained_auth_functions()}

    # IConfigurer
    def update_config(self, config: CKANConfig) -> None:
        tk.add_template_directory(config, "templates")

    # IClick: `ckan harbin access …`, under the base plugin's group
    def get_commands(self) -> list[Any]:
        from ckanext.harbin_opendata.common.cli import harbin

        harbin.add_command(cli.access)
        return []

    # IMiddleware: an app key identifies downloads and data calls (before CKAN's identification);
    # the download routes refuse conditional files; downloads and data calls are logged; an action
    # past a limit or without Redis answers 429 or 503 (common/api_status); API tokens, sessions
    # and anonymous callers are limited too (after CKAN's identification)
    def make_middleware(self, app: Any, config: CKANConfig) -> Any:
        if hasattr(app, "before_request"):  # the Flask app itself
            key_auth.identify_first(app)
            app.before_request(call_limits.limit_calls)
            guard.guard_file_routes(app)
            app.after_request(access_log.record)
            app.after_request(private_answers.mark_private)  # conditional answers: private, no-store
            app.after_request(api_status.rewrite)  # before the log records the status (runs in reverse)
        return app

    # ISignal: a self-registered account verifies its e-mail address before applying
    def get_signal_subscriptions(self) -> dict[Any, list[Any]]:
        return {tk.signals.user_created: [verification.on_user_created]}

    # IPackageController: file addresses of conditional entries name the guarded route
    def after_dataset_show(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        if not context.get("ignore_auth"):
            just_read = show_preload.read_now(context, pkg_dict.get("id"))
            protect.protect_package(pkg_dict, context.get("user"), read=just_read)

    def after_dataset_search(self, search_results: dict[str, Any], search_params: dict[str, Any]) -> dict[str, Any]:
        protect.protect_search_results(search_results.get("results", []))
        return search_results

    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        return protect.protect_index(pkg_dict)

    # IFileAccess
    def file_refusal(self, user_name: Optional[str], package: model.Package) -> Optional[str]:
        return rules.refusal(user_name, package)

    # IAuditEvents
    def audit_event_labels(self) -> dict[str, str]:
        return audit.event_labels()
