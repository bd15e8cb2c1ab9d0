"""The base plugin: portal look, translations, Chinese search, security headers and the account
controls (sessions, login throttling, password policy), and the `ckan harbin` CLI."""
from __future__ import annotations

from typing import Any

from werkzeug.middleware.proxy_fix import ProxyFix

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig
from ckan.lib.plugins import DefaultTranslation

from . import asset_urls, csrf, hardening, security_headers, startup_objects, stored_files, uploads
from .accounts import actions as account_actions
from .accounts import hooks as account_hooks
from .accounts import throttle
from .common import api_status
from .common import cjk_search as search
from .common import entry_rows, index_format, related_terms, widened_search
from .common.addresses import Blocklist
from .common.indexing import index_new_entries_once
from .hardening import accounts as account_visibility
from .hardening import disclosure, request_guard, search_pages, server_errors
from .js_locale import js_locale_blueprint


# CKAN's default → the platform's. (Gravatar is always off, see update_config: gravatar.com does not
# load in mainland China, a broken avatar in the header, and would learn the hashed e-mail of every user shown.)
PLATFORM_DEFAULTS = {
    "ckan.site_title": ("CKAN", "哈尔滨市公共数据开放平台"),
    "ckan.site_logo": ("/base/images/ckan-logo.png", "/harbin_opendata/logo.svg"),
    "ckan.favicon": ("/base/images/ckan.ico", "/harbin_opendata/favicon.svg"),
}


@tk.blanket.auth_functions(hardening.auth_functions)
@tk.blanket.config_declarations
@tk.blanket.cli
@tk.blanket.helpers
class HarbinOpendataPlugin(p.SingletonPlugin, DefaultTranslation):
    requires: tuple[str, ...] = ()
    p.implements(p.IBlueprint)
    p.implements(p.IMiddleware, inherit=True)
    p.implements(p.IConfigurer)
    p.implements(p.ITranslation)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IUploader, inherit=True)
    p.implements(p.IActions)
    p.implements(p.IAuthenticator, inherit=True)
    p.implements(p.ISignal)
    p.implements(p.IConfigurable)

    # IConfigurer
    def update_config(self, config: CKANConfig) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_public_directory(config, "public")
        tk.add_resource("assets", "harbin_opendata")
        # The platform's name, logo and icon instead of CKAN's, unless the operator set their own
        # (in the ini file; the sysadmin config page still overrides title and logo).
        for key, (stock, ours) in PLATFORM_DEFAULTS.items():
            if config.get(key) in (None, "", stock):
                config[key] = ours
        # Gravatar stays off whatever the ini says: no page may make the browser ask gravatar.com.
        config["ckan.gravatar_default"] = "disabled"

    # IBlueprint
    def get_blueprint(self) -> Any:
        return js_locale_blueprint()

    # IMiddleware
    def make_middleware(self, app: Any, config: CKANConfig) -> Any:
        if hasattr(app, "before_request"):  # the Flask app itself
            app.before_request(request_guard.refuse_malformed)
            request_guard.register_error_handlers(app)
            request_guard.with_user_agent(app)
            hops = config["ckanext.harbin_opendata.security.proxy_hops"]
            if hops:  # behind nginx: the client's address and scheme from X-Forwarded-For/-Proto
                app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
            csrf.protect_forms(app)
            app.after_request(security_headers.add_security_headers)
            # an action past a limit answers 429/503, not CKAN's 409/500 (harbin_access rewrites its own
            # earlier, before its access log records the status; a second rewrite finds nothing marked)
            app.after_request(api_status.rewrite)
            stored_files.take_over_downloads(app)
            search_pages.take_over(app)  # the DCAT catalogue and the feeds: bad searches are 400s
            account_hooks.install(app)
            app.before_request(account_visibility.login_first)
            disclosure.hide_server_software()
            server_errors.install()
            asset_urls.remember_per_process(app)
            startup_objects.freeze_after_start(app)
        return app

    # IConfigurable: a blocklist the downloader cannot read stops the start, not the first download
    # (so does a related-term file of the search); a new entry is indexed once at its commit, not
    # twice; uploaded files land at the commit
    def configure(self, config: CKANConfig) -> None:
        Blocklist.parse(config["ckanext.harbin_opendata.files.blocked_networks"])
        related_terms.related_terms()
        index_new_entries_once()
        uploads.listen_for_commits()

    # IActions: every action behind the malformed-input guard (hardening), accounts not public, the
    # password policy on user_create / user_update, and package_search widened for everyday Chinese
    # words (common/widened_search.py), each pass's result checks (review, access) sharing one read
    # of the entries' rows (common/entry_rows.py)
    def get_actions(self) -> dict[str, Any]:
        return hardening.actions({"user_create": account_actions.user_create,
                                  "user_update": account_actions.user_update,
                                  "user_delete": account_actions.user_delete,
                                  "package_search": widened_search.around(entry_rows.one_read_per_search)})

    # IAuthenticator: locked-out logins are not checked (CKAN's own check does the rest)
    def authenticate(self, identity: dict[str, Any]) -> None:
        throttle.check_login(identity)
        return None

    # ISignal: session tickets and failed-login counts
    def get_signal_subscriptions(self) -> Any:
        return account_hooks.signal_subscriptions()

    # IUploader: resource files keep a usable name (general uploads stay CKAN's)
    def get_resource_uploader(self, data_dict: dict[str, Any]) -> Any:
        return uploads.HarbinResourceUpload(data_dict)

    def get_uploader(self, upload_to: str, old_filename: Any = None) -> Any:
        return None

    # IPackageController
    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        index_format.mark(pkg_dict)
        if tk.config["ckanext.harbin_opendata.search.cjk"]:
            pkg_dict.update(search.cjk_index_fields(pkg_dict))
        return pkg_dict

    def before_dataset_search(self, search_params: dict[str, Any]) -> dict[str, Any]:
        q = search_params.get("q")
        if q and tk.config["ckanext.harbin_opendata.search.cjk"]:
            widened_search.rewrite(search_params)
        return search_params
