"""The whole way of the corpus (corpus.py): an agency uploads every file (declared formats as the
agency gave them, some wrong), the scans find the personal data, each file with findings gets its
masked copy (default rules), the copies' strict scans are clean, a reviewer exempts a PDF that cannot
be checked, the entry is published through the real publish action — and an anonymous crawl of the
entry's pages, files, previews, the API, search, activity and DCAT finds none of the planted values."""
from __future__ import annotations

import io
import re

import pytest
from werkzeug.datastructures import FileStorage

import ckan.plugins.toolkit as tk

from .corpus import corpus, planted_values
from .jobs import mask_now, run_scans
from .publishing import publish

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _upload(entry_id: str, user: str, data: bytes, name: str, fmt: str) -> dict:
    return tk.get_action("resource_create")({"user": user}, {
        "package_id": entry_id, "name": name, "format": fmt, "url": "",
        "upload": FileStorage(stream=io.BytesIO(data), filename="file.bin")})


def _forms(value: str) -> set[str]:
    """A planted value and its digits-only form (an ID written with spaces is still an ID)."""
    digits = re.sub(r"[\s\-+]", "", value)
    return {value, digits} if len(digits) >= 11 and digits[:-1].isdigit() else {value}


def _crawl(app, entry: dict) -> dict[str, str]:
    """Every public page and answer about the entry, as an anonymous visitor sees them."""
    shown = tk.get_action("package_show")({"user": ""}, {"id": entry["id"]})
    urls = [f"/dataset/{entry['name']}", f"/en/dataset/{entry['name']}", f"/dataset/{entry['name']}.ttl",
            f"/dataset/{entry['name']}.jsonld", "/catalog.ttl", "/catalog.jsonld", "/dataset/",
            f"/api/3/action/package_show?id={entry['id']}", "/api/3/action/package_search?q=*:*&fl=validated_data_dict",
            "/api/3/action/resource_search?query=name:", f"/api/3/action/package_activity_list?id={entry['id']}",
            "/api/3/action/recently_changed_packages_activity_list", f"/dataset/activity/{entry['name']}"]
    for resource in shown["resources"]:
        base = f"/dataset/{entry['id']}/resource/{resource['id']}"
        urls += [base, f"{base}/download"]
        views = tk.get_action("resource_view_list")({"user": ""}, {"id": resource["id"]})
        urls += [f"{base}/view/{view['id']}" for view in views]
    pages = {}
    for url in urls:
        response = app.get(url)
        assert response.status_code < 500, url
        pages[url] = response.get_data(as_text=False).decode("utf-8", errors="replace") if response.status_code == 200 else ""
    return pages


@pytest.mark.usefixtures("storage")
def test_masked_and_published_corpus_shows_no_planted_value(people, app):
    entry_id = people.entry["id"]
    uploaded = {item.name: _upload(entry_id, people.editor, item.body, item.name, item.declared) for item in corpus()}
    pdf = _upload(entry_id, people.editor, PDF, "说明文档.pdf", "CSV")  # declared CSV, it is a PDF
    run_scans(entry_id)
    status = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": entry_id})
    states = {res["name"]: res["state"] for res in status["resources"]}
    assert states == {**{item.name: "personal" if item.planted else "clear" for item in corpus()}, "说明文档.pdf": "failed"}
    copies = [mask_now(people.editor, uploaded[item.name]["id"]) for item in corpus() if item.planted]

    status = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": entry_id})
    by_id = {res["id"]: res for res in status["resources"]}
    assert all(by_id[copy]["scan"]["strict"] and by_id[copy]["state"] == "clear" for copy in copies), \
        [(by_id[copy]["name"], by_id[copy]["state"], by_id[copy]["scan"]["columns"]) for copy in copies]
    [reason] = status["blockers"]
    assert "说明文档.pdf" in reason
    scan_id = by_id[pdf["id"]]["scan"]["id"]
    tk.get_action("harbin_privacy_exempt")({"user": people.sysadmin}, {"scan_id": scan_id, "reason": "政策说明文档，无个人信息。"})
    publish(people, entry_id)
    entry = tk.get_action("package_show")({"user": ""}, {"id": entry_id})
    assert entry["desensitization_status"] == "desensitized"
    assert len(entry["resources"]) == len(copies) + 2  # the copies, the decoy-only file, the exempted PDF

    pages = _crawl(app, people.entry)
    leaks = sorted({(url, value) for url, body in pages.items() for planted in planted_values()
                    for value in _forms(planted) if value in body})
    print(f"\ncrawled {len(pages)} pages and answers ({sum(map(len, pages.values())) >> 10} KiB); leaks: {leaks[:10]}")
    assert leaks == []
    assert any("（脱敏）" in body for body in pages.values())  # the crawl saw the masked copies
