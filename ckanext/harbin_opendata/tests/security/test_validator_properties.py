"""Property tests (hypothesis) on every validator our plugins register, the validators of our action
schemas, the harvest source configuration check and the working-day deadlines: nothing but the
documented error on arbitrary input, valid input round-trips, and idempotence where it applies.

The registered validators are enumerated from the plugins (IValidators), so a new validator
without a property test here fails ``test_every_registered_validator_has_a_property_test``."""
from __future__ import annotations

import datetime as dt
import inspect
import json
import string
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, assume, example, given, settings, strategies as st

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib.navl.dictization_functions import StopOnError, missing
from ckanext.scheming.helpers import scheming_get_dataset_schema

from ckanext.harbin_opendata.feedback.workdays import Calendar
from ckanext.harbin_opendata.harvest import sourceconfig
from ckanext.harbin_opendata.metadata import uscc
from ckanext.harbin_opendata.common.vocabulary import FREQUENCY_DAYS
from ckanext.harbin_opendata.privacy.logic import schema as privacy_schema
from ckanext.harbin_opendata.showcase.logic import schema as showcase_schema
from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
ANY = st.one_of(st.none(), st.text(max_size=40), st.integers(), st.floats(allow_nan=False), st.booleans(),
                st.lists(st.text(max_size=10), max_size=4), st.just(missing))
TEXT = st.one_of(st.text(max_size=60), st.text(alphabet="0123456789-/:[]\" ,.xXabc哈尔滨\t\n", max_size=30))
COVERED: set[str] = set()
TRIED: list[int] = []


def covers(*names: str) -> Callable:
    COVERED.update(names)
    return lambda test: test


def _registered() -> dict[str, Any]:
    found = {}
    for plugin in p.PluginImplementations(p.IValidators):
        for name, function in plugin.get_validators().items():
            if getattr(function, "__module__", "").startswith("ckanext.harbin_opendata"):
                found[name] = function
    return found


def _field(name: str, subfield: str = "") -> dict[str, Any]:
    schema = scheming_get_dataset_schema("dataset")
    field = next(f for f in schema["dataset_fields"] if f["field_name"] == name)
    if subfield:
        field = next(f for f in field["repeating_subfields"] if f["field_name"] == subfield)
    return field


def _simple(validator: Callable, value: Any) -> tuple[bool, Any]:
    """(accepted, result): the validator either returns or raises Invalid — nothing else."""
    one_argument = len(inspect.signature(validator).parameters) == 1
    try:
        return True, validator(value) if one_argument else validator(value, {})
    except tk.Invalid as error:
        assert isinstance(error.error, str) and error.error
        return False, None


def _flat(validator: Callable, key: tuple, data: dict, context: dict | None = None) -> list[str]:
    errors: dict = {k: [] for k in list(data) + [key]}
    validator(key, data, errors, context or {})
    assert all(isinstance(message, str) for messages in errors.values() for message in messages)
    return [message for messages in errors.values() for message in messages]


def _count() -> None:
    TRIED.append(1)


@pytest.fixture
def ready(with_plugins, with_request_context):
    """Validators translate their messages: a request context is needed."""


@pytest.mark.usefixtures("with_plugins")
def test_every_registered_validator_has_a_property_test(capsys):
    registered = sorted(_registered())
    assert registered, "no harbin validator registered: plugins not loaded?"
    missing_tests = [name for name in registered if name not in COVERED]
    with capsys.disabled():
        print(f"\n[security] validator properties: {len(registered)} registered validators, "
              f"{len(COVERED)} validators and checks with property tests, {len(missing_tests)} without")
    assert not missing_tests, f"validators without a property test: {missing_tests}"


# --- metadata -------------------------------------------------------------------------------

_code_char = st.sampled_from(uscc.CHARSET)


@st.composite
def credit_codes(draw) -> str:
    first17 = (draw(st.sampled_from("123456789ANY")) + draw(_code_char)
               + draw(st.text(alphabet="0123456789", min_size=6, max_size=6))
               + "".join(draw(st.lists(_code_char, min_size=9, max_size=9))))
    return first17 + uscc.check_character(first17)


