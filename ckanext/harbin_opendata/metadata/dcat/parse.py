"""Parsing: the Harbin fields back from a DCAT graph (this portal's output, an older one, or another
catalog's), and the DCAT-AP extras they replace dropped, so nothing is stored twice. A graph without
the Harbin triples parses to a dict without the Harbin fields."""
from __future__ import annotations

from typing import Any, Iterable, Optional
from urllib.parse import unquote

from rdflib import Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SKOS
from rdflib.term import Node
from ckanext.dcat.profiles import DCAT, DCT, VCARD

from ...common.resource_code import is_resource_code
from ...common.vocabulary import DESENSITIZATION, DOMAIN_EU_THEMES, DOMAINS, FORMATS
from . import lookups
from .places import division_code, names_of
from .resources import ResourceParser
from .serialize import ITEM_TEXT
from .terms import (ACCESS_RIGHTS, CSVW, EU_DATA_THEME, EU_LANGUAGE, FREQUENCY_CODES, HRB,
                    HRB_DESENSITIZATION, HRB_DOMAIN, HRB_FORMAT, ITEM_DATATYPES, ITEM_TYPES_BY_DATATYPE,
                    LANGUAGES, OPEN_TYPES_BY_RIGHT, ZH, EN, format_of_file_type)

__all__ = ["DatasetParser", "phone_from_tel"]

# Nested values of a CKAN dataset dict itself.
_CORE_STRUCTURES = {"tags", "resources", "extras", "groups", "organization", "relationships_as_subject",
                    "relationships_as_object"}
_SPATIAL_EXTRAS = ("spatial_uri", "spatial_text", "spatial_bbox", "spatial_centroid", "spatial")


def phone_from_tel(uri: str) -> str:
    """The number as typed, back from serialize.tel_uri (parameters dropped)."""
    return unquote(uri.removeprefix("tel:").split(";", 1)[0])


def _code_in(uri: Node, namespace: str, terms: Iterable[Any]) -> Optional[str]:
    code = str(uri).removeprefix(namespace)
    return code if isinstance(uri, URIRef) and code != str(uri) and code in {t.value for t in terms} else None


