"""A withheld original and a file still being checked, on a published entry, appear on no public
surface: every read action of the API (CKAN's and the suite's, asked anonymously with the entry's,
the hidden files' and their views' ids, search words, stored fields and facets) and every page of
the site answer without their names, descriptions, formats, links, ids, views or Chinese search
bigrams. (The view pages and the table view's rows for other visitors: test_hidden_views.py.)"""
from __future__ import annotations

import json

import pytest

import ckan.plugins.toolkit as tk

from ..sweep import page_text, page_urls, read_actions
from .conftest import csv_bytes, upload
from .jobs import mask_now, run_scans
from .publishing import publish
from ..factories import CatalogEntry

MARK = "MARKERQZX"  # letters only: Solr splits a word at digits (see the last test)
HAN_MARK = "鬯鬱"  # rare characters: their bigram comes only from the hidden file's name
_RESOURCE_SEARCH = {"query": f"name:{MARK}"}
_SEARCH = {"fl": "id,name,validated_data_dict,data_dict,res_name,res_url,"
           "res_description,extras_harbin_cjk_bigrams,text", "facet.field": json.dumps(
               ["res_format", "res_name", "extras_harbin_cjk_bigrams", "res_description"]), "rows": 100}


def _hidden_entry(people) -> tuple[dict, list[str], str]:
    """A published entry with a public file, a withheld original (its masked copy, named after it,
    is public: the original shows only by its id and its format) and a file still being checked."""
    entry_id = people.entry["id"]
    upload(entry_id, people.editor, "区,人数\r\n道里区,3\r\n".encode(), "公开统计.csv", "CSV")
    original = tk.get_action("resource_create")({"user": people.editor}, {
        "package_id": entry_id, "name": "补贴名单", "format": f"{MARK}FMT", "url": "",
        "upload": _file(csv_bytes(40), "roster.csv")})
    run_scans(entry_id)
    copy_id = mask_now(people.editor, original["id"])
    publish(people, entry_id)
    pending = tk.get_action("resource_create")({"user": people.editor}, {
        "package_id": entry_id, "name": f"{HAN_MARK}待检{MARK}", "description": f"说明{MARK}", "format": "CSV",
        "url": "", "upload": _file(csv_bytes(10), f"pending{MARK.lower()}.csv")})  # its scan never runs here
    return original, [original["id"], pending["id"]], copy_id


def _views(people, hidden_ids: list[str]) -> list[str]:
    """A table view of each hidden file, made by the agency's editor, its title marked."""
    return [tk.get_action("resource_view_create")({"user": people.editor}, {
        "resource_id": resource_id, "view_type": "datatables_view", "title": f"表格{MARK}"})["id"]
        for resource_id in hidden_ids]


def _file(data: bytes, name: str):
    import io

    from werkzeug.datastructures import FileStorage

    return FileStorage(stream=io.BytesIO(data), filename=name)


def _leaks(text: str, hidden_ids: list[str]) -> list[str]:
    found = [word for word in (MARK, MARK.lower(), HAN_MARK) if word in text]
    return found + [resource_id for resource_id in hidden_ids if resource_id in text]


@pytest.mark.usefixtures("storage")
def test_hidden_files_are_on_no_public_surface(people, app):
    original, hidden_ids, copy_id = _hidden_entry(people)
    view_ids = _views(people, hidden_ids)
    hidden_ids = hidden_ids + view_ids  # (the views' ids: none may show either)
    entry = people.entry
    leaks, asked, answered = [], 0, set()
    by_word, by_name = {"q": MARK, **_SEARCH}, {"q": f"name:{entry['name']}", **_SEARCH}  # the entry itself found
    for action in read_actions():
        for params in ({}, {"id": entry["name"]}, {"id": original["id"]}, {"id": hidden_ids[1]},
                       {"id": view_ids[0]}, {"id": view_ids[1]}, by_word, by_name,
                       {"q": f"name:{entry['name']}", "fl": "name,data_dict"}, _RESOURCE_SEARCH):
            response = app.get(f"/api/3/action/{action}", query_string=params)  # (5xx: tests/security)
            asked += 1
            if response.status_code == 200:  # (an error may repeat the id it was asked about)
                answered.add((action, tuple(params)))
                leaks += [(action, params.get("id"), word) for word in _leaks(response.body, hidden_ids)]
                if action == "package_search" and params is by_word and response.json["result"]["count"]:
                    leaks.append((action, "found by a hidden file's name", MARK))  # (its index holds it)
    urls = page_urls(app, {"id": entry["name"], "resource_id": original["id"], "package_type": "dataset",
                            "activity_id": original["id"], "_format": "ttl", "view_id": view_ids[0],
                            "resource_view_id": view_ids[0]})
    for url in urls:
        response = app.get(url)
        if response.status_code == 200 and response.request.path != "/user/login":  # (login: came_from=url)
            leaks += [(url, None, word) for word in _leaks(page_text(response), hidden_ids)]
    print(f"\nasked {asked} action calls and {len(urls)} pages anonymously; leaks: {leaks}")
    assert leaks == []
    # The stored fields, facets and resource queries were really asked (not refused as bad input).
    assert {("package_search", tuple(by_name)), ("resource_search", tuple(_RESOURCE_SEARCH))} <= answered
    # The entry and its public files are there (the sweep looked at something real).
    shown = tk.get_action("package_show")({"user": ""}, {"id": entry["id"]})
    assert [res["name"] for res in shown["resources"]] == ["公开统计.csv", "补贴名单（脱敏）"]
    assert shown["resources"][1]["id"] == copy_id


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_the_search_word_matches_no_public_text():
    """The sweep's search by MARK finds the entry only if the index holds a hidden file's text: Solr
    splits a word at letters and digits (MARKER7Q was searched as marker, 7 and q), and the public
    texts of an entry hold the factories' sequence numbers (the title 哈尔滨市测试数据7 and the
    resource code 301001/000007 of an entry made after 7 others in the run matched it)."""
    CatalogEntry(title="哈尔滨市测试数据0123456789", notes="marker MARKER q fmt")
    found = tk.get_action("package_search")({"ignore_auth": True}, {"q": MARK, "include_private": True})
    assert found["count"] == 0
