"""Serialising a Harbin catalog entry: the dcat:Dataset part of the harbin_dcat profile (the mapping
table is in the package docstring and in the README)."""
from __future__ import annotations

import json
from typing import Any, Optional
from urllib.parse import quote

from rdflib import BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node
import ckan.plugins.toolkit as tk
from ckanext.dcat.profiles import DCAT, DCT, FOAF, VCARD
from ckanext.dcat.utils import publisher_uri_organization_fallback

from ...common.vocabulary import DESENSITIZATION, DOMAIN_EU_THEMES, DOMAINS, FORMATS, by_value
from . import lookups
from .distributions import DistributionGraph
from .graph import describe_concept, in_scheme, tag_labels, tagged
from .places import add_place, divisions_in, names_of
from .terms import (ACCESS_RIGHTS, ADMS_PUBLISHER_TYPE, CSVW, DESENSITIZATION_SCHEME, DOMAIN_SCHEME, EN,
                    EU_DATA_THEME, EU_LANGUAGE, FORMAT_SCHEME, FREQUENCY_URIS, HRB, HRB_DESENSITIZATION,
                    HRB_DOMAIN, HRB_FORMAT, ITEM_DATATYPES, LANGUAGES, PUBLISHER_TYPES, ZH, file_type)

__all__ = ["DatasetGraph", "tel_uri", "json_list", "ITEM_TEXT"]

PHONE_CONTEXT = "+86"
# Data item subfields other than name and type, their predicates on a csvw:Column, and whether
# they are text in the entry's language (the example is a data value).
ITEM_TEXT = (("description", DCT.description, True), ("unit", HRB.unit, True), ("example", HRB.example, False))


def tel_uri(number: str) -> URIRef:
    """An RFC 3966 tel: URI for a telephone number as typed; local numbers are in China's context."""
    uri = "tel:" + quote(number, safe="+-.()")
    return URIRef(uri if number.startswith("+") else f"{uri};phone-context={PHONE_CONTEXT}")


def json_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return value if isinstance(value, list) else []


