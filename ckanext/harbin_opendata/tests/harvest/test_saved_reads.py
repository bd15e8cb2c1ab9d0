"""A new entry's search document made from its read as it was saved (common/saved_dicts.py): the
same document its indexing makes reading it from the database, and never an older state of it."""
from __future__ import annotations

import json
import re

import pytest
import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import search
from ckan.lib.search import index as search_index

from ckanext.harbin_opendata.common.indexing import batched_new_entries, index_entries
from ckanext.harbin_opendata.tests.factories import CatalogEntry

from . import samples
from ..http_server import Route

pytestmark = pytest.mark.ckan_config("ckanext.harbin_opendata.harvest.workers", "1")
_VOLATILE = {"_version_", "indexed_ts"}


def _document(package_id: str) -> dict:
    found = search_index.make_connection().search(
        "*:*", fq=f'+entity_type:package +id:"{package_id}"', rows=2).docs
    assert len(found) == 1
    document = {key: value for key, value in found[0].items() if key not in _VOLATILE}
    for key in ("data_dict", "validated_data_dict"):
        document[key] = json.loads(document[key])
    return document


def test_harvested_entries_are_indexed_as_read_from_the_database(harbin, server):
    rows = [[n + 1, f"哈尔滨市公共自行车站点{n:02d}", f"301001/{n + 300:06d}", *samples.ROWS[0][3:]]
            for n in range(5)]
    server.routes["/catalog.csv"] = Route(samples.csv_bytes(rows), content_type="text/csv")
    source = harbin.source("saved-reads", server.url + "/catalog.csv", "harbin_spreadsheet",
                           json.dumps({"defaults": {"desensitization_status": "not_required"}}))
    assert harbin.run(source["id"])["counts"] == {"created": 5}
    ids = [row[0] for row in model.Session.execute(sa.text(
        "SELECT package_id FROM harvest_object WHERE harvest_source_id = :source AND current"),
        {"source": source["id"]})]
    assert len(ids) == 5
    indexed = {package_id: _document(package_id) for package_id in ids}
    assert index_entries(ids) == {}  # outside a harvest: each entry read from the database
    search.commit()
    assert {package_id: _document(package_id) for package_id in ids} == indexed


def _reads(statements: list[str]) -> int:
    """Entries read whole (package_dictize reads the relationships twice)."""
    return sum(bool(re.search("FROM package_relationship", s)) for s in statements) // 2


def test_an_entry_changed_after_its_saved_read_is_read_again(harbin):
    """What changes an entry after ckanext-activity's read of it (here a title written on the row)
    is in its document: that entry is read again; the unchanged one is not."""
    agency = harbin.agencies["scjg"]["id"]
    saving = {"user": harbin.sysadmin, "defer_commit": True}
    with batched_new_entries() as batch:
        kept = CatalogEntry(context=dict(saving), owner_org=agency, published=False,
                            title="哈尔滨市停车场泊位信息")
        changed = CatalogEntry(context=dict(saving), owner_org=agency, published=False,
                               title="哈尔滨市公厕位置")
        model.Package.get(changed["id"]).title = "哈尔滨市公厕位置（更正）"
        model.Session.commit()
        assert sorted(batch) == sorted([kept["id"], changed["id"]])
        statements: list[str] = []
        engine = model.Session.get_bind()

        def note(conn, cursor, statement, *args) -> None:
            statements.append(statement)

        sa.event.listen(engine, "before_cursor_execute", note)
        try:
            assert index_entries(list(batch)) == {}
        finally:
            sa.event.remove(engine, "before_cursor_execute", note)
    search.commit()
    assert _reads(statements) == 1  # the changed entry only
    assert _document(changed["id"])["title"] == "哈尔滨市公厕位置（更正）"
    assert _document(kept["id"])["title"] == "哈尔滨市停车场泊位信息"
    shown = tk.get_action("package_search")({"user": harbin.sysadmin}, {
        "q": "公厕", "include_private": True, "include_drafts": True})["results"]
    assert [entry["title"] for entry in shown] == ["哈尔滨市公厕位置（更正）"]
