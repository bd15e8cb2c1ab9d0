"""The RDF profile `harbin_dcat` (entry point ckan.rdf.profiles): the Harbin catalog fields in
DCAT-AP 3, both ways. Stack it after ckanext-dcat's: ``ckanext.dcat.rdf.profiles = euro_dcat_ap_3
harbin_dcat``."""
from __future__ import annotations

from ckanext.dcat.profiles import RDFProfile

from .catalog import CatalogGraph
from .distributions import DistributionGraph
from .parse import DatasetParser
from .serialize import DatasetGraph

__all__ = ["HarbinDCATProfile"]


class HarbinDCATProfile(DatasetGraph, DistributionGraph, CatalogGraph, DatasetParser, RDFProfile):
    """Serialising: serialize.DatasetGraph, distributions.DistributionGraph, catalog.CatalogGraph;
    parsing: parse.DatasetParser. The mapping table is in the package docstring."""
