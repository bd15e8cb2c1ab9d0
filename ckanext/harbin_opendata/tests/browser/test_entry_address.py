"""The new entry form leaves the address (网址标识) to the editor: CKAN's address preview filled it
from the title's ASCII letters ("哈尔滨市停车测试abc" became /dataset/abc), against the field's own
hint that an empty address is made from the resource code. Chinese and English, desktop and phone."""
from __future__ import annotations

from ckan.tests import factories

from ..factories import Agency
from ..web import PASSWORD
from .test_publishing import _fill_entry_form, _with_password

TITLE = "哈尔滨市停车测试abc"


def _type_title(window, prefix: str, width: int) -> tuple[str, bool]:
    """The editor opens the form and types the title key by key: the address field's value, and
    whether the field shows (with its hint) rather than folded behind CKAN's preview."""
    window.page.set_viewport_size({"width": width, "height": 900})
    window.go(prefix + "/dataset/new")
    window.page.wait_for_load_state("networkidle")  # the form's scripts are running
    window.page.type("#field-title", TITLE, delay=30)
    window.page.wait_for_timeout(300)
    window.shot(f"{width}px{prefix.replace('/', '-')}")
    address = window.page.locator("#field-name")
    return address.input_value(), address.is_visible()


def test_the_address_stays_empty_and_is_made_from_the_resource_code(visitor):
    editor = _with_password(factories.User(name="jtj-editor")["name"])
    Agency(name="hrb-jtj", title="哈尔滨市交通运输局", users=[{"name": editor, "capacity": "editor"}])
    for locale, prefix in (("zh-CN", ""), ("en-US", "/en")):
        window = visitor("editor-" + locale, locale)
        window.log_in(editor, PASSWORD)
        for width in (1366, 390):
            assert _type_title(window, prefix, width) == ("", True)
    window.go("/dataset/new")
    _fill_entry_form(window.page)
    window.page.fill("#field-title", "")
    window.page.type("#field-title", TITLE, delay=30)
    window.click_through("button[name=save]")
    assert "/dataset/hrb-307001-000010/" in window.page.url, window.page.url
