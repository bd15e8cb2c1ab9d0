"""Every field of the schemas speaks Chinese and English; every controlled value has both labels."""
from __future__ import annotations

import pathlib

import pytest
import yaml

import ckanext.harbin_opendata as package
from ckanext.harbin_opendata.common import vocabulary
from ckanext.harbin_opendata.metadata import choices

SCHEMAS = pathlib.Path(package.__file__).parent / "schemas"
LANGUAGES = {"zh_Hans_CN", "en"}


def _fields(name: str) -> tuple[list[dict], list[dict]]:
    schema = yaml.safe_load((SCHEMAS / name).read_text(encoding="utf-8"))
    top = schema.get("dataset_fields", []) + schema.get("resource_fields", []) + schema.get("fields", [])
    return top, [sub for field in top for sub in field.get("repeating_subfields", [])]


@pytest.mark.parametrize("name", ["dataset.yaml", "organization.yaml"])
def test_labels_and_help_text_in_both_languages(name):
    top, subfields = _fields(name)
    for field in top + subfields:
        texts = {key: field[key] for key in ("label", "help_text", "form_placeholder") if key in field}
        if field in top:
            assert {"label", "help_text"} <= set(texts), field["field_name"]
        for key, text in texts.items():
            if isinstance(text, dict) or key != "form_placeholder":
                assert set(text) == LANGUAGES and all(text.values()), (field["field_name"], key, text)


@pytest.mark.parametrize("name", ["dataset.yaml", "organization.yaml"])
def test_choice_fields_use_a_known_vocabulary(name):
    top, subfields = _fields(name)
    helpers = {field["choices_helper"] for field in top + subfields if "choices_helper" in field}
    assert helpers and helpers <= set(choices.VOCABULARIES)


@pytest.mark.parametrize("terms", list(choices.VOCABULARIES.values()))
def test_every_term_has_both_labels_and_a_unique_code(terms):
    assert all(term.zh and term.en and term.value for term in terms)
    assert len({term.value for term in terms}) == len(terms)
    assert len({term.zh for term in terms}) == len(terms)


def test_every_frequency_has_an_interval():
    assert {term.value for term in vocabulary.FREQUENCIES} == set(vocabulary.FREQUENCY_DAYS)
