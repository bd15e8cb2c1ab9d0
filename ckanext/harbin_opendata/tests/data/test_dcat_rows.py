"""DCAT of a file loaded in the DataStore: dcat:byteSize of the file and hrb:rowCount of its table,
both xsd:nonNegativeInteger."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from ckanext.dcat.profiles import DCAT
from ckanext.harbin_opendata.metadata.dcat.terms import HRB

from ..privacy.publishing import publish
from .conftest import ROWS, company_csv, run_jobs, upload


@pytest.mark.usefixtures("storage")
def test_a_loaded_file_has_its_size_and_rows(people, app):
    entry = people.entry["id"]
    content = company_csv("gbk", "哈尔滨市企业登记表")
    upload(entry, people.editor, content, "企业登记.csv", "CSV")
    publish(people, entry)
    run_jobs()
    response = app.get(f"/dataset/{people.entry['name']}.ttl")
    assert response.status_code == 200
    graph = Graph().parse(data=response.body, format="turtle")
    [distribution] = graph.objects(None, DCAT.distribution)
    assert graph.value(distribution, HRB.rowCount) == Literal(len(ROWS), datatype=XSD.nonNegativeInteger)
    assert int(graph.value(distribution, DCAT.byteSize)) == len(content)
