"""Parsing the distributions and the licence back: formats and media types from their links."""
from __future__ import annotations

from typing import Any

from rdflib import URIRef
from rdflib.term import Node
import ckan.model as model
from ckanext.dcat.profiles import DCAT, DCT

from .reading import GraphReader
from .terms import HRB, IANA, format_of_file_type

__all__ = ["ResourceParser"]


class ResourceParser(GraphReader):
    """Distributions and licences, parsed (a part of the profile)."""

    def _parse_resources(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """CSV and text/csv instead of the EU file-type and IANA URIs DCAT-AP copied; API for a
        distribution that is a data service."""
        for resource in dataset_dict.get("resources") or []:
            distribution = URIRef(resource.get("distribution_ref") or "")
            fmt = self._object(distribution, DCT["format"])
            name = format_of_file_type(str(fmt)) if isinstance(fmt, URIRef) else None
            if name:
                resource["format"] = name
            elif fmt is None and self._object(distribution, HRB.formatName) is not None:
                resource["format"] = str(self._object(distribution, HRB.formatName))
            elif fmt is None and self._object(distribution, DCAT.accessService) is not None:
                resource["format"] = "API"
            media = str(self._object(distribution, DCAT.mediaType) or "")
            if media.startswith(str(IANA)):
                resource["mimetype"] = media.removeprefix(str(IANA))
                if resource.get("format") == media:
                    resource["format"] = resource["mimetype"]

    def _parse_license(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """The licence of the dataset (older graphs) or of its distributions."""
        register = model.Package.get_license_register()
        by_url = {license.url: license_id for license_id, license in register.items() if license.url}
        holders = [dataset_ref, *self.g.objects(dataset_ref, DCAT.distribution)]
        for document in (d for holder in holders for d in self.g.objects(holder, DCT.license)):
            ids = [str(o) for o in self._literals(document, DCT.identifier) if str(o) in register]
            license_id = ids[0] if ids else by_url.get(str(document))
            if license_id:
                dataset_dict["license_id"] = license_id
                return