@covers("harbin_credit_code")
@FAST
@given(value=st.one_of(ANY, TEXT), code=credit_codes(), spaces=st.lists(st.integers(0, 18), max_size=3))
def test_credit_code(ready, value, code, spaces):
    validator = _registered()["harbin_credit_code"]
    ok, result = _simple(validator, value)
    if ok:
        assert uscc.problem(result) is None and _simple(validator, result) == (True, result)
    typed = code.lower()
    for position in sorted(spaces, reverse=True):
        typed = typed[:position] + " " + typed[position:]
    assert _simple(validator, typed) == (True, code)  # spaces and case as people type them
    _count()


@covers("harbin_phone")
@FAST
@given(value=st.one_of(ANY, TEXT), mobile=st.from_regex(r"1[3-9]\d{9}", fullmatch=True),
       landline=st.from_regex(r"0451-?\d{8}", fullmatch=True))
def test_phone(ready, value, mobile, landline):
    validator = _registered()["harbin_phone"]
    ok, result = _simple(validator, value)
    if ok:
        assert result == value
    for number in (mobile, landline, f"+86-{mobile}", f"（0451）{landline[-8:]}"):
        assert _simple(validator, number) == (True, number)
    _count()


@covers("harbin_related_codes")
@FAST
@given(codes=st.lists(st.one_of(st.text(max_size=20), st.from_regex(r"[1-3]\d{5}/\d{6}", fullmatch=True)), max_size=4),
       valid=st.lists(st.from_regex(r"[1-3][0-9]{5}([0-9]{3})?/[0-9]{6}", fullmatch=True), max_size=4))
def test_related_codes(ready, codes, valid):
    """Input as scheming_multiple_text hands it on: a JSON list of texts (or a list, or nothing)."""
    validator = _registered()["harbin_related_codes"]
    for value in (json.dumps(codes), codes, None, ""):
        if _simple(validator, value)[0] and value:
            assert all(c.isascii() for c in codes), codes
    assert _simple(validator, json.dumps(valid)) == (True, json.dumps(valid))
    _count()


@covers("harbin_resource_url")
@FAST
@given(value=st.one_of(ANY, TEXT), path=st.text(alphabet=string.ascii_letters + string.digits + "/._-?=&%", max_size=30),
       scheme=st.sampled_from(["javascript", "JavaScript", "data", "vbscript", "file"]),
       noise=st.lists(st.sampled_from(["\t", "\n", "\r", " ", "\x00"]), max_size=3))
def test_resource_url(ready, value, path, scheme, noise):
    validator = _registered()["harbin_resource_url"]
    ok, result = _simple(validator, value)
    if ok:
        assert result == value
    for allowed in (f"http://example.org/{path}", f"https://example.org/{path}", f"ftp://example.org/{path}",
                    f"{path.replace(':', '')}.csv"):  # an uploaded file's name
        assert _simple(validator, allowed) == (True, allowed)
    hostile = scheme + ":alert(1)"
    for position, char in enumerate(noise):  # browsers drop tabs and newlines inside a scheme
        hostile = hostile[:position + 1] + char + hostile[position + 1:]
    assert not _simple(validator, " " + hostile)[0], repr(hostile)
    _count()


@covers("harbin_web_address")
@FAST
@given(value=st.one_of(ANY, TEXT), path=st.text(alphabet=string.ascii_letters + string.digits + "/._-?=&%:", max_size=30),
       scheme=st.sampled_from(["javascript", "JavaScript", "data", "vbscript", "file", "ftp"]),
       noise=st.lists(st.sampled_from(["\t", "\n", "\r", " ", "\x00", "\x1f"]), max_size=3))
