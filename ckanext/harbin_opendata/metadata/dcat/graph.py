"""Graph helpers of the harbin_dcat profile: language tags on labels, and the triples that make a
vocabulary URI self-describing (class, table, label), so that the output validates against
DCAT-AP 3 without the EU authority tables loaded."""
from __future__ import annotations

import re
from collections import deque
from typing import Iterable, Optional

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node
from ckanext.dcat.profiles import DCAT, DCT, FOAF, LOCN, VCARD

from .terms import (ADMS_LICENCE_TYPE, ADMS_PUBLISHER_TYPE, CSVW, EN, EU_LABELS, EU_SCHEMES, HRB,
                    LICENCE_TYPE_SCHEME, PUBLISHER_TYPE_SCHEME, SCHEME_TITLES, ZH)

__all__ = ["language_of", "tagged", "tag_labels", "in_scheme", "describe_concept", "describe_scheme",
           "LABEL_PREDICATES"]

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Predicates whose values are text for people: every such literal carries its language.
LABEL_PREDICATES = (
    DCT.title, DCT.description, DCAT.keyword, FOAF.name, VCARD.fn, VCARD["organization-name"],
    SKOS.prefLabel, SKOS.altLabel, RDFS.label, LOCN.geographicName, CSVW.titles, HRB.unit,
    HRB.openConditions, HRB.spatialCoverage,
)


def language_of(text: str) -> str:
    """zh for text with Chinese characters, else en: the portal's two languages."""
    return ZH if _CJK.search(text) else EN


def tagged(text: str, lang: Optional[str] = None) -> Literal:
    return Literal(text, lang=lang or language_of(text))


def tag_labels(g: Graph, start: Node, depth: int = 3) -> None:
    """Give a language to every untagged label of `start` and of the nodes it links to (distributions,
    contact, publisher, places, columns, …), `depth` links deep."""
    seen, queue = {start}, deque([(start, 0)])
    while queue:
        node, level = queue.popleft()
        for predicate in LABEL_PREDICATES:
            for value in list(g.objects(node, predicate)):
                if isinstance(value, Literal) and not value.language and value.datatype is None and str(value):
                    g.remove((node, predicate, value))
                    g.add((node, predicate, tagged(str(value))))
        if level < depth:
            for linked in g.objects(node, None):
                if isinstance(linked, (URIRef, BNode)) and linked not in seen:
                    seen.add(linked)
                    queue.append((linked, level + 1))


def _table_of(uri: URIRef) -> Optional[URIRef]:
    text = str(uri)
    for namespace, scheme in EU_SCHEMES.items():
        if text.startswith(namespace):
            return scheme
    if text.startswith(str(ADMS_LICENCE_TYPE)):
        return LICENCE_TYPE_SCHEME
    if text.startswith(str(ADMS_PUBLISHER_TYPE)):
        return PUBLISHER_TYPE_SCHEME
    return None


def in_scheme(g: Graph, uri: URIRef, rdf_type: Optional[URIRef] = None) -> None:
    """`uri` is in its EU or ADMS table (and of class `rdf_type`, when given)."""
    table = _table_of(uri)
    if table is not None:
        g.add((uri, SKOS.inScheme, table))
    if rdf_type is not None:
        g.add((uri, RDF.type, rdf_type))


def describe_concept(g: Graph, uri: URIRef, scheme: Optional[URIRef] = None,
                     labels: Iterable[tuple[str, str]] = ()) -> None:
    """`uri` as a skos:Concept of `scheme` (by default its EU or ADMS table) with its labels (by
    default the authority's English label)."""
    g.add((uri, RDF.type, SKOS.Concept))
    table = scheme or _table_of(uri)
    if table is not None:
        g.add((uri, SKOS.inScheme, table))
        if table in SCHEME_TITLES:
            describe_scheme(g, table)
    labels = list(labels) or ([(EN, EU_LABELS[uri])] if uri in EU_LABELS else [])
    for lang, label in labels:
        g.add((uri, SKOS.prefLabel, Literal(label, lang=lang)))


def describe_scheme(g: Graph, scheme: URIRef) -> None:
    """A concept scheme with its titles."""
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    zh, en = SCHEME_TITLES[scheme]
    if zh:
        g.add((scheme, DCT.title, Literal(zh, lang=ZH)))
    g.add((scheme, DCT.title, Literal(en, lang=EN)))