class DatasetParser(ResourceParser):
    """The Harbin fields of a dcat:Dataset, parsed (a part of the profile)."""

    def parse_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> dict[str, Any]:
        dataset_dict.setdefault("extras", [])
        for parse in (
            self._parse_titles, self._parse_resource_code, self._parse_owner_org, self._parse_domain,
            self._parse_data_items, self._parse_formats, self._parse_related_codes, self._parse_statuses,
            self._parse_frequency, self._parse_dates, self._parse_open_type, self._parse_spatial_coverage,
            self._parse_contact, self._parse_license, self._parse_language, self._parse_tags,
            self._parse_resources, self._drop_foreign_structures,
        ):
            parse(dataset_dict, dataset_ref)
        return dataset_dict

    def _parse_titles(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        for key, predicate in (("title", DCT.title), ("notes", DCT.description)):
            text = self._text_in(dataset_ref, predicate, ZH) or self._text_in(dataset_ref, predicate, None)
            if text:
                dataset_dict[key] = text
        title_en = self._text_in(dataset_ref, DCT.title, EN)
        if title_en:
            dataset_dict["title_en"] = title_en

    def _parse_resource_code(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        for identifier in self._literals(dataset_ref, DCT.identifier):
            if is_resource_code(str(identifier)):
                dataset_dict["resource_code"] = str(identifier)
                self._pop_extra(dataset_dict, "identifier", str(identifier))
                return

    def _parse_owner_org(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """The local agency whose credit code the publisher carries; its publisher_* extras go."""
        for publisher in self.g.objects(dataset_ref, DCT.publisher):
            for code in self._literals(publisher, DCT.identifier):
                name = lookups.organization_with_credit_code(str(code))
                if name:
                    dataset_dict["owner_org"] = name
                    for key in ("uri", "name", "email", "url", "type", "identifier"):
                        self._pop_extra(dataset_dict, f"publisher_{key}")
                    return

    def _parse_domain(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """The Harbin domain; it and the EU themes it implies leave the theme extra."""
        for theme in self.g.objects(dataset_ref, DCAT.theme):
            code = _code_in(theme, str(HRB_DOMAIN), DOMAINS)
            if code:
                dataset_dict["data_domain"] = code
                implied = {str(EU_DATA_THEME[eu]) for eu in DOMAIN_EU_THEMES.get(code, ())}
                self._drop_from_list_extra(dataset_dict, "theme", {str(theme)} | implied)
                return

    def _parse_data_items(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        items = [item for item in map(self._data_item, self._columns(dataset_ref)) if item]
        if items:
            dataset_dict["data_items"] = items

    def _columns(self, dataset_ref: Node) -> Iterable[Node]:
        """The columns of the table schemas, in list order (columns not in a list: as found)."""
        for table_schema in self.g.objects(dataset_ref, CSVW.tableSchema):
            for column in self.g.objects(table_schema, CSVW.column):
                if (column, RDF.first, None) in self.g:
                    yield from Collection(self.g, column)
                elif column != RDF.nil:
                    yield column

    def _data_item(self, column: Node) -> dict[str, str]:
        item = {}
        name = self._text(column, CSVW.name) or self._text(column, CSVW.titles)
        if name:
            item["name"] = name
        datatype = self._object(column, CSVW.datatype)
        item_type = ITEM_TYPES_BY_DATATYPE.get(datatype) if isinstance(datatype, URIRef) else None
        if not item_type and isinstance(datatype, Literal) and str(datatype) in ITEM_DATATYPES:
            item_type = str(datatype)  # a CSVW built-in datatype name
        if item_type:
            item["type"] = item_type
        for key, predicate, _ in ITEM_TEXT:
            text = self._text(column, predicate)
            if text:
                item[key] = text
        return item

    def _parse_formats(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """数据格式 from EU file types, Harbin format concepts or (older graphs) text."""
        given = set()
        for value in self.g.objects(dataset_ref, HRB.declaredFormat):
            name = (format_of_file_type(str(value)) or _code_in(value, str(HRB_FORMAT), FORMATS)
                    if isinstance(value, URIRef) else str(value))
            if name:
                given.add(name.lower())
        declared = [term.value for term in FORMATS if term.value.lower() in given]  # vocabulary order
        if declared:
            dataset_dict["data_formats"] = declared

    def _parse_related_codes(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """In their order from the list; else the codes of linked entries or (older graphs) texts,
        sorted: a set has no order."""
        ordered = self._object(dataset_ref, HRB.relatedCodes)
        codes = [str(code) for code in Collection(self.g, ordered)] if ordered is not None else []
        linked = {str(uri): self._text(uri, DCT.identifier) for uri in self.g.objects(dataset_ref, DCT.relation)}
        if not codes:
            found = {code for code in linked.values() if code} | {str(o) for o in self._literals(
                dataset_ref, HRB.relatedCode)}
            codes = sorted(found)
        if codes:
            dataset_dict["related_codes"] = codes
            self._drop_from_list_extra(dataset_dict, "related_resource",
                                       {uri for uri, code in linked.items() if code in codes})

    def _parse_statuses(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        conditions = self._text_in(dataset_ref, HRB.openConditions, ZH) or self._text(dataset_ref,
                                                                                     HRB.openConditions)
        if conditions:
            dataset_dict["open_conditions"] = conditions
        for status in self.g.objects(dataset_ref, HRB.desensitizationStatus):
            code = (_code_in(status, str(HRB_DESENSITIZATION), DESENSITIZATION) if isinstance(status, URIRef)
                    else str(status) if str(status) in {t.value for t in DESENSITIZATION} else None)
            if code:
                dataset_dict["desensitization_status"] = code

    def _parse_frequency(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        for uri in self.g.objects(dataset_ref, DCT.accrualPeriodicity):
            code = FREQUENCY_CODES.get(uri) if isinstance(uri, URIRef) else None
            if code:
                dataset_dict["update_frequency"] = code
                self._pop_extra(dataset_dict, "frequency", str(uri))
                return

    def _parse_dates(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        for key, predicate, extra in (("publish_date", DCT.issued, "issued"),
                                      ("last_updated", DCT.modified, "modified"),
                                      ("next_update_due", HRB.nextUpdateDue, None)):
            date = self._date(dataset_ref, predicate)
            if date:
                dataset_dict[key] = date
                if extra:
                    self._pop_extra(dataset_dict, extra, date)
        for key in ("temporal_start", "temporal_end"):
            self._promote_extra(dataset_dict, key)

    def _parse_open_type(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """From the EU access right (older graphs also said hrb:openType)."""
        code = self._text(dataset_ref, HRB.openType)
        if code not in ACCESS_RIGHTS:
            rights = self.g.objects(dataset_ref, DCT.accessRights)
            code = next((OPEN_TYPES_BY_RIGHT[o] for o in rights if o in OPEN_TYPES_BY_RIGHT), None)
        if code:
            dataset_dict["open_type"] = code
            self._pop_extra(dataset_dict, "access_rights", str(ACCESS_RIGHTS[code]))

    def _parse_spatial_coverage(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """The text as given; else the names of the divisions; else a location's label."""
        places = list(self.g.objects(dataset_ref, DCT.spatial))
        codes = sorted(code for code in (division_code(str(p)) for p in places) if code)
        text = self._text(dataset_ref, HRB.spatialCoverage) or (names_of(codes) if codes else None)
        if text:
            for key in _SPATIAL_EXTRAS:
                self._pop_extra(dataset_dict, key)
        else:
            text = next((self._text_in(p, SKOS.prefLabel, ZH) or self._text(p, SKOS.prefLabel)
                         for p in places if self._text(p, SKOS.prefLabel)), None)
            if text:
                self._pop_extra(dataset_dict, "spatial_text")
        if text:
            dataset_dict["spatial_coverage"] = text

    def _parse_contact(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        for key in ("contact_name", "contact_email"):
            self._promote_extra(dataset_dict, key)
        for contact in self.g.objects(dataset_ref, DCAT.contactPoint):
            for telephone in self.g.objects(contact, VCARD.hasTelephone):
                phone = self._phone(telephone)
                if phone:
                    dataset_dict["contact_phone"] = phone
                    return

    def _phone(self, telephone: Node) -> Optional[str]:
        """A number from a tel: URI, a literal, or a node with vcard:hasValue."""
        if isinstance(telephone, Literal):
            return phone_from_tel(str(telephone))
        if isinstance(telephone, URIRef):
            return phone_from_tel(str(telephone)) if str(telephone).startswith("tel:") else None
        value = self._object(telephone, VCARD.hasValue)
        return self._phone(value) if isinstance(value, (Literal, URIRef)) else None

    def _parse_language(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        # Entries are in Chinese by definition: the language the output states is no extra.
        self._drop_from_list_extra(dataset_dict, "language", {str(EU_LANGUAGE[LANGUAGES[ZH]])})

    def _parse_tags(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        # Keywords are a set in RDF; sorted, a parse gives the same list every time.
        if dataset_dict.get("tags"):
            dataset_dict["tags"] = sorted(dataset_dict["tags"], key=lambda tag: tag["name"])

    def _drop_foreign_structures(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """Lists of dicts DCAT-AP makes for schemas that have such fields (contact, publisher,
        creator, provenance_activity, …): the Harbin schema has none, and package_create refuses
        them. Contacts and publishers are kept in contact_* and owner_org or publisher_* extras."""
        if not self._dataset_schema:
            return
        for key in [key for key, value in dataset_dict.items() if _is_structure(value)]:
            if key not in _CORE_STRUCTURES and not self._schema_field(key):
                del dataset_dict[key]


def _is_structure(value: Any) -> bool:
    return isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, dict) for v in value))
