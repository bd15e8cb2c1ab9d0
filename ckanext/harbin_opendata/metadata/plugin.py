"""harbin_metadata: the Harbin catalog schema (scheming), its validators, facets and index fields."""
from __future__ import annotations

from typing import Any, Optional

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig

from ..common.agency_names import agency_display_name, label_agency_facet_items
from ..common.search_results import request_user
from . import cli, item_views, search
from .author_names import agency_for_authors, names_a_person, viewer_is_staff
from .drafted_items import draft_items_from_upload
from .licences import relabel_licence
from .logic import auth, drafting, items_template


def _actions() -> dict[str, Any]:
    actions = {"harbin_metadata_draft_items": drafting.harbin_metadata_draft_items,
               "harbin_metadata_import_items": items_template.harbin_metadata_import_items}
    if p.plugin_loaded("dcat"):  # the catalogue's page links as URIs (dcat/paging.py)
        from .dcat.paging import dcat_catalog_show
        actions["dcat_catalog_show"] = dcat_catalog_show
    return actions


@tk.blanket.actions(_actions)
@tk.blanket.auth_functions(lambda: {name: getattr(auth, name) for name in auth.__all__})
@tk.blanket.blueprints(lambda: [item_views.harbin_data_items])
@tk.blanket.config_declarations
@tk.blanket.helpers
@tk.blanket.validators
class HarbinMetadataPlugin(p.SingletonPlugin):
    requires: tuple[str, ...] = ("harbin_opendata", "scheming_datasets", "scheming_organizations")
    p.implements(p.IClick)
    p.implements(p.IConfigurer)
    p.implements(p.IFacets, inherit=True)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IOrganizationController, inherit=True)
    p.implements(p.IResourceController, inherit=True)

    # IClick: `ckan harbin metadata …`, under the base plugin's group
    def get_commands(self) -> list[Any]:
        from ckanext.harbin_opendata.common.cli import harbin

        harbin.add_command(cli.metadata)
        return []

    # IConfigurer
    def update_config(self, config: CKANConfig) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_resource("assets", "harbin_metadata")

    # IFacets
    def dataset_facets(self, facets_dict: dict[str, Any], package_type: str) -> dict[str, Any]:
        return search.dataset_facets()

    def organization_facets(self, facets_dict: dict[str, Any], organization_type: str,
                            package_type: str) -> dict[str, Any]:
        return search.dataset_facets()

    # IPackageController
    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        search.adjust_index(pkg_dict)
        return pkg_dict

    def after_dataset_show(self, context: Any, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        relabel_licence(pkg_dict)
        # the search index keeps what an ignore_auth show gives (package_show reads it back): as stored
        if not context.get("ignore_auth") and names_a_person(pkg_dict) and not viewer_is_staff(context.get("user")):
            agency_for_authors(pkg_dict)
        return pkg_dict

    def after_dataset_search(self, search_results: dict[str, Any],
                             search_params: dict[str, Any]) -> dict[str, Any]:
        search.label_facet_items(search_results.get("search_facets", {}))
        label_agency_facet_items(search_results.get("search_facets", {}))
        titles: dict[str, Optional[str]] = {}  # one lookup and translation per licence of the page
        results = search_results.get("results", [])
        for entry in results:
            relabel_licence(entry, titles)
        # the viewer is looked up only when a result names a person (most searches: none, no query)
        if any(names_a_person(entry) for entry in results) and not viewer_is_staff(request_user()):
            for entry in results:
                agency_for_authors(entry)
        return search_results

    # IResourceController
    def after_resource_create(self, context: Any, resource: dict[str, Any]) -> None:
        draft_items_from_upload(context, resource)

    # IOrganizationController: agency pages and lists (CKAN's for_view dicts) name the agency in the
    # reader's language; `title` is left as it is for the edit form
    def before_view(self, data_dict: dict[str, Any]) -> dict[str, Any]:
        data_dict["display_name"] = agency_display_name(data_dict)
        return data_dict
