"""Spatial coverage (空间范围, free text) as places: the Harbin administrative divisions it names, each
a stable URI made of its GB/T 2260 code, described as a labelled dct:Location."""
from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from ckanext.dcat.profiles import DCAT, DCT, GSP

from ...common.vocabulary import DISTRICTS
from .terms import EN, GEONAMES, HRB_DIVISION, ZH

__all__ = ["CITY", "PLACE_NAMES", "divisions_in", "division_code", "names_of", "add_place"]

CITY = "230100"
# Chinese and English names of the divisions; the city's own entry in DISTRICTS is 市本级 (city level).
PLACE_NAMES: dict[str, tuple[str, str]] = {
    CITY: ("哈尔滨市", "Harbin"),
    **{term.value: (term.zh, term.en) for term in DISTRICTS if term.value != CITY},
}
# Extent of the city as the municipal government states it (E 125°42′–130°10′, N 44°04′–46°40′), its
# representative point and entry in GeoNames (feature 2037013, Harbin: N 45.75, E 126.65).
_CITY_BBOX = ("POLYGON((125.7 44.0667,130.1667 44.0667,130.1667 46.6667,125.7 46.6667,"
              "125.7 44.0667))")
_CITY_CENTROID = "POINT(126.65 45.75)"
_CITY_GEONAMES = GEONAMES["2037013/"]
_NAMES_OF_CITY = re.compile("哈尔滨|全市|市本级|Harbin", re.IGNORECASE)


def divisions_in(text: str) -> list[str]:
    """GB/T 2260 codes of the districts and counties `text` names, in code order; the city's when it
    names none of them but the city (哈尔滨市, 全市)."""
    codes = [code for code, (zh, en) in PLACE_NAMES.items() if code != CITY and (zh in text or en in text)]
    if not codes and _NAMES_OF_CITY.search(text):
        codes = [CITY]
    return sorted(codes)


def names_of(codes: list[str]) -> str:
    """The Chinese names of divisions, as a coverage text (道里区、南岗区)."""
    return "、".join(PLACE_NAMES[code][0] for code in codes)


def division_code(uri: str) -> str | None:
    code = uri.removeprefix(str(HRB_DIVISION))
    return code if code != uri and code in PLACE_NAMES else None


def add_place(g: Graph, code: str) -> URIRef:
    """The division's URI, described (names, code, and for the city its extent and GeoNames entry)."""
    place = HRB_DIVISION[code]
    zh, en = PLACE_NAMES[code]
    for triple in ((RDF.type, DCT.Location), (SKOS.prefLabel, Literal(zh, lang=ZH)),
                   (SKOS.prefLabel, Literal(en, lang=EN)), (SKOS.notation, Literal(code))):
        g.add((place, *triple))
    if code == CITY:
        g.add((place, DCAT.bbox, Literal(_CITY_BBOX, datatype=GSP.wktLiteral)))
        g.add((place, DCAT.centroid, Literal(_CITY_CENTROID, datatype=GSP.wktLiteral)))
        g.add((place, RDFS.seeAlso, _CITY_GEONAMES))
    return place
