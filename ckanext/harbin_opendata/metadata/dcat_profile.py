"""The Harbin catalog fields in DCAT-AP 3, both ways: the RDF profile ``harbin_dcat``.

Stacked after ``euro_dcat_ap_3`` (``ckanext.dcat.rdf.profiles = euro_dcat_ap_3 harbin_dcat``), which
already maps tags (dcat:keyword), contact_name and contact_email (dcat:contactPoint vcard:fn and
vcard:hasEmail) and temporal_start/temporal_end (dct:temporal dcat:startDate/endDate). This profile
adds the Harbin fields, replaces the triples whose value Harbin knows better (language-tagged titles,
dct:identifier, dct:issued, dct:modified) and, when parsing, turns the RDF back into the stored codes
and drops the DCAT-AP extras it has turned into Harbin fields, so nothing is stored twice.

=======================  ==================================================================
field                    RDF (on the dcat:Dataset unless said otherwise)
=======================  ==================================================================
title / title_en         dct:title "…"@zh / dct:title "…"@en
notes                    dct:description "…"@zh
resource_code            dct:identifier "301001/000001" (parsed only if it is a resource code)
owner_org                dct:publisher (the organisation) dct:identifier its credit code
data_domain              dcat:theme hrbdomain:<code>, a skos:Concept (prefLabel @zh @en, notation)
                         in the scheme hrbdomain: (the catalog's dcat:themeTaxonomy)
data_items               csvw:tableSchema [csvw:column ( [csvw:name; csvw:titles; csvw:datatype xsd:…;
                         dct:description; hrb:unit; hrb:example] … )], an ordered rdf:List
data_formats             hrb:declaredFormat "CSV", …
update_frequency         dct:accrualPeriodicity <EU frequency authority>
publish_date             dct:issued "YYYY-MM-DD"^^xsd:date
last_updated             dct:modified "YYYY-MM-DD"^^xsd:date
next_update_due          hrb:nextUpdateDue "YYYY-MM-DD"^^xsd:date
open_type                dct:accessRights <EU access-right PUBLIC | RESTRICTED> and hrb:openType
open_conditions          hrb:openConditions
spatial_coverage         dct:spatial [a dct:Location; skos:prefLabel "…"]
contact_phone            dcat:contactPoint [vcard:hasTelephone <tel:…;phone-context=+86>]
license_id               dct:license <licence URL> (dct:identifier license_id, dct:title)
related_codes            hrb:relatedCode "…", … (a set: parsed in sorted order)
desensitization_status   hrb:desensitizationStatus
=======================  ==================================================================

A graph without these triples parses to a dict without these fields. ``name`` is not catalog
metadata (the dataset URI identifies an entry) and is not mapped.
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterable, Optional
from urllib.parse import quote, unquote

from rdflib import BNode, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SKOS, XSD
from rdflib.term import Node

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.dcat.profiles import DCAT, DCT, GSP, VCARD, RDFProfile
from ckanext.dcat.utils import publisher_uri_organization_fallback

from ..common.vocabulary import DESENSITIZATION, DOMAINS, FORMATS, Term, by_value

__all__ = [
    "HarbinDCATProfile", "HRB", "HRB_DOMAIN", "DOMAIN_SCHEME", "CSVW", "EU_FREQUENCY",
    "EU_ACCESS_RIGHT", "FREQUENCY_URIS", "ACCESS_RIGHTS", "ITEM_DATATYPES", "tel_uri", "phone_from_tel",
]

HRB = Namespace("https://data.harbin.gov.cn/ns/catalog#")
HRB_DOMAIN = Namespace("https://data.harbin.gov.cn/ns/domain/")
DOMAIN_SCHEME = URIRef("https://data.harbin.gov.cn/ns/domain")
CSVW = Namespace("http://www.w3.org/ns/csvw#")
EU_FREQUENCY = Namespace("http://publications.europa.eu/resource/authority/frequency/")
EU_ACCESS_RIGHT = Namespace("http://publications.europa.eu/resource/authority/access-right/")
# Dublin Core Collection frequencies, used by the DCAT 2 examples; read, never written.
CLD_FREQ = Namespace("http://purl.org/cld/freq/")

ZH, EN = "zh", "en"
PHONE_CONTEXT = "+86"

FREQUENCY_URIS: dict[str, URIRef] = {
    "realtime": EU_FREQUENCY.UPDATE_CONT,
    "daily": EU_FREQUENCY.DAILY,
    "weekly": EU_FREQUENCY.WEEKLY,
    "monthly": EU_FREQUENCY.MONTHLY,
    "quarterly": EU_FREQUENCY.QUARTERLY,
    "semiannual": EU_FREQUENCY.BIANNUAL,  # EU BIANNUAL is twice a year (BIENNIAL: every two years)
    "annual": EU_FREQUENCY.ANNUAL,
    "irregular": EU_FREQUENCY.IRREG,
}
_FREQUENCY_CODES: dict[URIRef, str] = {
    **{uri: code for code, uri in FREQUENCY_URIS.items()},
    EU_FREQUENCY.CONT: "realtime",
    EU_FREQUENCY.ANNUAL_2: "semiannual",
    CLD_FREQ.continuous: "realtime",
    CLD_FREQ.daily: "daily",
    CLD_FREQ.weekly: "weekly",
    CLD_FREQ.monthly: "monthly",
    CLD_FREQ.quarterly: "quarterly",
    CLD_FREQ.semiannual: "semiannual",
    CLD_FREQ.annual: "annual",
    CLD_FREQ.irregular: "irregular",
}

ACCESS_RIGHTS: dict[str, URIRef] = {
    "unconditional": EU_ACCESS_RIGHT.PUBLIC,
    "conditional": EU_ACCESS_RIGHT.RESTRICTED,
}
_OPEN_TYPES_BY_RIGHT: dict[Node, str] = {uri: code for code, uri in ACCESS_RIGHTS.items()}

ITEM_DATATYPES: dict[str, URIRef] = {
    "string": XSD.string,
    "integer": XSD.integer,
    "number": XSD.decimal,
    "date": XSD.date,
    "datetime": XSD.dateTime,
    "time": XSD.time,
    "boolean": XSD.boolean,
    "geometry": GSP.wktLiteral,
    "binary": XSD.base64Binary,
}
_ITEM_TYPES_BY_DATATYPE: dict[URIRef, str] = {
    **{uri: code for code, uri in ITEM_DATATYPES.items()},
    XSD.double: "number", XSD.float: "number", XSD.int: "integer", XSD.long: "integer",
    XSD.hexBinary: "binary", GSP.geoJSONLiteral: "geometry",
}
# Data item subfields other than name and type, and their predicates on a csvw:Column.
_ITEM_TEXT = (("description", DCT.description), ("unit", HRB.unit), ("example", HRB.example))

# Nested values of a CKAN dataset dict itself.
_CORE_STRUCTURES = {"tags", "resources", "extras", "groups", "organization", "relationships_as_subject",
                    "relationships_as_object"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RESOURCE_CODE_PATTERN = "ckanext.harbin_opendata.metadata.resource_code_pattern"


def tel_uri(number: str) -> URIRef:
    """An RFC 3966 tel: URI for a telephone number as typed; local numbers are in China's context."""
    uri = "tel:" + quote(number, safe="+-.()")
    return URIRef(uri if number.startswith("+") else f"{uri};phone-context={PHONE_CONTEXT}")


