"""What an agency's editor sees of an entry in Chinese and English, on a desktop and a 390-pixel
phone: the usage agreement form on the applications page (an empty text refused in the reader's
language) and the warning of personal data found in its files, on the entry and review pages."""
from __future__ import annotations

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..privacy.conftest import csv_bytes, storage, upload  # noqa: F401 - shared fixtures
from ..privacy.jobs import run_scans
from ..review.conftest import people  # noqa: F401 - the shared cast
from ..web import PASSWORD

_ERRORS = {"zh-CN": "缺少此项", "en-US": "Missing value"}


def test_the_agreement_form_and_the_personal_data_warning(visitor, people, storage):  # noqa: F811
    entry = people.entry["name"]
    tk.get_action("package_patch")({"user": people.editor}, {"id": entry, "open_type": "conditional",
                                                            "open_conditions": "须签署数据使用协议"})
    upload(people.entry["id"], people.editor, csv_bytes(40), "低保名单.csv", "CSV")
    run_scans(people.entry["id"])
    model.User.get(people.editor).password = PASSWORD
    model.repo.commit()
    for locale, prefix in (("zh-CN", ""), ("en-US", "/en")):
        window = visitor("editor-" + locale, locale)
        window.log_in(people.editor, PASSWORD)
        for width in (1366, 390):
            window.page.set_viewport_size({"width": width, "height": 900})
            for page in ("", "/review"):
                window.go(f"{prefix}/dataset/{entry}{page}")
                assert "低保名单.csv" in window.page.inner_text("#harbin-privacy-findings")
                window.shot(f"{width}px-warning{page.replace('/', '-')}")
            window.go(f"{prefix}/dataset/{entry}/applications")
            window.page.fill("#field-agreement-text", " ")
            window.page.click("#agreement button[type=submit]")
            window.page.wait_for_load_state("networkidle")
            assert _ERRORS[locale] in window.page.inner_text("#agreement")
            assert window.page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
            window.shot(f"{width}px-agreement-refused")
