"""harbin_data: the rows themselves (第十一条 查询, 第十九条 接口调用). A resource's table is loaded into
CKAN's DataStore once its personal-data scan is clean, read as the scan read it, and dropped as
soon as the resource is withheld, hidden or changed; who may query a table is the rule of the
areas that guard files (privacy: hidden resources; access: 有条件开放 entries). Needs datastore
and harbin_privacy (without it nothing is loaded)."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig

from ckanext.datastore.interfaces import IDatastore

from ..common.interfaces import IPublicationGate, IPublicationGateChanged
from . import (consistency_check, consistency_gate, dump_cells, guard, jobs, keyset, search_total, shown_flag,
               sql_search, substring, table_rows, upserted_text)


@tk.blanket.blueprints
@tk.blanket.config_declarations
@tk.blanket.helpers
class HarbinDataPlugin(p.SingletonPlugin):
    requires: tuple[str, ...] = ("harbin_opendata", "harbin_review", "harbin_privacy", "activity", "datastore")
    p.implements(IPublicationGateChanged)
    p.implements(IPublicationGate)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IActions)
    p.implements(p.IAuthFunctions)
    p.implements(p.IConfigurer)
    p.implements(IDatastore, inherit=True)
    p.implements(p.IMiddleware, inherit=True)

    # IActions, IAuthFunctions: only the loader writes tables; the list of tables is the operators';
    # a Chinese search's total counted here (search_total.py); rows written straight into a table
    # make its ASCII columns searchable for Chinese (upserted_text.py); new resources saved with
    # the DataStore flag as shown, so the first edit does not write them again (shown_flag.py)
    def get_actions(self) -> dict[str, Any]:
        actions = guard.chained_actions()
        return {**actions, "datastore_search": search_total.chained(actions["datastore_search"]),
                **upserted_text.chained_actions(), **shown_flag.chained_actions()}

    def get_auth_functions(self) -> dict[str, Any]:
        return guard.chained_auth_functions()

    # IConfigurer: download formats, the data API on the entry page, CKAN's table view without
    # inline script (datatables_view, when loaded, takes its configuration from data- attributes)
    def update_config(self, config: CKANConfig) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_resource("assets", "harbin_data")
        sql_search.use_allowed_functions(config)

    # IDatastore: paging by `_id` (filters {"_id_after": N}), for deep pages and the downloads;
    # a Chinese `q` searched as substrings, its total counted up to a bound (search_total.py)
    def datastore_validate(self, context: Any, data_dict: dict[str, Any], fields_types: dict[str, str]) -> Any:
        return keyset.validate(context, data_dict, fields_types)

    def datastore_search(self, context: Any, data_dict: dict[str, Any], fields_types: dict[str, str],
                         query_dict: dict[str, Any]) -> Any:
        query_dict = keyset.where(context, data_dict, fields_types, query_dict)
        query_dict = substring.where(context, data_dict, fields_types, query_dict)
        if substring.searched_as_substrings(data_dict):
            search_total.count(context, data_dict, query_dict)
        return keyset.deep_page(context, data_dict, query_dict)

    def datastore_delete(self, context: Any, data_dict: dict[str, Any], fields_types: dict[str, str],
                         query_dict: dict[str, Any]) -> Any:
        return keyset.where(context, data_dict, fields_types, query_dict)

    # IMiddleware: the table view's rows answered by table_rows (bad input 400, Chinese search);
    # CKAN's CSV/TSV dump without cells that open as formulas (dump_cells)
    def make_middleware(self, app: Any, config: CKANConfig) -> Any:
        if hasattr(app, "view_functions"):  # the Flask app itself
            table_rows.take_over(app)
            dump_cells.take_over(app)
        return app

    # IPublicationGateChanged: told after every scan settles (what the public may see changed)
    def publication_blockers_changed(self, package: model.Package) -> None:
        if tk.config["ckanext.harbin_opendata.data.auto_load"]:
            jobs.enqueue_sync(package.id)

    # IPublicationGate: with data.consistency_blocks_publication, tables that do not match the data
    # items (or are not loaded to be checked) hold the entry back
    def publication_blockers(self, package: model.Package) -> list[str]:
        return consistency_gate.blockers(package) if consistency_gate.enabled() else []

    def publication_holds(self, package_ids: list[str]) -> dict[str, list[str]]:
        return consistency_gate.holds(package_ids) if consistency_gate.enabled() else {}

    # IPackageController: a deleted entry keeps no table; an edit of the data items checks the tables
    # against them again
    def after_dataset_delete(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        jobs.enqueue_sync(pkg_dict["id"])

    def after_dataset_update(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        if any(resource.get("datastore_active") for resource in pkg_dict.get("resources") or []) and \
                consistency_check.items_changed(pkg_dict["id"], pkg_dict.get("data_items") or []):
            jobs.enqueue_check(pkg_dict["id"])
