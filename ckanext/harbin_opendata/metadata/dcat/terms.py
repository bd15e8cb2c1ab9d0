"""Namespaces, and the tables between Harbin codes and the URIs of the vocabularies DCAT-AP 3 asks
for (EU authority tables, ADMS, IANA), shared by the serializing and the parsing side."""
from __future__ import annotations

from typing import Optional

from rdflib import Namespace, URIRef
from rdflib.namespace import XSD
from ckanext.dcat.profiles import GSP

__all__ = [
    "ZH", "EN", "HRB", "HRB_DOMAIN", "DOMAIN_SCHEME", "HRB_FORMAT", "FORMAT_SCHEME", "HRB_DESENSITIZATION",
    "DESENSITIZATION_SCHEME", "HRB_DIVISION", "CSVW", "EU_FREQUENCY", "EU_ACCESS_RIGHT", "EU_FILE_TYPE",
    "EU_LANGUAGE", "EU_DATA_THEME", "EU_AVAILABILITY", "EU_SCHEMES", "ADMS_LICENCE_TYPE",
    "ADMS_PUBLISHER_TYPE", "LICENCE_TYPE_SCHEME", "PUBLISHER_TYPE_SCHEME", "IANA", "GEONAMES", "CLD_FREQ",
    "FREQUENCY_URIS", "FREQUENCY_CODES", "ACCESS_RIGHTS", "OPEN_TYPES_BY_RIGHT", "ITEM_DATATYPES",
    "ITEM_TYPES_BY_DATATYPE", "FILE_TYPES", "file_type", "format_of_file_type", "LANGUAGES",
    "LICENCE_TYPES", "PUBLISHER_TYPES", "AVAILABILITY", "EU_LABELS", "SCHEME_TITLES",
]

ZH, EN = "zh", "en"

_HRB_NS = "https://data.harbin.gov.cn/ns/"


def _harbin_scheme(name: str) -> tuple[Namespace, URIRef]:
    """The namespace of a Harbin vocabulary's concepts, and the vocabulary (a skos:ConceptScheme)."""
    return Namespace(f"{_HRB_NS}{name}/"), URIRef(_HRB_NS + name)


HRB = Namespace(_HRB_NS + "catalog#")
HRB_DOMAIN, DOMAIN_SCHEME = _harbin_scheme("domain")
HRB_FORMAT, FORMAT_SCHEME = _harbin_scheme("format")
HRB_DESENSITIZATION, DESENSITIZATION_SCHEME = _harbin_scheme("desensitization")
HRB_DIVISION = Namespace(_HRB_NS + "division/")  # + GB/T 2260 administrative division code
CSVW = Namespace("http://www.w3.org/ns/csvw#")

EU_FREQUENCY, EU_ACCESS_RIGHT, EU_FILE_TYPE, EU_LANGUAGE, EU_DATA_THEME, EU_AVAILABILITY = (
    Namespace(f"http://publications.europa.eu/resource/authority/{table}/") for table in (
        "frequency", "access-right", "file-type", "language", "data-theme", "planned-availability"))
# The authority table (skos:ConceptScheme) of each namespace: DCAT-AP's vocabulary shapes look for
# `<concept> skos:inScheme <table>`, which the output states so that it validates without the tables.
EU_SCHEMES: dict[str, URIRef] = {str(ns): URIRef(str(ns).rstrip("/")) for ns in (
    EU_FREQUENCY, EU_ACCESS_RIGHT, EU_FILE_TYPE, EU_LANGUAGE, EU_DATA_THEME, EU_AVAILABILITY)}