def phone_from_tel(uri: str) -> str:
    """The number as typed, back from :func:`tel_uri` (parameters dropped)."""
    return unquote(uri.removeprefix("tel:").split(";", 1)[0])


def _codes(terms: list[Term]) -> set[str]:
    return {term.value for term in terms}


def _language_of(literal: Literal) -> Optional[str]:
    return re.split(r"[-_]", literal.language)[0].lower() if literal.language else None


def _json_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return value if isinstance(value, list) else []


class HarbinDCATProfile(RDFProfile):
    """The Harbin catalog fields on top of DCAT-AP 3 (see the module docstring for the mapping)."""

    # Serialising

    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        self._bind()
        for add in (
            self._add_titles, self._add_resource_code, self._add_publisher_code, self._add_domain,
            self._add_data_items, self._add_literals, self._add_frequency, self._add_dates,
            self._add_access, self._add_spatial_coverage, self._add_phone, self._add_license,
        ):
            add(dataset_dict, dataset_ref)

    def graph_from_catalog(self, catalog_dict: Optional[dict[str, Any]], catalog_ref: Node) -> None:
        """The catalog's theme taxonomy: the Harbin data domains."""
        self._bind()
        self.g.add((catalog_ref, DCAT.themeTaxonomy, DOMAIN_SCHEME))
        self.g.add((DOMAIN_SCHEME, RDF.type, SKOS.ConceptScheme))
        self.g.add((DOMAIN_SCHEME, SKOS.prefLabel, Literal("哈尔滨市公共数据开放目录数据领域", lang=ZH)))
        self.g.add((DOMAIN_SCHEME, SKOS.prefLabel, Literal("Data domains of the Harbin open data catalog",
                                                             lang=EN)))

    def _bind(self) -> None:
        for prefix, namespace in (("hrb", HRB), ("hrbdomain", HRB_DOMAIN), ("csvw", CSVW)):
            self.g.bind(prefix, namespace)

    def _add_titles(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
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

    def _add_publisher_code(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """The credit code of the providing agency on the publisher DCAT-AP made of it."""
        organization = self._organization(dataset_dict)
        if not organization or not organization.get("credit_code"):
            return
        publisher = URIRef(publisher_uri_organization_fallback(dataset_dict))
        if (dataset_ref, DCT.publisher, publisher) in self.g:
            self.g.add((publisher, DCT.identifier, Literal(organization["credit_code"])))

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

    def _add_domain(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        term = by_value(DOMAINS, dataset_dict.get("data_domain") or "")
        if not term:
            return
        concept = HRB_DOMAIN[term.value]
        self.g.add((dataset_ref, DCAT.theme, concept))
        for triple in ((RDF.type, SKOS.Concept), (SKOS.inScheme, DOMAIN_SCHEME),
                       (SKOS.notation, Literal(term.value)), (SKOS.prefLabel, Literal(term.zh, lang=ZH)),
                       (SKOS.prefLabel, Literal(term.en, lang=EN))):
            self.g.add((concept, *triple))

    def _add_data_items(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        items = [item for item in _json_list(dataset_dict.get("data_items")) if isinstance(item, dict)]
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
            self.g.add((column, CSVW.name, Literal(item["name"])))
            self.g.add((column, CSVW.titles, Literal(item["name"])))
        if item.get("type") in ITEM_DATATYPES:
            self.g.add((column, CSVW.datatype, ITEM_DATATYPES[item["type"]]))
        for key, predicate in _ITEM_TEXT:
            if item.get(key):
                self.g.add((column, predicate, Literal(item[key])))
        return column

    def _add_literals(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """Codes and texts stored as they are."""
        for key, predicate in (("data_formats", HRB.declaredFormat), ("related_codes", HRB.relatedCode)):
            for value in self._read_list_value(dataset_dict.get(key)):
                self.g.add((dataset_ref, predicate, Literal(value)))
        for key, predicate in (("open_type", HRB.openType), ("open_conditions", HRB.openConditions),
                               ("desensitization_status", HRB.desensitizationStatus)):
            if dataset_dict.get(key):
                self.g.add((dataset_ref, predicate, Literal(dataset_dict[key])))

    def _add_frequency(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        uri = FREQUENCY_URIS.get(dataset_dict.get("update_frequency") or "")
        if uri:
            self.g.add((dataset_ref, DCT.accrualPeriodicity, uri))
            self.g.add((uri, RDF.type, DCT.Frequency))

    def _add_dates(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        # DCAT-AP wrote metadata_created/metadata_modified; the entry's own dates replace them.
        for key, predicate in (("publish_date", DCT.issued), ("last_updated", DCT.modified)):
            if dataset_dict.get(key):
                self.g.remove((dataset_ref, predicate, None))
                self._add_date_triple(dataset_ref, predicate, dataset_dict[key])
        self._add_date_triple(dataset_ref, HRB.nextUpdateDue, dataset_dict.get("next_update_due"))

    def _add_access(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        uri = ACCESS_RIGHTS.get(dataset_dict.get("open_type") or "")
        if uri:
            self.g.add((dataset_ref, DCT.accessRights, uri))
            self.g.add((uri, RDF.type, DCT.RightsStatement))

    def _add_spatial_coverage(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        text = dataset_dict.get("spatial_coverage")
        if text:
            location = self._get_or_create_spatial_ref(dataset_dict, dataset_ref)
            self.g.add((location, SKOS.prefLabel, Literal(text)))

    def _add_phone(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        phone = dataset_dict.get("contact_phone")
        if not phone:
            return
        contact = self._object(dataset_ref, DCAT.contactPoint)
        if contact is None:
            contact = BNode()
            self.g.add((dataset_ref, DCAT.contactPoint, contact))
            self.g.add((contact, RDF.type, VCARD.Organization))
        self.g.add((contact, VCARD.hasTelephone, tel_uri(phone)))

    def _add_license(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        license_id = dataset_dict.get("license_id")
        if not license_id:
            return
        document = URIRef(dataset_dict["license_url"]) if dataset_dict.get("license_url") else BNode()
        self.g.add((dataset_ref, DCT.license, document))
        self.g.add((document, RDF.type, DCT.LicenseDocument))
        self.g.add((document, DCT.identifier, Literal(license_id)))
        if dataset_dict.get("license_title"):
            self.g.add((document, DCT.title, Literal(dataset_dict["license_title"])))

    # Parsing

    def parse_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> dict[str, Any]:
        dataset_dict.setdefault("extras", [])
        for parse in (
            self._parse_titles, self._parse_resource_code, self._parse_owner_org, self._parse_domain,
            self._parse_data_items, self._parse_literals, self._parse_frequency, self._parse_dates,
            self._parse_open_type, self._parse_spatial_coverage, self._parse_contact,
            self._parse_license, self._parse_tags, self._drop_foreign_structures,
        ):
            parse(dataset_dict, dataset_ref)
        return dataset_dict

    def _literals(self, subject: Node, predicate: URIRef) -> list[Literal]:
        return [o for o in self.g.objects(subject, predicate) if isinstance(o, Literal)]

    def _text_in(self, subject: Node, predicate: URIRef, lang: Optional[str]) -> Optional[str]:
        """The first literal in language `lang` (None: without a language tag)."""
        return next((str(o) for o in self._literals(subject, predicate) if _language_of(o) == lang), None)

    def _text(self, subject: Node, predicate: URIRef) -> Optional[str]:
        return next((str(o) for o in self._literals(subject, predicate)), None)

    def _pop_extra(self, dataset_dict: dict[str, Any], key: str,
                   value: Optional[str] = None) -> Optional[str]:
        """Remove the extra `key` (only if its value is `value`, when given); its value, or None."""
        for extra in dataset_dict["extras"]:
            if extra["key"] == key and (value is None or extra["value"] == value):
                dataset_dict["extras"].remove(extra)
                return extra["value"]
        return None

    def _parse_titles(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        for key, predicate in (("title", DCT.title), ("notes", DCT.description)):
            text = self._text_in(dataset_ref, predicate, ZH) or self._text_in(dataset_ref, predicate, None)
            if text:
                dataset_dict[key] = text
        title_en = self._text_in(dataset_ref, DCT.title, EN)
        if title_en:
            dataset_dict["title_en"] = title_en

    def _parse_resource_code(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        pattern = tk.config[_RESOURCE_CODE_PATTERN]
        for identifier in self._literals(dataset_ref, DCT.identifier):
            if re.match(pattern, str(identifier)):
                dataset_dict["resource_code"] = str(identifier)
                self._pop_extra(dataset_dict, "identifier", str(identifier))
                return

    def _parse_owner_org(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """The local agency whose credit code the publisher carries; its publisher_* extras go."""
        for publisher in self.g.objects(dataset_ref, DCT.publisher):
            for code in self._literals(publisher, DCT.identifier):
                name = _organization_with_credit_code(str(code))
                if name:
                    dataset_dict["owner_org"] = name
                    for key in ("uri", "name", "email", "url", "type", "identifier"):
                        self._pop_extra(dataset_dict, f"publisher_{key}")
                    return

    def _parse_domain(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        for theme in self.g.objects(dataset_ref, DCAT.theme):
            code = str(theme).removeprefix(str(HRB_DOMAIN))
            if code != str(theme) and code in _codes(DOMAINS):
                dataset_dict["data_domain"] = code
                self._drop_theme(dataset_dict, str(theme))
                return

    def _drop_theme(self, dataset_dict: dict[str, Any], uri: str) -> None:
        themes = _json_list(self._pop_extra(dataset_dict, "theme"))
        others = [theme for theme in themes if theme != uri]
        if others:
            dataset_dict["extras"].append({"key": "theme", "value": json.dumps(others)})

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
        item_type = _ITEM_TYPES_BY_DATATYPE.get(datatype) if isinstance(datatype, URIRef) else None
        if not item_type and isinstance(datatype, Literal) and str(datatype) in ITEM_DATATYPES:
            item_type = str(datatype)  # a CSVW built-in datatype name
        if item_type:
            item["type"] = item_type
        for key, predicate in _ITEM_TEXT:
            text = self._text(column, predicate)
            if text:
                item[key] = text
        return item

    def _parse_literals(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        formats = {str(o).lower() for o in self._literals(dataset_ref, HRB.declaredFormat)}
        declared = [term.value for term in FORMATS if term.value.lower() in formats]  # vocabulary order
        related = sorted({str(o) for o in self._literals(dataset_ref, HRB.relatedCode)})
        for key, value in (("data_formats", declared), ("related_codes", related)):
            if value:
                dataset_dict[key] = value
        conditions = self._text(dataset_ref, HRB.openConditions)
        if conditions:
            dataset_dict["open_conditions"] = conditions
        status = self._text(dataset_ref, HRB.desensitizationStatus)
        if status in _codes(DESENSITIZATION):
            dataset_dict["desensitization_status"] = status

    def _parse_frequency(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        for uri in self.g.objects(dataset_ref, DCT.accrualPeriodicity):
            code = _FREQUENCY_CODES.get(uri) if isinstance(uri, URIRef) else None
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

    def _date(self, subject: Node, predicate: URIRef) -> Optional[str]:
        """A day (xsd:date or a plain YYYY-MM-DD); a date and time is another thing (e.g. the
        time a record was created) and is left to DCAT-AP."""
        for o in self._literals(subject, predicate):
            if o.datatype == XSD.date or (o.datatype is None and _DATE.match(str(o))):
                return str(o)
        return None

    def _promote_extra(self, dataset_dict: dict[str, Any], key: str) -> None:
        """A Harbin field DCAT-AP left among the extras (when scheming is not there to move it)."""
        value = self._pop_extra(dataset_dict, key)
        if value:
            dataset_dict[key] = value

    def _parse_open_type(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        """The exact code if given, else read from the EU access right."""
        code = self._text(dataset_ref, HRB.openType)
        if code not in ACCESS_RIGHTS:
            rights = self.g.objects(dataset_ref, DCT.accessRights)
            code = next((_OPEN_TYPES_BY_RIGHT[o] for o in rights if o in _OPEN_TYPES_BY_RIGHT), None)
        if code:
            dataset_dict["open_type"] = code
            self._pop_extra(dataset_dict, "access_rights", str(ACCESS_RIGHTS[code]))

    def _parse_spatial_coverage(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        text = self._spatial(dataset_ref, DCT.spatial)["text"]
        if text:
            dataset_dict["spatial_coverage"] = text
            self._pop_extra(dataset_dict, "spatial_text", text)

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

    def _parse_license(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        register = model.Package.get_license_register()
        by_url = {license.url: license_id for license_id, license in register.items() if license.url}
        for document in self.g.objects(dataset_ref, DCT.license):
            ids = [str(o) for o in self._literals(document, DCT.identifier) if str(o) in register]
            license_id = ids[0] if ids else by_url.get(str(document))
            if license_id:
                dataset_dict["license_id"] = license_id
                return

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


def _organization_with_credit_code(code: str) -> Optional[str]:
    """The name of the active organisation with this unified social credit code, or None."""
    row = (model.Session.query(model.Group.name)
           .join(model.GroupExtra, model.GroupExtra.group_id == model.Group.id)
           .filter(model.GroupExtra.key == "credit_code", model.GroupExtra.value == code,
                   model.GroupExtra.state == "active", model.Group.state == "active",
                   model.Group.is_organization.is_(True))
           .first())
    return row.name if row else None
