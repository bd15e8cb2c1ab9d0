"""Serialising the files and APIs of an entry (dcat:Distribution) and the licence: links to the EU
file types (a format outside that table named under hrb:formatName), IANA media types and planned
availability instead of text, the licence on every distribution (DCAT-AP puts it there, not on the
dataset), and the rows of a file loaded in the DataStore (hrb:rowCount, beside ckanext-dcat's
dcat:byteSize of the file) when the public may query its table."""
from __future__ import annotations

import re
from typing import Any, Optional

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node
import ckan.plugins.toolkit as tk
from ckanext.dcat.profiles import DCAT, DCATAP, DCT, RDFProfile
from ckanext.dcat.profiles.base import CleanedURIRef
from ckanext.dcat.utils import resource_uri

from .graph import describe_concept, in_scheme, tagged
from .terms import ADMS_LICENCE_TYPE, AVAILABILITY, HRB, IANA, LICENCE_TYPES, file_type

__all__ = ["DistributionGraph"]

def _public_row_count(resource: dict[str, Any]) -> Optional[int]:
    """The rows of the resource's DataStore table, if it has one the public may query."""
    if not resource.get("datastore_active"):
        return None
    try:
        info = tk.get_action("datastore_info")({"user": ""}, {"id": resource["id"]})
    except (KeyError, tk.ObjectNotFound, tk.NotAuthorized):  # KeyError: no datastore plugin
        return None
    count = (info.get("meta") or {}).get("count")
    return count if isinstance(count, int) else None


def _linked_file(resource: dict[str, Any]) -> bool:
    """A file at the agency's address (not an API endpoint, which is a service)."""
    return bool(resource.get("url") and resource.get("id")) and \
        (resource.get("format") or "").strip().upper() != "API" and resource.get("resource_type") != "api"


_MEDIA_TYPE = re.compile(r"^(application|audio|font|image|model|text|video)/[a-z0-9][a-z0-9.+-]*$")


class DistributionGraph(RDFProfile):
    """Distributions and licences (a part of the profile)."""

    def _add_distributions(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        for resource in dataset_dict.get("resources") or []:
            distribution = CleanedURIRef(resource_uri(resource))
            if (dataset_ref, DCAT.distribution, distribution) not in self.g:
                continue
            self._add_format(resource, distribution, dataset_ref)
            self.g.add((distribution, DCATAP.availability, AVAILABILITY))
            rows = _public_row_count(resource)
            if rows is not None:
                self.g.add((distribution, HRB.rowCount, Literal(rows, datatype=XSD.nonNegativeInteger)))
            describe_concept(self.g, AVAILABILITY)
            if resource.get("url_type") == "upload" and resource.get("url"):
                self.g.add((distribution, DCAT.downloadURL, URIRef(resource["url"])))
            elif _linked_file(resource):
                self._point_at_checked_copy(dataset_dict, resource, distribution)
            for predicate in (DCAT.accessURL, DCAT.downloadURL):
                for url in self.g.objects(distribution, predicate):
                    self.g.add((url, RDF.type, RDFS.Resource))  # DCAT-AP's class, stated: no inference needed

    def _point_at_checked_copy(self, dataset_dict: dict[str, Any], resource: dict[str, Any], distribution: Node) -> None:
        """A linked file is downloaded from the portal, which serves the copy its scan read; the
        agency's server may serve other bytes now (common/link_copies.py)."""
        route = URIRef(tk.h.url_for("resource.download", id=dataset_dict.get("name") or dataset_dict["id"],
                                    resource_id=resource["id"], qualified=True))
        for predicate in (DCAT.accessURL, DCAT.downloadURL):
            self.g.remove((distribution, predicate, None))
            self.g.add((distribution, predicate, route))

    def _add_format(self, resource: dict[str, Any], distribution: Node, dataset_ref: Node) -> None:
        """The EU file type and IANA media type of the resource's format (or of its media type)."""
        known = file_type(resource.get("format") or "") or file_type(resource.get("mimetype") or "")
        name, format_uri, media_uri = known if known else (None, None, None)
        mimetype = (resource.get("mimetype") or "").lower()
        if media_uri is None and _MEDIA_TYPE.match(mimetype):
            media_uri = IANA[mimetype]
        # DCAT-AP wants a link to the EU table: a format outside it keeps its name under the
        # Harbin vocabulary's own property instead of dct:format as text.
        self.g.remove((distribution, DCT["format"], None))
        if format_uri is None and name != "API" and resource.get("format"):
            self.g.add((distribution, HRB.formatName, Literal(resource["format"])))
        if format_uri is not None:
            self.g.add((distribution, DCT["format"], format_uri))
            in_scheme(self.g, format_uri, DCT.MediaTypeOrExtent)
        if media_uri is not None:
            self.g.remove((distribution, DCAT.mediaType, None))
            self.g.add((distribution, DCAT.mediaType, media_uri))
            self.g.add((media_uri, RDF.type, DCT.MediaType))
        if name == "API" and resource.get("url"):
            self._add_access_service(resource, distribution, dataset_ref)

    def _add_access_service(self, resource: dict[str, Any], distribution: Node, dataset_ref: Node) -> None:
        """An API (接口) is a data service: its address is the endpoint."""
        service, endpoint = BNode(), URIRef(resource["url"])
        for triple in ((RDF.type, DCAT.DataService), (DCAT.endpointURL, endpoint),
                       (DCAT.servesDataset, dataset_ref),
                       (DCT.title, tagged(resource.get("name") or resource["url"]))):
            self.g.add((service, *triple))
        self.g.add((endpoint, RDF.type, RDFS.Resource))
        self.g.add((distribution, DCAT.accessService, service))
        # The service is the entry's: its publisher, contact point, themes and keywords (DCAT-AP
        # recommends them on a data service too).
        for predicate in (DCT.publisher, DCAT.contactPoint, DCAT.theme, DCAT.keyword):
            for value in self.g.objects(dataset_ref, predicate):
                self.g.add((service, predicate, value))

    def _add_license(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """The entry's licence on each of its distributions without one; on the dataset only when it
        has none (nowhere else to say it)."""
        license_id = dataset_dict.get("license_id")
        if not license_id:
            return
        document = self.license_document(license_id, dataset_dict.get("license_url"),
                                         dataset_dict.get("license_title"))
        distributions = list(self.g.objects(dataset_ref, DCAT.distribution))
        for distribution in distributions:
            if self._object(distribution, DCT.license) is None:  # a resource's own licence stays
                self.g.add((distribution, DCT.license, document))
        if not distributions:
            self.g.add((dataset_ref, DCT.license, document))

    def license_document(self, license_id: str, url: Optional[str], title: Optional[str]) -> Node:
        """A dct:LicenseDocument: its URL (a blank node without one), CKAN licence id, title and ADMS
        licence types (replacing the UnknownIPR ckanext-dcat puts on every inherited licence)."""
        document = URIRef(url) if url else BNode()
        self.g.add((document, RDF.type, DCT.LicenseDocument))
        self.g.add((document, DCT.identifier, Literal(license_id)))
        if title:
            self.g.add((document, DCT.title, tagged(title)))
        self.g.remove((document, DCT.type, None))
        for code in LICENCE_TYPES.get(license_id, ("UnknownIPR",)):
            self.g.add((document, DCT.type, ADMS_LICENCE_TYPE[code]))
            describe_concept(self.g, ADMS_LICENCE_TYPE[code])
        return document
