"""GB 32100-2015 unified social credit codes."""
from __future__ import annotations

import pytest

from ckanext.harbin_opendata.metadata import uscc
from ckanext.harbin_opendata.tests.factories import VALID_CREDIT_CODES


@pytest.mark.parametrize("code", VALID_CREDIT_CODES)
def test_valid_codes(code):
    assert uscc.problem(code) is None


@pytest.mark.parametrize("code, problem", [
    ("9144030071526726X", "length"),
    ("9144030071526726XGG", "length"),
    ("9144030071526726XH", "check"),          # one character off
    ("9144030017526726XG", "check"),          # two digits swapped
    ("91440300715267260I", "characters"),     # I is not in the charset
    ("9144O30071526726XG", "characters"),     # letter O for zero
    ("91AB030071526726XG", "region"),
    ("B14403007152672600", "department"),
])
def test_invalid_codes(code, problem):
    assert uscc.problem(code) == problem


def test_check_character_of_every_code_of_a_generated_series():
    for n in range(500):
        first17 = f"12230100{n:08d}X"
        assert uscc.problem(first17 + uscc.check_character(first17)) is None