def test_web_address(ready, value, path, scheme, noise):
    """An entry's source page: http(s) or nothing; no other scheme, however it is disguised."""
    validator = _registered()["harbin_web_address"]
    ok, result = _simple(validator, value)
    if ok:
        assert result == value
        assert not value or value.lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11"
                                         "\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")[:1].lower() == "h"
    for allowed in (f"http://example.org/{path}", f"HTTPS://example.org/{path}", "", None):
        assert _simple(validator, allowed) == (True, allowed)
    hostile = scheme + ":alert(1)//http://example.org/"
    for position, char in enumerate(noise):  # browsers drop tabs and newlines inside a scheme
        hostile = hostile[:position + 1] + char + hostile[position + 1:]
    for disguised in (hostile, " " + hostile, "\x00" + hostile, hostile.upper()):
        assert not _simple(validator, disguised)[0], repr(disguised)
    assert not _simple(validator, f"example.org/{path}")[0]  # no scheme: a link relative to the portal
    _count()


@covers("harbin_choice")
@FAST
@given(value=st.one_of(ANY, TEXT), data=st.data())
def test_choice(ready, value, data):
    for name, sub in (("data_domain", ""), ("update_frequency", ""), ("open_type", ""),
                      ("desensitization_status", ""), ("data_items", "type")):
        field = _field(name, sub)
        validator = _registered()["harbin_choice"](field, {})
        ok, result = _simple(validator, value)
        if ok:
            assert result == value
        allowed = data.draw(st.sampled_from([choice["value"] for choice in tk.h.scheming_field_choices(field)]))
        assert _simple(validator, allowed) == (True, allowed)
    _count()


@covers("harbin_formats")
@FAST
@given(value=st.one_of(ANY, TEXT, st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2)), data=st.data())
def test_formats(ready, value, data):
    field = _field("data_formats")
    validator = _registered()["harbin_formats"](field, {})
    key = ("data_formats",)
    flat = {key: value}
    if not _flat(validator, key, flat):
        stored = flat[key]
        assert json.loads(stored) and _flat(validator, key, {key: stored}) == []  # idempotent
        again = {key: stored}
        _flat(validator, key, again)
        assert again[key] == stored
    choices = [choice["value"] for choice in tk.h.scheming_field_choices(field)]
    chosen = data.draw(st.lists(st.sampled_from(choices), min_size=1, max_size=4))
    for given_as in (chosen, ",".join(chosen).lower(), json.dumps(chosen)):
        flat = {key: given_as}
        assert _flat(validator, key, flat) == []
        assert set(json.loads(flat[key])) == set(chosen)
    _count()


_dates = st.one_of(st.none(), st.text(max_size=12), st.dates().map(str))


def _parsed(value: Any) -> Any:
    try:
        return dt.date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None


@covers("harbin_blank_item_dropped")
@FAST
@given(row=st.lists(st.one_of(st.just(missing), st.none(), st.just(""), st.just(" \t"), st.text(max_size=8)),
                    min_size=1, max_size=5),
       other=st.text(min_size=1, max_size=8))
def test_blank_item_dropped(ready, row, other):
    """A wholly blank data-item row loses the subfield (and stops its checks); any other row and
    every other row's data stay as they were."""
    validator = _registered()["harbin_blank_item_dropped"]
    data = {("data_items", 0, f"f{n}"): value for n, value in enumerate(row)}
    data[("data_items", 1, "name")] = other
    key, before = ("data_items", 0, "f0"), dict(data)
    blank = all(value is missing or value is None or (isinstance(value, str) and not value.strip()) for value in row)
    try:
        validator(key, data, {k: [] for k in data}, {})
        stopped = False
    except StopOnError:
        stopped = True
    assert stopped == blank
    assert data == ({k: v for k, v in before.items() if k != key} if blank else before)
    _count()


@covers("harbin_catalog_entry")
@FAST
@example(start=None, end=None, last="9999-12-31", due=None, items=True, frequency="annual", open_type="", conditions="")
@example(start=None, end=None, last="9999-12-30", due="9999-12-31", items=True, frequency="annual", open_type="",
         conditions="")
@given(start=_dates, end=_dates, last=_dates, due=_dates, items=st.booleans(),
       frequency=st.one_of(st.sampled_from(sorted(FREQUENCY_DAYS)), st.text(max_size=8)),
       open_type=st.sampled_from(["conditional", "unconditional", "", "x"]), conditions=st.text(max_size=5))
