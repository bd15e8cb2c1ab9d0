"""The Content-Security-Policy keeps the forms' scripted controls working: CKAN's resource form
(inline onclick handlers allowed by hash) and ckanext-scheming's javascript: "Add" link of the
related-codes list (handled by assets/csp-links.js). The visitor fixture fails on any CSP violation."""
from __future__ import annotations

from ckan.tests import factories

from ..factories import Agency, CatalogEntry
from .test_publishing import _with_password
from ..web import PASSWORD


def test_scripted_form_controls_work_under_the_policy(visitor):
    editor = _with_password(factories.User(name="jtj-editor")["name"])
    agency = Agency(name="hrb-jtj", title="哈尔滨市交通运输局", users=[{"name": editor, "capacity": "editor"}])
    entry = CatalogEntry(owner_org=agency["id"], published=False, name="hrb-bus-lines")
    clerk = visitor("editor")
    page = clerk.page
    clerk.log_in(editor, PASSWORD)

    clerk.go(f"/dataset/edit/{entry['name']}")
    codes = page.locator("fieldset[name=related_codes] input")
    before = codes.count()
    page.click("fieldset[name=related_codes] a[href^='javascript:MultipleText']")
    assert codes.count() == before + 1  # scheming's Add ran
    clerk.shot("related-codes-added")

    clerk.go(f"/dataset/{entry['name']}/resource/new")
    page.click("#resource-link-button")  # inline onclick: choose "link" and focus the address
    assert page.is_checked("#resource-url-link")
    page.fill("#field-resource-url", "https://data.example.org/bus.csv")
    page.click("#resource-url-link ~ .select-type .btn-remove-url")  # inline onclick: back to the choice
    assert page.is_checked("#resource-url-none")
    clerk.shot("resource-form-controls")
