"""A conditional entry's files leave by no public surface: every read action of the API (asked
anonymously with the entry's and the files' ids, search words and stored fields such as the
DCAT-feeding data_dict and res_url) and every page of the site (the table preview included)
answer without the uploaded file's rows, a data item's example taken from them, or the linked
file's address."""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest

import ckan.plugins.toolkit as tk

from ..privacy.jobs import run_scans
from ..sweep import page_text, page_urls, read_actions
from .conftest import CONTENT, EXAMPLE_WORDS, LINK

_SEARCH = {"q": "name:hrb-entry", "fl": "id,name,validated_data_dict,data_dict,res_url,res_name", "rows": 100}


def _leaks(text: str) -> list[str]:
    return [word for word in (CONTENT, LINK) if word in text]


def test_conditional_files_are_on_no_public_surface(conditional, app):
    entry = conditional.entry
    previews = [tk.get_action("resource_view_create")({"user": conditional.people.editor}, {
        "resource_id": resource["id"], "title": "预览", "view_type": "harbin_table_preview"})
        for resource in (conditional.uploaded, conditional.linked)]
    leaks, asked = [], 0
    for action in read_actions():
        for params in ({}, {"id": entry["name"]}, {"id": conditional.linked["id"]},
                       {"id": conditional.uploaded["id"]}, {"resource_id": conditional.uploaded["id"]}, _SEARCH):
            response = app.get(f"/api/3/action/{action}", query_string=params)
            asked += 1
            if response.status_code == 200:
                leaks += [(action, params.get("id"), word) for word in _leaks(response.body)]
    urls = []
    for resource in (conditional.uploaded, conditional.linked):
        urls += page_urls(app, {"id": entry["name"], "resource_id": resource["id"], "package_type": "dataset",
                                 "_format": "ttl", "filename": "x.csv"})
    for url in sorted(set(urls)):
        response = app.get(url, follow_redirects=False)
        if response.status_code in (301, 302, 303, 307, 308):
            leaks += [(url, "Location", word) for word in _leaks(response.headers.get("Location", ""))]
        elif response.status_code == 200:
            leaks += [(url, None, word) for word in _leaks(page_text(response))]
    print(f"\nasked {asked} action calls and {len(urls)} pages anonymously; leaks: {leaks}")
    assert leaks == []
    # The sweep looked at something real: the agency's editor sees the rows in the preview.
    page = app.get(f"/dataset/{entry['name']}/resource/{conditional.uploaded['id']}?view_id={previews[0]['id']}",
                   extra_environ={"REMOTE_USER": conditional.people.editor})  # (the table view, if loaded, comes first)
    assert CONTENT in page.body
    search = json.loads(app.get("/api/3/action/package_search", query_string=_SEARCH).body)["result"]
    assert search["count"] == 1 and set(search["results"][0]) >= {"res_url", "validated_data_dict"}
    assert all(url.endswith("/download") or "/download/" in url for url in search["results"][0]["res_url"])
    # A search for an example's words does not find the entry (an ASCII marker would: Solr splits it into
    # 'content', '7', 'z', which the files' route addresses hold too).
    assert json.loads(app.get("/api/3/action/package_search", query_string={"q": EXAMPLE_WORDS}).body)["result"]["count"] == 0
    shown = tk.get_action("package_show")({"user": conditional.people.editor}, {"id": entry["id"]})
    assert CONTENT in shown["data_items"][0]["example"]  # its agency still reads and edits it


def test_words_of_a_conditional_files_address_find_nothing(conditional, http_files, app):
    """The search index does not keep the words of a file's address, Chinese ones included (the
    bigram fields are made from the entry's texts, the addresses among them, before the address
    is replaced)."""
    http_files.add(quote("/内部名单.csv"), "区,人数\r\n南岗区,5\r\n".encode())  # as a client asks for it
    address = f"{http_files.url}/内部名单.csv"
    tk.get_action("resource_create")({"user": conditional.people.editor}, {
        "package_id": conditional.entry["id"], "name": "另一文件", "format": "CSV", "url": address})
    run_scans(conditional.entry["id"])  # checked: public like the other files
    found = json.loads(app.get("/api/3/action/package_search", query_string={"q": "内部名单"}).body)["result"]
    assert found["count"] == 0
    assert json.loads(app.get("/api/3/action/package_search", query_string={"q": "另一文件"}).body)["result"]["count"] == 1