def test_catalog_entry(ready, start, end, last, due, items, frequency, open_type, conditions):
    validator = _registered()["harbin_catalog_entry"]
    flat = {("temporal_start",): start, ("temporal_end",): end, ("last_updated",): last,
            ("next_update_due",): due, ("update_frequency",): frequency, ("open_type",): open_type,
            ("open_conditions",): conditions}
    if items:
        flat[("data_items", 0, "name")] = "名称"
    errors: dict = {}
    validator(("__after",), flat, errors, {})
    if not items:
        assert errors[("data_items",)]
    if _parsed(start) and _parsed(end) and _parsed(end) < _parsed(start):
        assert errors.get(("temporal_end",)), (start, end)
    if open_type == "conditional" and not conditions.strip():
        assert errors.get(("open_conditions",))
    days = FREQUENCY_DAYS.get(frequency)
    if _parsed(last) and due is None and days and _parsed(last) < dt.date.max - dt.timedelta(days=days):
        extras = [flat[k] for k in flat if k[0] == "extras" and k[2] == "value"]
        assert (_parsed(last) + dt.timedelta(days=days)).isoformat() in extras
    _count()


@covers("harbin_credit_code_unique", "harbin_resource_code")
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(TEXT, st.from_regex(r"[1-3]\d{5}/\d{6}", fullmatch=True)),
       fresh=st.from_regex(r"[1-3][0-9]{5}/[0-9]{6}", fullmatch=True))
def test_uniqueness_checks(db_world, value, fresh):
    """Both run after unicode_safe and the format check of their field: the value is text."""
    unique, code = _registered()["harbin_credit_code_unique"], _registered()["harbin_resource_code"]
    _flat(unique, ("credit_code",), {("credit_code",): uscc.problem(value) is None and value})
    if not _flat(code, ("resource_code",), {("resource_code",): value}) and value:
        assert value.isascii(), value  # full-width or other scripts' digits are not a code
    assert _flat(unique, ("credit_code",), {("credit_code",): db_world.agency["credit_code"]})
    assert not _flat(unique, ("credit_code",), {("credit_code",): db_world.agency["credit_code"],
                                                ("id",): db_world.agency["id"]})  # its own code
    assume(fresh != db_world.entry["resource_code"])
    assert not _flat(code, ("resource_code",), {("resource_code",): fresh})
    assert _flat(code, ("resource_code",), {("resource_code",): db_world.entry["resource_code"]})
    assert not _flat(code, ("resource_code",), {("resource_code",): db_world.entry["resource_code"],
                                                ("id",): db_world.entry["id"]})
    _count()


@pytest.fixture
def db_world(with_plugins, clean_db, clean_index, with_request_context):
    from types import SimpleNamespace

    agency = Agency()
    return SimpleNamespace(agency=agency, entry=CatalogEntry(owner_org=agency["id"]))


# --- feedback -------------------------------------------------------------------------------

@covers("harbin_feedback_text", "harbin_feedback_honeypot")
@FAST
@given(value=st.one_of(ANY, TEXT), short=st.text(max_size=50))
def test_feedback_text_and_honeypot(ready, value, short):
    limit = tk.config["ckanext.harbin_opendata.feedback.max_text_length"]
    text, honeypot = _registered()["harbin_feedback_text"], _registered()["harbin_feedback_honeypot"]
    ok, result = _simple(text, value)
    assert ok == (not isinstance(value, str) or len(value) <= limit)
    assert _simple(text, short) == (True, short)
    assert not _simple(text, short + "字" * (limit + 1))[0]
    ok, result = _simple(honeypot, value)
    assert ok == (not value)
    _count()


