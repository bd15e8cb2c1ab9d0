"""The catalog entry and agency schemas through CKAN's action API: every validator, valid and invalid."""
from __future__ import annotations

from typing import Any

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories
from ckan.tests.helpers import call_action as _call_action

from ckanext.harbin_opendata.tests.factories import VALID_CREDIT_CODES, Agency, CatalogEntry

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")


_acting = {}


@pytest.fixture(autouse=True)
def _sysadmin(with_plugins, clean_db):
    _acting["user"] = factories.Sysadmin()["name"]


def call_action(action: str, **data: Any) -> Any:
    """The action as a sysadmin (the activity plugin records who acted)."""
    return _call_action(action, context={"user": _acting["user"]}, **data)


def _entry(agency: dict[str, Any], **fields: Any) -> dict[str, Any]:
    data = {
        "name": "hrb-test-entry",
        "title": "哈尔滨市测试数据",
        "notes": "测试摘要。",
        "owner_org": agency["id"],
        "resource_code": "301001/000001",
        "data_domain": "health",
        "data_items": [{"name": "机构名称", "type": "string"}],
        "data_formats": ["CSV"],
        "update_frequency": "monthly",
        "open_type": "unconditional",
        "desensitization_status": "not_required",
    }
    data.update(fields)
    return data


def _errors(action: str, data: dict[str, Any]) -> dict[str, Any]:
    with pytest.raises(tk.ValidationError) as raised:
        call_action(action, **data)
    return raised.value.error_dict


class TestCatalogEntry:
    def test_valid_entry_keeps_every_field(self):
        agency = Agency()
        created = call_action("package_create", **_entry(
            agency, title_en="Test data", last_updated="2026-11-01", related_codes=["301001/000009"],
            temporal_start="2020-01-01", temporal_end="2025-12-31", spatial_coverage="哈尔滨市",
            contact_name="张科长", contact_phone="0451-86300000", contact_email="data@harbin.invalid",
            data_items=[{"name": "床位数", "type": "integer", "description": "核定床位", "unit": "张",
                         "example": "120"}],
            data_formats=["json", "CSV"],
        ))
        shown = call_action("package_show", id=created["id"])
        assert shown["resource_code"] == "301001/000001"
        assert shown["data_items"] == [{"name": "床位数", "type": "integer", "description": "核定床位",
                                        "unit": "张", "example": "120"}]
        assert shown["data_formats"] == ["CSV", "JSON"]  # canonical codes, vocabulary order
        assert shown["related_codes"] == ["301001/000009"]
        assert shown["next_update_due"] == "2026-12-02"  # computed: last update + 31 days (monthly)
        assert (shown["temporal_start"], shown["temporal_end"]) == ("2020-01-01", "2025-12-31")

    @pytest.mark.parametrize("field", ["resource_code", "data_domain", "update_frequency", "open_type",
                                       "desensitization_status", "notes", "owner_org"])
    def test_required_fields(self, field):
        assert field in _errors("package_create", _entry(Agency(), **{field: ""}))

    def test_at_least_one_data_item(self):
        assert "数据项" in _errors("package_create", _entry(Agency(), data_items=[]))["data_items"][0]

    def test_data_item_needs_name_and_known_type(self):
        errors = _errors("package_create", _entry(Agency(), data_items=[{"name": "", "type": "colour"}]))
        assert errors["data_items"][0]["name"] and "colour" in errors["data_items"][0]["type"][0]

    def test_blank_data_item_rows_are_dropped(self):
        """The form's blank row (and rows added and left blank) are not items; a row with only a type
        chosen is one, and is told it lacks its name."""
        blank = {"name": " ", "type": "", "description": "", "unit": "", "example": ""}
        items = [blank, {"name": "机构名称", "type": "string"}, dict(blank)]
        assert call_action("package_create", **_entry(Agency(), data_items=items))["data_items"] == [
            {"name": "机构名称", "type": "string"}]
        assert "数据项" in _errors("package_create", _entry(Agency(), name="hrb-blank", data_items=[blank]))["data_items"][0]
        errors = _errors("package_create", _entry(Agency(), name="hrb-typed", data_items=[dict(blank, type="string")]))
        assert errors["data_items"][0]["name"]

    @pytest.mark.parametrize("code", ["301001000001", "401001/000001", "3010/000001", "301001/00001",
                                      "30100100/000001", "ABCDEF/000001"])
    def test_resource_code_format(self, code):
        errors = _errors("package_create", _entry(Agency(), resource_code=code))
        assert "301001/000001" in errors["resource_code"][0]  # the message shows a valid example

    @pytest.mark.parametrize("code", ["101001/000001", "215002003/123456", "399999/999999"])
    def test_resource_code_formats_accepted(self, code):
        assert call_action("package_create", **_entry(Agency(), resource_code=code))["resource_code"] == code

    def test_resource_code_is_unique_but_an_entry_keeps_its_own(self):
        first = CatalogEntry(resource_code="301001/000777")
        errors = _errors("package_create", _entry(Agency(), resource_code="301001/000777"))
        assert first["name"] in errors["resource_code"][0]
        updated = call_action("package_patch", id=first["id"], title="改名后的目录")
        assert updated["resource_code"] == "301001/000777"

    def test_a_deleted_entry_frees_its_code(self):
        first = CatalogEntry(resource_code="301001/000778")
        call_action("package_delete", id=first["id"])
        call_action("package_create", **_entry(Agency(), resource_code="301001/000778"))

    @pytest.mark.parametrize("field, value", [("data_domain", "weather"), ("update_frequency", "hourly"),
                                              ("open_type", "closed"), ("desensitization_status", "maybe")])
    def test_controlled_vocabularies(self, field, value):
        message = _errors("package_create", _entry(Agency(), **{field: value}))[field][0]
        assert value in message and "：" in message  # lists the allowed labels, in Chinese

    def test_domain_error_lists_chinese_labels(self):
        message = _errors("package_create", _entry(Agency(), data_domain="weather"))["data_domain"][0]
        assert "气象" in message and "市场监管" in message

    @pytest.mark.parametrize("formats", [[], "", ["CSV", "DOC2"]])
    def test_formats_from_the_controlled_list(self, formats):
        assert "data_formats" in _errors("package_create", _entry(Agency(), data_formats=formats))

    def test_formats_as_comma_separated_text(self):
        created = call_action("package_create", **_entry(Agency(), data_formats="xlsx, API"))
        assert created["data_formats"] == ["XLSX", "API"]

    @pytest.mark.parametrize("frequency, due, ok", [
        ("daily", "2026-11-02", True), ("daily", "2026-11-03", False),
        ("monthly", "2026-12-02", True), ("monthly", "2026-12-03", False),
        ("annual", "2027-11-01", True), ("annual", "2027-11-03", False),
        ("irregular", "2030-01-01", True), ("monthly", "2026-10-31", False),
    ])
    def test_next_update_due_against_frequency(self, frequency, due, ok):
        data = _entry(Agency(), update_frequency=frequency, last_updated="2026-11-01", next_update_due=due)
        if ok:
            assert call_action("package_create", **data)["next_update_due"] == due
        else:
            assert "next_update_due" in _errors("package_create", data)

    def test_temporal_coverage_order(self):
        data = _entry(Agency(), temporal_start="2025-01-01", temporal_end="2024-12-31")
        assert "temporal_end" in _errors("package_create", data)

    def test_conditional_open_type_needs_conditions(self):
        assert "open_conditions" in _errors("package_create", _entry(Agency(), open_type="conditional"))
        created = call_action("package_create", **_entry(
            Agency(), open_type="conditional", open_conditions="签订数据使用协议后开放。"))
        assert created["open_conditions"] == "签订数据使用协议后开放。"

    @pytest.mark.parametrize("phone, ok", [("0451-86300000", True), ("13945678901", True), ("12345", True),
                                           ("0451-12315", True), ("400-123-4567", True), ("+86 13945678901", True),
                                           ("call me", False), ("123", False), ("0451-863000001234567", False)])
    def test_contact_phone(self, phone, ok):
        data = _entry(Agency(), contact_phone=phone)
        if ok:
            call_action("package_create", **data)
        else:
            assert "contact_phone" in _errors("package_create", data)

    def test_related_codes_are_resource_codes(self):
        assert "related_codes" in _errors("package_create", _entry(Agency(), related_codes=["x-1"]))