ADMS_LICENCE_TYPE = Namespace("http://purl.org/adms/licencetype/")
ADMS_PUBLISHER_TYPE = Namespace("http://purl.org/adms/publishertype/")
LICENCE_TYPE_SCHEME = URIRef("http://purl.org/adms/licencetype/1.0")
PUBLISHER_TYPE_SCHEME = URIRef("http://purl.org/adms/publishertype/1.0")
IANA = Namespace("https://www.iana.org/assignments/media-types/")
GEONAMES = Namespace("https://sws.geonames.org/")
# Dublin Core Collection frequencies, used by the DCAT 2 examples; read, never written.
CLD_FREQ = Namespace("http://purl.org/cld/freq/")

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
FREQUENCY_CODES: dict[URIRef, str] = {
    **{uri: code for code, uri in FREQUENCY_URIS.items()},
    EU_FREQUENCY.CONT: "realtime", EU_FREQUENCY.ANNUAL_2: "semiannual",
    CLD_FREQ.continuous: "realtime", CLD_FREQ.daily: "daily", CLD_FREQ.weekly: "weekly",
    CLD_FREQ.monthly: "monthly", CLD_FREQ.quarterly: "quarterly", CLD_FREQ.semiannual: "semiannual",
    CLD_FREQ.annual: "annual", CLD_FREQ.irregular: "irregular",
}

ACCESS_RIGHTS: dict[str, URIRef] = {
    "unconditional": EU_ACCESS_RIGHT.PUBLIC,
    "conditional": EU_ACCESS_RIGHT.RESTRICTED,
}
OPEN_TYPES_BY_RIGHT: dict[URIRef, str] = {uri: code for code, uri in ACCESS_RIGHTS.items()}

ITEM_DATATYPES: dict[str, URIRef] = {
    "string": XSD.string, "integer": XSD.integer, "number": XSD.decimal, "date": XSD.date,
    "datetime": XSD.dateTime, "time": XSD.time, "boolean": XSD.boolean, "geometry": GSP.wktLiteral,
    "binary": XSD.base64Binary,
}
ITEM_TYPES_BY_DATATYPE: dict[URIRef, str] = {
    **{uri: code for code, uri in ITEM_DATATYPES.items()},
    XSD.double: "number", XSD.float: "number", XSD.int: "integer", XSD.long: "integer",
    XSD.hexBinary: "binary", GSP.geoJSONLiteral: "geometry",
}

