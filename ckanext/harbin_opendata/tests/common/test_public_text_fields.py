"""A public field's validators (a reuse case's, a citizen's request's) name the personal data they
refuse the same way: common/public_text.kinds_in_field, the labels joined."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.common.public_text import kinds_in_field
from ckanext.harbin_opendata.feedback.logic.validators import harbin_feedback_public_text
from ckanext.harbin_opendata.showcase.logic.schema import harbin_showcase_public_address, harbin_showcase_public_text

pytestmark = pytest.mark.usefixtures("with_plugins", "with_request_context")

_TEXT = "本应用由王建国开发，联系人：王建国，手机13912345678"


def test_a_fields_kinds_are_named_once_for_every_validator():
    kinds = kinds_in_field(_TEXT)
    assert kinds == "手机号码、姓名"  # the site's language (zh_Hans_CN): its list separator
    for validate in (lambda value: harbin_feedback_public_text(value, {}), harbin_showcase_public_text):
        with pytest.raises(tk.Invalid) as refused:
            validate(_TEXT)
        assert kinds in str(refused.value.error)


def test_an_address_and_what_is_no_text():
    address = "https://app.example.cn/case?lxr=王建国&sfzh=230102198503121005"
    assert kinds_in_field(address, address=True)
    with pytest.raises(tk.Invalid):
        harbin_showcase_public_address(address)
    assert kinds_in_field(None) == kinds_in_field(["王建国"]) == kinds_in_field("") == ""