class DatasetGraph(DistributionGraph):
    """The Harbin fields of a dcat:Dataset, on top of what euro_dcat_ap_3 wrote (a part of the
    profile)."""

    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        self._bind()
        for add in (
            self._add_titles, self._add_resource_code, self._add_publisher, self._add_themes,
            self._add_data_items, self._add_declared_formats, self._add_statuses, self._add_relations,
            self._add_frequency_and_access, self._add_dates, self._add_spatial_coverage,
            self._add_contact, self._add_language, self._add_distributions, self._add_license,
        ):
            add(dataset_dict, dataset_ref)
        tag_labels(self.g, dataset_ref)

    def _bind(self) -> None:
        for prefix, namespace in (("hrb", HRB), ("hrbdomain", HRB_DOMAIN), ("csvw", CSVW)):
            self.g.bind(prefix, namespace)

    def _add_titles(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        # The title and abstract are the Chinese fields, whatever script they are written in.
        self._retag(dataset_ref, DCT.title, dataset_dict.get("title"), ZH)
        self._retag(dataset_ref, DCT.description, dataset_dict.get("notes"), ZH)
        if dataset_dict.get("title_en"):
            self.g.add((dataset_ref, DCT.title, Literal(dataset_dict["title_en"], lang=EN)))

    def _retag(self, subject: Node, predicate: URIRef, value: Optional[str], lang: str) -> None:
        """The untagged literal DCAT-AP wrote for `value`, now with its language."""
        if value:
            self.g.remove((subject, predicate, Literal(value)))
            self.g.add((subject, predicate, Literal(value, lang=lang)))

    def _add_resource_code(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        code = dataset_dict.get("resource_code")
        if not code:
            return
        if not self._get_dict_value(dataset_dict, "identifier"):
            # DCAT-AP fell back to the CKAN id; the resource code identifies the entry.
            self.g.remove((dataset_ref, DCT.identifier, None))
        self.g.add((dataset_ref, DCT.identifier, Literal(code)))

    def _add_publisher(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """The providing agency DCAT-AP made the publisher: its credit code, English name and kind."""
        organization = self._organization(dataset_dict)
        if not organization:
            return
        publisher = URIRef(publisher_uri_organization_fallback(dataset_dict))
        if (dataset_ref, DCT.publisher, publisher) not in self.g:
            return
        self.g.add((publisher, RDF.type, FOAF.Organization))
        self._retag(publisher, FOAF.name, organization.get("title"), ZH)
        if organization.get("title_en"):
            self.g.add((publisher, FOAF.name, Literal(organization["title_en"], lang=EN)))
        if organization.get("credit_code"):
            self.g.add((publisher, DCT.identifier, Literal(organization["credit_code"])))
        kind = PUBLISHER_TYPES.get(organization.get("agency_kind") or "")
        if kind:
            self.add_publisher_type(publisher, kind)

    def add_publisher_type(self, publisher: Node, kind: str) -> None:
        self.g.add((publisher, DCT.type, ADMS_PUBLISHER_TYPE[kind]))
        describe_concept(self.g, ADMS_PUBLISHER_TYPE[kind])

    def _organization(self, dataset_dict: dict[str, Any]) -> Optional[dict[str, Any]]:
        org_id = (dataset_dict.get("organization") or {}).get("id")
        if not org_id:
            return None
        if org_id not in self._org_cache:
            try:
                self._org_cache[org_id] = tk.get_action("organization_show")(
                    {"ignore_auth": True}, {"id": org_id})
            except tk.ObjectNotFound:
                return None
        return self._org_cache[org_id]

    def _add_themes(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """The data domain, a concept of the Harbin scheme, and the EU data themes it belongs to."""
        term = by_value(DOMAINS, dataset_dict.get("data_domain") or "")
        if not term:
            return
        concept = HRB_DOMAIN[term.value]
        self.g.add((dataset_ref, DCAT.theme, concept))
        describe_concept(self.g, concept, DOMAIN_SCHEME, [(ZH, term.zh), (EN, term.en)])
        self.g.add((concept, SKOS.notation, Literal(term.value)))
        for code in DOMAIN_EU_THEMES.get(term.value, ()):
            self.g.add((dataset_ref, DCAT.theme, EU_DATA_THEME[code]))
            describe_concept(self.g, EU_DATA_THEME[code])

    def _add_data_items(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        items = [item for item in json_list(dataset_dict.get("data_items")) if isinstance(item, dict)]
        if not items:
            return
        table_schema, columns = BNode(), BNode()
        self.g.add((dataset_ref, CSVW.tableSchema, table_schema))
        self.g.add((table_schema, RDF.type, CSVW.Schema))
        self.g.add((table_schema, CSVW.column, columns))
        Collection(self.g, columns, [self._column(item) for item in items])

    def _column(self, item: dict[str, Any]) -> BNode:
        column = BNode()
        self.g.add((column, RDF.type, CSVW.Column))
        if item.get("name"):
            self.g.add((column, CSVW.name, Literal(item["name"])))  # the column's name, not a label
            self.g.add((column, CSVW.titles, tagged(item["name"])))
        if item.get("type") in ITEM_DATATYPES:
            self.g.add((column, CSVW.datatype, ITEM_DATATYPES[item["type"]]))
        for key, predicate, is_text in ITEM_TEXT:
            if item.get(key):
                self.g.add((column, predicate, tagged(item[key]) if is_text else Literal(item[key])))
        return column

    def _add_declared_formats(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """数据格式: the EU file type of each format, or a Harbin concept (API is no file type)."""
        for value in self._read_list_value(dataset_dict.get("data_formats")):
            known = file_type(str(value))
            if known and known[1] is not None:
                self.g.add((dataset_ref, HRB.declaredFormat, known[1]))
                in_scheme(self.g, known[1], DCT.MediaTypeOrExtent)
                continue
            term = by_value(FORMATS, known[0] if known else str(value))
            if term:
                self.g.add((dataset_ref, HRB.declaredFormat, HRB_FORMAT[term.value]))
                describe_concept(self.g, HRB_FORMAT[term.value], FORMAT_SCHEME, [(ZH, term.zh), (EN, term.en)])

    def _add_statuses(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        term = by_value(DESENSITIZATION, dataset_dict.get("desensitization_status") or "")
        if term:
            concept = HRB_DESENSITIZATION[term.value]
            self.g.add((dataset_ref, HRB.desensitizationStatus, concept))
            describe_concept(self.g, concept, DESENSITIZATION_SCHEME, [(ZH, term.zh), (EN, term.en)])
        if dataset_dict.get("open_conditions"):
            self.g.add((dataset_ref, HRB.openConditions, tagged(dataset_dict["open_conditions"], ZH)))

    def _add_relations(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """关联资源代码: links to the related public entries, and the codes as an ordered list."""
        codes = [str(code) for code in self._read_list_value(dataset_dict.get("related_codes")) if code]
        if not codes:
            return
        self.g.add((dataset_ref, HRB.relatedCodes, Collection(self.g, BNode(), [Literal(c) for c in codes]).uri))
        for code, uri in lookups.public_entry_uris(codes).items():
            related = URIRef(uri)
            self.g.add((dataset_ref, DCT.relation, related))
            self.g.add((related, RDF.type, RDFS.Resource))
            self.g.add((related, DCT.identifier, Literal(code)))

    def _add_frequency_and_access(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """更新周期 and 开放类型 as the EU frequency and access right."""
        for key, uris, predicate, rdf_type in (
            ("update_frequency", FREQUENCY_URIS, DCT.accrualPeriodicity, DCT.Frequency),
            ("open_type", ACCESS_RIGHTS, DCT.accessRights, DCT.RightsStatement),
        ):
            uri = uris.get(dataset_dict.get(key) or "")
            if uri:
                self.g.add((dataset_ref, predicate, uri))
                in_scheme(self.g, uri, rdf_type)

    def _add_dates(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        # DCAT-AP wrote metadata_created/metadata_modified; the entry's own dates replace them.
        for key, predicate in (("publish_date", DCT.issued), ("last_updated", DCT.modified)):
            if dataset_dict.get(key):
                self.g.remove((dataset_ref, predicate, None))
                self._add_date_triple(dataset_ref, predicate, dataset_dict[key])
        self._add_date_triple(dataset_ref, HRB.nextUpdateDue, dataset_dict.get("next_update_due"))

    def _add_spatial_coverage(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """The divisions the text names as places; the text itself when it says more than their
        names, or a labelled location when it names none."""
        text = dataset_dict.get("spatial_coverage")
        if not text:
            return
        codes = divisions_in(text)
        for code in codes:
            self.g.add((dataset_ref, DCT.spatial, add_place(self.g, code)))
        if not codes:
            location = self._get_or_create_spatial_ref(dataset_dict, dataset_ref)
            self.g.add((location, SKOS.prefLabel, tagged(text)))
        elif text != names_of(codes):
            self.g.add((dataset_ref, HRB.spatialCoverage, tagged(text)))

    def _add_contact(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        phone = dataset_dict.get("contact_phone")
        contact = self._object(dataset_ref, DCAT.contactPoint)
        if contact is None and phone:
            contact = BNode()
            self.g.add((dataset_ref, DCAT.contactPoint, contact))
            self.g.add((contact, RDF.type, VCARD.Organization))
        if contact is None:
            return
        self.g.add((contact, RDF.type, VCARD.Kind))  # DCAT-AP's class, without the vCard ontology at hand
        if phone:
            self.g.add((contact, VCARD.hasTelephone, tel_uri(phone)))

    def _add_language(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        language = EU_LANGUAGE[LANGUAGES[ZH]]  # catalog entries are compiled in Chinese
        self.g.add((dataset_ref, DCT.language, language))
        in_scheme(self.g, language, DCT.LinguisticSystem)