# Format (as the vocabulary spells it, or a common resource format) -> EU file type, IANA media type.
# API (接口) is no file type: it stays a Harbin concept.
FILE_TYPES: dict[str, tuple[Optional[str], Optional[str]]] = {
    "CSV": ("CSV", "text/csv"),
    "XLSX": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "XLS": ("XLS", "application/vnd.ms-excel"),
    "JSON": ("JSON", "application/json"),
    "XML": ("XML", "application/xml"),
    "RDF": ("RDF", None),
    "GeoJSON": ("GEOJSON", "application/geo+json"),
    "SHP": ("SHP", None),
    "API": (None, None),
    "PDF": ("PDF", "application/pdf"),
    "DOCX": ("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "ZIP": ("ZIP", "application/zip"),
    "TSV": ("TSV", "text/tab-separated-values"),
    "TXT": ("TXT", "text/plain"),
    "HTML": ("HTML", "text/html"),
    "DOC": ("DOC", "application/msword"),
    "KML": ("KML", "application/vnd.google-earth.kml+xml"),
    "PNG": ("PNG", "image/png"),
    "JPEG": ("JPEG", "image/jpeg"),
}
_FORMAT_KEYS = {key.upper(): key for key in FILE_TYPES}
_FORMAT_KEYS.update({media.upper(): key for key, (_, media) in FILE_TYPES.items() if media})
_FORMAT_KEYS.update({"JPG": "JPEG", "SHAPEFILE": "SHP", "接口": "API"})
_FORMATS_BY_FILE_TYPE = {code: key for key, (code, _) in FILE_TYPES.items() if code}


def file_type(fmt: str) -> Optional[tuple[str, Optional[URIRef], Optional[URIRef]]]:
    """The format's spelling in FILE_TYPES, EU file-type URI and IANA media-type URI, for a format
    as a resource or the vocabulary gives it (CSV, .csv, csv, text/csv); None when unknown."""
    key = _FORMAT_KEYS.get(fmt.strip().lstrip(".").upper())
    if key is None:
        return None
    code, media = FILE_TYPES[key]
    return key, (EU_FILE_TYPE[code] if code else None), (IANA[media] if media else None)


def format_of_file_type(uri: str) -> Optional[str]:
    """The format spelling (CSV, GeoJSON, …) of an EU file-type URI, or None."""
    code = uri.removeprefix(str(EU_FILE_TYPE))
    return _FORMATS_BY_FILE_TYPE.get(code) if code != uri else None


# The EU language of a CKAN locale (its language part).
LANGUAGES: dict[str, str] = {"zh": "ZHO", "en": "ENG"}

# ADMS licence types of the licences in CKAN's register; a licence not listed is UnknownIPR.
LICENCE_TYPES: dict[str, tuple[str, ...]] = {
    "cc-by": ("Attribution",), "cc-by-sa": ("Attribution", "ViralEffect-ShareAlike"),
    "cc-zero": ("PublicDomain",), "cc-nc": ("Attribution", "NonCommercialUseOnly"),
    "gfdl": ("ViralEffect-ShareAlike",), "odc-by": ("Attribution",),
    "odc-odbl": ("Attribution", "ViralEffect-ShareAlike"), "odc-pddl": ("PublicDomain",),
    "other-at": ("Attribution",), "other-pd": ("PublicDomain",), "other-nc": ("NonCommercialUseOnly",),
    "uk-ogl": ("Attribution",),
}
# ADMS publisher type of an agency kind (AGENCY_KINDS); 事业单位 are part of the local public sector.
PUBLISHER_TYPES: dict[str, str] = {"government": "LocalAuthority", "institution": "LocalAuthority",
                                   "utility": "Company"}
# Published entries stay on the platform: the Measures oblige agencies to keep them available.
AVAILABILITY = EU_AVAILABILITY.STABLE

# English labels of the outside concepts the output types as skos:Concept (DCAT-AP wants a
# skos:prefLabel on each), as their authorities give them.
EU_LABELS: dict[URIRef, str] = {
    **{EU_DATA_THEME[code]: label for code, label in (
        ("AGRI", "Agriculture, fisheries, forestry and food"), ("ECON", "Economy and finance"),
        ("EDUC", "Education, culture and sport"), ("ENER", "Energy"), ("ENVI", "Environment"),
        ("GOVE", "Government and public sector"), ("HEAL", "Health"), ("INTR", "International issues"),
        ("JUST", "Justice, legal system and public safety"), ("REGI", "Regions and cities"),
        ("SOCI", "Population and society"), ("TECH", "Science and technology"), ("TRAN", "Transport"))},
    **{ADMS_LICENCE_TYPE[code]: label for code, label in (
        ("Attribution", "Attribution"), ("PublicDomain", "Public domain"),
        ("ViralEffect-ShareAlike", "Viral effect (a.k.a. Share-alike)"),
        ("NonCommercialUseOnly", "Non-commercial use only"), ("UnknownIPR", "Unknown IPR"))},
    ADMS_PUBLISHER_TYPE.LocalAuthority: "Local Authority",
    ADMS_PUBLISHER_TYPE.Company: "Company",
    EU_AVAILABILITY.STABLE: "stable",
}

# Titles of the concept schemes the output declares: (Chinese, English; None: the authority's
# table has an English title only).
SCHEME_TITLES: dict[URIRef, tuple[Optional[str], str]] = {
    DOMAIN_SCHEME: ("哈尔滨市公共数据开放目录数据领域", "Data domains of the Harbin open data catalog"),
    FORMAT_SCHEME: ("哈尔滨市公共数据开放目录数据格式", "Data formats of the Harbin open data catalog"),
    DESENSITIZATION_SCHEME: ("哈尔滨市公共数据开放目录脱敏状态",
                             "Desensitization statuses of the Harbin open data catalog"),
    EU_SCHEMES[str(EU_DATA_THEME)]: (None, "Data theme"),
    PUBLISHER_TYPE_SCHEME: (None, "Publisher type"),
}