@covers("harbin_feedback_public_text", "harbin_feedback_public_answer")
@FAST
@given(value=st.one_of(ANY, TEXT), words=st.text(alphabet="哈尔滨市道里区公交线路数据更新不及时请核实", max_size=30))
def test_feedback_public_text(ready, value, words):
    """Text the public reads: returned as it is or refused with the message, never anything else; a
    mobile number in it is refused, ordinary words are not."""
    for name in ("harbin_feedback_public_text", "harbin_feedback_public_answer"):
        validator = _registered()[name]
        ok, result = _simple(validator, value)
        assert not ok or result == value
        assert _simple(validator, words) == (True, words)
        assert not _simple(validator, words + "请回电13912345678")[0]
    _count()


# --- access ---------------------------------------------------------------------------------

@covers("harbin_access_text", "harbin_access_date")
@FAST
@example(value=dt.datetime(2026, 12, 31, 23, 59), day=dt.date(2026, 12, 31), short="", pad=" ")
@given(value=st.one_of(ANY, TEXT, st.dates(), st.datetimes(), st.dates().map(lambda d: d.strftime("%Y/%m/%d"))),
       day=st.dates(), short=st.text(max_size=50), pad=st.sampled_from(["", " ", "\t", "\n "]))
def test_access_text_and_date(ready, value, day, short, pad):
    text, date = _registered()["harbin_access_text"], _registered()["harbin_access_date"]
    ok, result = _simple(text, value)
    assert ok == (not isinstance(value, str) or len(value) <= 4000) and (not ok or result == value)
    assert _simple(text, short) == (True, short) and not _simple(text, short + "字" * 4001)[0]
    ok, result = _simple(date, value)
    if ok:  # a calendar day (never a time: it is compared with days), the same read back
        assert type(result) is dt.date and _simple(date, result.isoformat()) == (True, result)
    if isinstance(value, dt.date):
        assert _simple(date, value) == (True, value if type(value) is dt.date else value.date())
    assert _simple(date, pad + day.isoformat() + pad) == (True, day)
    assert not _simple(date, day.strftime("%Y年%m月%d日"))[0]
    _count()


# --- validators of action schemas (not registered, used by name in the schemas) ---------------

@covers("harbin_showcase_http_url", "harbin_showcase_published_datasets")
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(ANY, TEXT), path=st.text(alphabet=string.ascii_letters + "/._-", max_size=20))
def test_showcase_validators(db_world, value, path):
    ok, result = _simple(showcase_schema.harbin_showcase_http_url, value)
    if ok:
        assert result == value
    for url in (f"https://example.org/{path}", f"HTTP://example.org/{path}"):
        assert _simple(showcase_schema.harbin_showcase_http_url, url) == (True, url)
    assert not _simple(showcase_schema.harbin_showcase_http_url, "javascript:alert(1)//http://")[0]
    _simple(showcase_schema.harbin_showcase_published_datasets, value)
    entry = db_world.entry
    assert _simple(showcase_schema.harbin_showcase_published_datasets, f"{entry['name']}, {entry['name']}") == \
        (True, [entry["id"], entry["id"]])
    _count()


def test_showcase_dataset_name_with_nul(db_world):
    with pytest.raises(tk.Invalid):
        showcase_schema.harbin_showcase_published_datasets("hrb\x00entry")


@covers("privacy rules", "privacy reason")
@FAST
@given(value=st.one_of(ANY, TEXT, st.dictionaries(st.one_of(st.text(max_size=5), st.integers()), ANY, max_size=3)),
       reason=st.text(max_size=2100))
def test_privacy_schema_validators(ready, value, reason):
    from ckanext.harbin_opendata.privacy.masking import RULES

    ok, result = _simple(privacy_schema._rules_dict, value)
    assert ok == (isinstance(value, dict) and all(isinstance(k, str) and v in RULES for k, v in value.items()))
    ok, result = _simple(privacy_schema._reason_length, reason)  # after unicode_safe: always text
    assert ok == (len(reason) <= 2000)
    _count()


_config_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                                        st.text(max_size=10)),
                              lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                      st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                              max_leaves=6)


@covers("harvest source config")
@FAST
@given(keys=st.dictionaries(st.sampled_from(sorted(sourceconfig.COMMON_KEYS) + ["x", "url"]), _config_values, max_size=4),
       text=st.text(max_size=30))
