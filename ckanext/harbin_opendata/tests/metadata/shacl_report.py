"""Validation of DCAT documents with pyshacl against the DCAT-AP 3.0.0 shapes in shacl/ (see its
README), as lists of readable results."""
from __future__ import annotations

import functools
import pathlib
from dataclasses import dataclass

from pyshacl import validate
from rdflib import Graph, Literal
from rdflib.namespace import SH, XSD
from ckanext.dcat.profiles import DCAT

__all__ = ["Report", "shapes", "check"]

SHAPES = pathlib.Path(__file__).parent / "shacl"


@dataclass
class Report:
    violations: list[str]
    warnings: list[str]
    errata: list[str]  # results of the release's byteSize erratum (shacl/README.md)


@functools.lru_cache(maxsize=1)
def shapes() -> Graph:
    graph = Graph()
    for path in sorted(SHAPES.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def _is_erratum(results: Graph, result) -> bool:
    """shapes.ttl's xsd:decimal byte size, on a value typed as dcat-ap-SHACL.ttl wants it."""
    value = results.value(result, SH.value)
    return (results.value(result, SH.resultPath) == DCAT.byteSize
            and results.value(result, SH.sourceConstraintComponent) == SH.DatatypeConstraintComponent
            and isinstance(value, Literal) and value.datatype == XSD.nonNegativeInteger)


def check(text: str, rdf_format: str) -> Report:
    """Every result of validating the document (no inference, no outside vocabularies)."""
    _, results, _ = validate(Graph().parse(data=text, format=rdf_format), shacl_graph=shapes(),
                             allow_warnings=True)
    report = Report([], [], [])
    for result in results.objects(None, SH.result):
        line = (f"{results.value(result, SH.focusNode)} {results.value(result, SH.resultPath)}: "
                f"{results.value(result, SH.resultMessage)}")
        if _is_erratum(results, result):
            report.errata.append(line)
        elif results.value(result, SH.resultSeverity) == SH.Violation:
            report.violations.append(line)
        else:
            report.warnings.append(line)
    return report