class TestAgency:
    def _agency(self, **fields: Any) -> dict[str, Any]:
        data = {"name": "hrb-test-agency", "title": "哈尔滨市测试局", "credit_code": VALID_CREDIT_CODES[0],
                "agency_kind": "government", "district": "230102"}
        data.update(fields)
        return data

    @pytest.mark.parametrize("code", VALID_CREDIT_CODES)
    def test_real_world_credit_codes(self, code):
        assert call_action("organization_create", **self._agency(credit_code=code))["credit_code"] == code

    def test_credit_code_is_normalised(self):
        created = call_action("organization_create", **self._agency(credit_code=" 9144030071526726xg "))
        assert created["credit_code"] == "9144030071526726XG"

    @pytest.mark.parametrize("code, words", [
        ("9144030071526726XH", "校验码"), ("914403007152672", "18位"), ("9144O30071526726XG", "大写字母"),
    ])
    def test_invalid_credit_codes_say_why_in_chinese(self, code, words):
        errors = _errors("organization_create", self._agency(credit_code=code))
        assert words in errors["credit_code"][0]

    def test_credit_code_is_unique(self):
        Agency(name="hrb-first", credit_code=VALID_CREDIT_CODES[1])
        errors = _errors("organization_create", self._agency(credit_code=VALID_CREDIT_CODES[1]))
        assert "hrb-first" in errors["credit_code"][0]

    def test_agency_keeps_its_code_on_update(self):
        agency = Agency(credit_code=VALID_CREDIT_CODES[2])
        call_action("organization_patch", id=agency["id"], title="新名称")
        assert call_action("organization_show", id=agency["id"])["credit_code"] == VALID_CREDIT_CODES[2]

    @pytest.mark.parametrize("field", ["credit_code", "agency_kind", "district"])
    def test_required_fields(self, field):
        assert field in _errors("organization_create", self._agency(**{field: ""}))