def test_harvest_source_config(ready, keys, text):
    """A source's configuration is accepted as it is or refused with ValueError — nothing else."""
    for config_text in (json.dumps(keys), text):
        try:
            assert sourceconfig.validate(config_text, set()) == config_text
        except ValueError as error:
            assert str(error)
    _count()


# --- working-day deadlines --------------------------------------------------------------------

_days = st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31))


@covers("feedback workdays")
@FAST
@given(start=_days, n=st.integers(0, 40), holidays=st.sets(_days, max_size=30),
       extra=st.sets(_days, max_size=6))
def test_working_day_deadlines(start, n, holidays, extra):
    calendar = Calendar([d.isoformat() for d in holidays], [d.isoformat() for d in extra])
    deadline = calendar.add_workdays(start, n)
    between = [start + dt.timedelta(days=i) for i in range(1, (deadline - start).days + 1)]
    assert sum(calendar.is_workday(day) for day in between) == n  # exactly n working days after the start
    if n:
        assert deadline > start and calendar.is_workday(deadline)
        assert deadline not in holidays - extra  # holidays are skipped …
        assert calendar.add_workdays(start, n - 1) < deadline  # … and more days, later
    for day in between:
        if day in extra:
            assert calendar.is_workday(day)  # 调休: a make-up working weekend counts
        elif day in holidays or day.weekday() >= 5:
            assert not calendar.is_workday(day)
    _count()


def test_make_up_working_day_is_counted():
    """2025 Spring Festival: 26 January (Sunday) was a working day, 28 January – 4 February were not."""
    holidays = [f"2025-01-{d}" for d in (28, 29, 30, 31)] + ["2025-02-03", "2025-02-04"]
    calendar = Calendar(holidays, ["2025-01-26", "2025-02-08"])
    assert calendar.add_workdays(dt.date(2025, 1, 24), 1) == dt.date(2025, 1, 26)
    assert calendar.add_workdays(dt.date(2025, 1, 27), 1) == dt.date(2025, 2, 5)
    assert calendar.add_workdays(dt.date(2025, 1, 27), 4) == dt.date(2025, 2, 8)


def test_count_line(capsys):
    with capsys.disabled():
        print(f"\n[security] validator properties: {len(TRIED)} property runs passed "
              f"({len(COVERED)} validators and checks covered)")


@covers("harbin_entry_name")
@FAST
@given(name=st.one_of(st.none(), st.just(""), st.just("  "), st.text(max_size=30)),
       code=st.one_of(st.none(), st.just(""), st.text(max_size=30), st.from_regex(r"[1-3]\d{5}/\d{6}", fullmatch=True)))
def test_entry_name(ready, name, code):
    """A given address is left as it is; an empty one is made from the resource code (a valid web
    address when the code has letters or digits); without a code the validator stops quietly."""
    from ckan.lib.navl.dictization_functions import StopOnError

    validator = _registered()["harbin_entry_name"]
    data = {("name",): name, ("resource_code",): code}
    try:
        errors = _flat(validator, ("name",), data)
    except StopOnError:
        assert not (name or "").strip() and not (isinstance(code, str) and code.strip())
        _count()
        return
    assert errors == []
    if (name or "").strip():
        assert data[("name",)] == name
    else:
        made = data[("name",)]
        assert made.startswith("hrb-") and all(c in string.ascii_lowercase + string.digits + "-_" for c in made)
        assert _flat(validator, ("name",), dict(data)) == []  # idempotent: a made address is kept
    _count()


@covers("harbin_licence_specified")
@FAST
@given(value=st.one_of(ANY, TEXT, st.sampled_from(["cc-by", "odc-by", "notspecified", "other-open"])))
def test_licence_specified(ready, value):
    validator = _registered()["harbin_licence_specified"]
    ok, result = _simple(validator, value)
    assert ok == (value != "notspecified") and (not ok or result == value)
    assert validator("notspecified", {"harbin_harvest_source": True}) == "notspecified"  # a harvest keeps it
    _count()
