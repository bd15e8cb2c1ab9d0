"""The code lists file gives every vocabulary its terms as strings: a code YAML would read as a number
(a district's GB/T 2260 code) or a yes/no is refused when the suite loads, not stored."""
from __future__ import annotations

import pytest

from ckanext.harbin_opendata.common import vocabulary as v


def test_the_shipped_lists_are_strings_with_unique_codes():
    for terms in (v.DOMAINS, v.FREQUENCIES, v.OPEN_TYPES, v.ITEM_TYPES, v.FORMATS, v.DESENSITIZATION,
                  v.AGENCY_KINDS, v.DISTRICTS):
        assert terms and all(isinstance(part, str) and part for term in terms for part in term)
        assert len({term.value for term in terms}) == len(terms)
    assert v.by_value(v.DISTRICTS, "230102") == ("230102", "道里区", "Daoli District")
    assert set(v.FREQUENCY_DAYS) == {term.value for term in v.FREQUENCIES}
    assert set(v.DOMAIN_EU_THEMES) == {term.value for term in v.DOMAINS}


@pytest.mark.parametrize("row", ["[230102, 道里区, Daoli District]", "[flag, yes, Yes]", '["empty", "", "Empty"]'])
def test_a_term_that_is_not_three_strings_is_refused(row):
    with pytest.raises(ValueError, match="three non-empty strings"):
        v.parse_code_lists(f"districts:\n  - {row}\n")
