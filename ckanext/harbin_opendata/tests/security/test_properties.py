"""Property tests (hypothesis) on the credit-code and personal-data validators: round trips of the
check characters and never an exception on arbitrary text."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from ckanext.harbin_opendata.metadata import uscc
from ckanext.harbin_opendata.privacy.scan import detectors

FAST = settings(max_examples=150, deadline=None)
_body = st.text(alphabet=uscc.CHARSET, min_size=8, max_size=8)


@FAST
@given(st.sampled_from("123456789ANY"), st.sampled_from(uscc.CHARSET),
       st.text(alphabet="0123456789", min_size=6, max_size=6), _body, st.text(alphabet=uscc.CHARSET, min_size=1, max_size=1))
def test_credit_code_check_round_trip(dept, kind, region, body, tail):
    first17 = dept + kind + region + body + tail
    code = first17 + uscc.check_character(first17)
    assert uscc.problem(code) is None
    wrong = next(c for c in uscc.CHARSET if c != code[17])
    assert uscc.problem(first17 + wrong) == "check"


@FAST
@given(st.text(alphabet="0123456789", min_size=14, max_size=17))
def test_luhn_round_trip(body):
    body = "4" + body
    for check in "0123456789":
        if detectors.is_bank_card(body + check):
            break
    else:
        raise AssertionError(f"no Luhn check digit accepted for {body}")
    others = [c for c in "0123456789" if c != check and detectors.is_bank_card(body + c)]
    assert not others, (body, check, others)


@FAST
@given(st.text(max_size=60))
def test_validators_never_raise_on_text(text):
    uscc.problem(text)
    for check in (detectors.is_resident_id, detectors.is_mobile, detectors.is_bank_card, detectors.is_email):
        assert check(text) in (True, False)
    list(detectors.find_all(text))
