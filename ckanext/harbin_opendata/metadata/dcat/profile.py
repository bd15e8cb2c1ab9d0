"""The RDF profile `harbin_dcat` (entry point ckan.rdf.profiles): the Harbin catalog fields in
DCAT-AP 3, both ways. Stack it after ckanext-dcat's: ``ckanext.dcat.rdf.profiles = euro_dcat_ap_3
harbin_dcat``."""
from __future__ import annotations

from .catalog import CatalogGraph
from .parse import DatasetParser

__all__ = ["HarbinDCATProfile"]


class HarbinDCATProfile(CatalogGraph, DatasetParser):
    """Serialising: catalog.CatalogGraph, built on serialize.DatasetGraph and
    distributions.DistributionGraph; parsing: parse.DatasetParser, built on resources.ResourceParser
    and reading.GraphReader. The field mapping is in the README (section "DCAT-AP")."""
