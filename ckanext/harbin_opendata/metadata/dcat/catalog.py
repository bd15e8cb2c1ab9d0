"""Serialising the catalog (dcat:Catalog): the platform, run by its operator, in Chinese and English,
its theme taxonomies (the Harbin data domains and the EU data themes), licence and coverage."""
from __future__ import annotations

from typing import Any, Optional
from urllib.parse import urljoin

from rdflib import Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node
import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.dcat.profiles import DCAT, DCT, FOAF
from ckanext.dcat.utils import catalog_uri

from . import lookups
from .graph import describe_scheme, in_scheme, tag_labels, tagged
from .places import CITY, add_place
from .serialize import DatasetGraph
from .terms import DOMAIN_SCHEME, EN, EU_DATA_THEME, EU_LANGUAGE, EU_SCHEMES, LANGUAGES, ZH

__all__ = ["CatalogGraph", "PLATFORM", "OPERATOR", "DESCRIPTION"]

PLATFORM = ("哈尔滨市公共数据开放平台", "Harbin Public Data Open Platform")
OPERATOR = ("哈尔滨市大数据中心", "Harbin Big Data Center")
DESCRIPTION = (
    "哈尔滨市公共数据开放平台的开放数据目录：全市公共管理和服务机构依照《哈尔滨市公共数据开放管理办法》开放的公共数据资源。",
    "The open data catalogue of the Harbin Public Data Open Platform: the public data the city's public "
    "administration and service bodies open under the Harbin Public Data Opening Measures.",
)
_OPTION = "ckanext.harbin_opendata."


class CatalogGraph(DatasetGraph):
    """The catalog (a part of the profile; uses the dataset side's publisher types and licence
    documents)."""

    def graph_from_catalog(self, catalog_dict: Optional[dict[str, Any]], catalog_ref: Node) -> None:
        self._bind()
        for add in (self._add_taxonomies, self._add_catalog_texts, self._add_catalog_languages,
                    self._add_operator, self._add_catalog_license, self._add_catalog_coverage):
            add(catalog_ref)
        tag_labels(self.g, catalog_ref, depth=1)

    def _add_taxonomies(self, catalog_ref: Node) -> None:
        for scheme in (DOMAIN_SCHEME, EU_SCHEMES[str(EU_DATA_THEME)]):
            self.g.add((catalog_ref, DCAT.themeTaxonomy, scheme))
            describe_scheme(self.g, scheme)

    def _add_catalog_texts(self, catalog_ref: Node) -> None:
        """Titles and descriptions in both languages when the portal uses the platform's own."""
        if str(self._object(catalog_ref, DCT.title) or "") == PLATFORM[0] and \
                not tk.config[_OPTION + "platform_name"]:
            self.g.add((catalog_ref, DCT.title, Literal(PLATFORM[1], lang=EN)))
        if self._object(catalog_ref, DCT.description) is None:  # ckan.site_description is empty
            for lang, text in zip((ZH, EN), DESCRIPTION):
                self.g.add((catalog_ref, DCT.description, Literal(text, lang=lang)))
        for homepage in list(self.g.objects(catalog_ref, FOAF.homepage)):
            if homepage == catalog_ref:  # the site URL is the catalog's URI too: the page is <site>/
                self.g.remove((catalog_ref, FOAF.homepage, homepage))
                homepage = URIRef(str(homepage).rstrip("/") + "/")
                self.g.add((catalog_ref, FOAF.homepage, homepage))
            self.g.add((homepage, RDF.type, FOAF.Document))

    def _add_catalog_languages(self, catalog_ref: Node) -> None:
        """The languages of the portal (ckan.locales_offered) as EU language links."""
        self.g.remove((catalog_ref, DCT.language, None))
        locales = tk.config.get("ckan.locales_offered") or [tk.config.get("ckan.locale_default") or "en"]
        for locale in locales:
            code = LANGUAGES.get(str(locale).replace("-", "_").split("_")[0].lower())
            if code:
                self.g.add((catalog_ref, DCT.language, EU_LANGUAGE[code]))
                in_scheme(self.g, EU_LANGUAGE[code], DCT.LinguisticSystem)

    def _add_operator(self, catalog_ref: Node) -> None:
        """The publisher of the catalog: the body that runs the platform (第四条: 市大数据中心)."""
        operator = URIRef(urljoin(catalog_uri().rstrip("/") + "/", "#operator"))
        self.g.add((catalog_ref, DCT.publisher, operator))
        for rdf_type in (FOAF.Agent, FOAF.Organization):
            self.g.add((operator, RDF.type, rdf_type))
        name = tk.config[_OPTION + "operator_name"]
        names = [tagged(name)] if name else [Literal(OPERATOR[0], lang=ZH), Literal(OPERATOR[1], lang=EN)]
        for literal in names:
            self.g.add((operator, FOAF.name, literal))
        if tk.config[_OPTION + "operator_credit_code"]:
            self.g.add((operator, DCT.identifier, Literal(tk.config[_OPTION + "operator_credit_code"])))
        self.add_publisher_type(operator, "LocalAuthority")

    def _add_catalog_license(self, catalog_ref: Node) -> None:
        """The licence of the catalog's metadata (a licence id of CKAN's register)."""
        license_id = tk.config[_OPTION + "metadata.catalog_license"]
        license = model.Package.get_license_register().get(license_id) if license_id else None
        if license is not None:
            self.g.add((catalog_ref, DCT.license,
                        self.license_document(license_id, license.url, license.title)))

    def _add_catalog_coverage(self, catalog_ref: Node) -> None:
        first = lookups.first_entry_created()
        if first is not None:
            self._add_date_triple(catalog_ref, DCT.issued, first.isoformat())
        self.g.add((catalog_ref, DCT.spatial, add_place(self.g, CITY)))
