"""The base plugin: portal look, translations, Chinese search and the `ckan harbin` CLI."""
from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig
from ckan.lib.plugins import DefaultTranslation

from . import search
from .js_locale import js_locale_blueprint


@tk.blanket.config_declarations
@tk.blanket.cli
@tk.blanket.helpers
class HarbinOpendataPlugin(p.SingletonPlugin, DefaultTranslation):
    p.implements(p.IBlueprint)
    p.implements(p.IConfigurer)
    p.implements(p.ITranslation)
    p.implements(p.IPackageController, inherit=True)

    # IConfigurer
    def update_config(self, config: CKANConfig) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_public_directory(config, "public")
        tk.add_resource("assets", "harbin_opendata")

    # IBlueprint
    def get_blueprint(self) -> Any:
        return js_locale_blueprint()

    # IPackageController
    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        if tk.config["ckanext.harbin_opendata.search.cjk"]:
            pkg_dict.update(search.cjk_index_fields(pkg_dict))
        return pkg_dict

    def before_dataset_search(self, search_params: dict[str, Any]) -> dict[str, Any]:
        q = search_params.get("q")
        if q and tk.config["ckanext.harbin_opendata.search.cjk"]:
            search_params["q"] = search.cjk_query(q)
        return search_params
