"""People's names without a label in public texts (issue 16, probe F9/F13): a counted group after a
name, a list of names joined by 、, a tag or a resource that is one name. Measured over the catalog
texts Chinese portals publish (catalog_texts.py, the demo catalog, the harvest benchmark's 1,001-entry
catalog): none flagged; every planted name found."""
from __future__ import annotations

import importlib.util
import pathlib
import time

import pytest
import yaml

from ckanext.harbin_opendata.privacy.metadata_check import REFUSED_KINDS
from ckanext.harbin_opendata.privacy.public_text import found_kinds, masked
from ckanext.harbin_opendata.privacy.text_names import exactly_a_name, unlabelled_names

from . import catalog_texts as texts
from .ordinary_sentences import ADDRESSED_SENTENCES, LABEL_SENTENCES, OTHER_SENTENCES, PERSON_LABEL_SENTENCES

_DEMO = pathlib.Path(__file__).parents[2] / "demo"


def _demo_texts() -> list[str]:
    entries = yaml.safe_load((_DEMO / "datasets.yaml").read_text())
    agencies = yaml.safe_load((_DEMO / "agencies.yaml").read_text())
    found = [text for entry in entries for text in (entry["title"], entry["notes"], *entry.get("tags", []),
                                                      *(item[2] for item in entry.get("items", [])))]
    return found + [str(value) for agency in agencies for value in agency.values() if isinstance(value, str)]


@pytest.mark.parametrize("field, text", texts.PLANTED_TEXTS)
def test_unlabelled_names_in_public_texts_are_found(field, text):
    assert "person_name" in found_kinds(text, REFUSED_KINDS), (field, text)


@pytest.mark.parametrize("value", texts.PLANTED_NAMES)
def test_a_field_that_is_one_name_is_a_name(value):
    assert exactly_a_name(value)


def test_ordinary_catalog_texts_are_clear():
    prose = [*texts.ORDINARY_TITLES, *texts.ORDINARY_NOTES, *texts.AGENCY_DUTIES, *_demo_texts(),
             *LABEL_SENTENCES, *OTHER_SENTENCES, *PERSON_LABEL_SENTENCES, *ADDRESSED_SENTENCES]
    assert len(prose) > 5000
    assert [text for text in prose if list(unlabelled_names(text))] == []
    assert [tag for tag in (*texts.ORDINARY_TAGS, *_demo_texts()) if exactly_a_name(tag)] == []


def test_the_benchmark_city_catalog_is_clear():
    spec = importlib.util.spec_from_file_location("harvest_benchmark", _DEMO.parents[2] / "benchmarks" / "harvest.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)  # the README's 1,001-entry catalogs, as CSV and as the city's JSON API
    cells = [cell for line in bench.catalog_csv(1001, "ab12").decode("utf-8-sig").splitlines() for cell in line.split(",")]
    cells += [str(value) for row in bench.catalog_rows_json(1001, "ab12") for value in row.values()]
    assert [cell for cell in cells if list(unlabelled_names(cell)) or exactly_a_name(cell)] == []


@pytest.mark.parametrize("text, names", [
    ("王建国等10户低保名单", ["王建国"]),
    ("低保户王建国等10户", ["王建国"]),
    ("请提供欧阳娜娜等2人的补贴发放明细", ["欧阳娜娜"]),
    ("经审核，刘德华、张学友、郭富城三户符合条件", ["刘德华", "张学友", "郭富城"]),
    ("城镇居民等1200户、农民工等5000人", []),
    ("王某等3户", []),
    ("金融、石油化工、文明城市", []),
    ("王岗镇、张庄村、李家屯", []),
    ("公安、司法、应急等部门", []),
])
def test_the_names_and_their_places(text, names):
    assert [finding.value for finding in unlabelled_names(text)] == names


def test_names_in_stored_texts_are_masked():
    assert masked("王建国、李秀英等12户获得补助") == "王**、李**等12户获得补助"


@pytest.mark.parametrize("text", ["王" * 100_000, "王建国、" * 20_000, "王建国等" * 20_000])
def test_a_long_text_is_checked_in_linear_time(text):
    """A long run of characters without 、 tried the list rule from each of its characters (a 100,000
    character text ran for minutes); thousands of findings were compared with each other."""
    started = time.process_time()
    masked(text)
    assert time.process_time() - started < 5
