"""A batch of entries sent to the search index (common/indexing.index_entries) reads what its index
hooks need once for the batch, not once per entry: the view counts (harbin_tracking), the privacy
states (harbin_privacy) and the extras (harbin_access). The documents are the ones each entry's own
indexing makes: an entry's views and its files' views counted, a file with personal data kept out."""
from __future__ import annotations

import json
import re

import pytest
import sqlalchemy as sa

import ckan.model as model
from ckan.lib import search
from ckan.lib.search import index as search_index

from ckanext.harbin_opendata.common.indexing import index_entries

from . import samples
from .test_saved_reads import _document
from ..http_server import Route

pytestmark = pytest.mark.ckan_config("ckanext.harbin_opendata.harvest.workers", "1")
READS = {"tracking": re.compile("tracking_summary"), "privacy_states": re.compile("FROM harbin_privacy_states"),
         "extras": re.compile(r"^SELECT package_extra\.\w+ AS package_extra_\w+\b.*FROM package_extra\b", re.S)}


def _harvested(harbin, server, count: int) -> list[str]:
    rows = [[n + 1, f"哈尔滨市公厕位置信息{n:02d}", f"301001/{n + 500:06d}", *samples.ROWS[0][3:]] for n in range(count)]
    server.routes["/catalog.csv"] = Route(samples.csv_bytes(rows), content_type="text/csv")
    source = harbin.source("batch-reads", server.url + "/catalog.csv", "harbin_spreadsheet",
                           json.dumps({"defaults": {"desensitization_status": "not_required"}}))
    assert harbin.run(source["id"])["counts"] == {"created": count}
    return [row[0] for row in model.Session.execute(sa.text(
        "SELECT package_id FROM harvest_object WHERE harvest_source_id = :source AND current ORDER BY guid"),
        {"source": source["id"]})]


def _views(url: str, package_id: str, total: int, recent: int) -> None:
    """Views of an entry's page (its id given) or of a file (its address, no entry id)."""
    model.Session.execute(sa.text(
        "INSERT INTO tracking_summary (url, package_id, tracking_type, count, running_total, recent_views, "
        "tracking_date) VALUES (:url, :package_id, 'page', 1, :total, :recent, CURRENT_DATE)"),
        {"url": url, "package_id": package_id, "total": total, "recent": recent})


def _scanned(package_id: str, personal: bool) -> None:
    """The scans of the entry's file done: personal data found (the file hidden, held until it is
    checked again) or not (the file not scanned in its present version: shown, hide_unscanned off)."""
    model.Session.execute(sa.text(
        "UPDATE harbin_privacy_scan SET state = 'done', personal = :personal, confident = true, "
        "finished_at = now() WHERE package_id = :id"), {"id": package_id, "personal": personal})


def _resources_indexed(package_id: str) -> int:
    """The entry's num_resources as the index counts it (an indexed field, not stored)."""
    for count in range(3):
        if search_index.make_connection().search(
                "*:*", fq=f'+entity_type:package +id:"{package_id}" +num_resources:{count}', rows=0).hits:
            return count
    raise AssertionError(f"{package_id} not in the index")


@pytest.mark.ckan_config("ckanext.harbin_opendata.privacy.hide_unscanned", "false")
def test_a_batch_reads_views_privacy_states_and_extras_once(harbin, server):
    ids = _harvested(harbin, server, 4)
    viewed, file_viewed, personal = ids[0], ids[1], ids[2]
    _views(f"/dataset/{viewed}", viewed, 27, 3)
    url = model.Session.execute(sa.text("SELECT url FROM resource WHERE package_id = :id AND state = 'active'"),
                                {"id": file_viewed}).scalar()
    _views(url, "", 102, 2)
    for package_id in ids:
        _scanned(package_id, personal=package_id == personal)
    model.Session.commit()

    engine, seen = model.Session.get_bind(), dict.fromkeys(READS, 0)

    def count(conn, cursor, statement: str, *args) -> None:
        for kind, pattern in READS.items():
            seen[kind] += bool(pattern.search(statement))

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        assert index_entries(ids) == {}
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    search.commit()
    assert seen == {"tracking": 1, "privacy_states": 1, "extras": 1}  # not one per entry
    batched = {package_id: _document(package_id) for package_id in ids}

    assert batched[viewed]["validated_data_dict"]["tracking_summary"] == {"total": 27, "recent": 3}
    stored = batched[file_viewed]["validated_data_dict"]
    assert stored["resources"][0]["tracking_summary"] == {"total": 102, "recent": 2}
    # the file with personal data is not counted or found (strip_from_index), the others are
    assert {package_id: _resources_indexed(package_id) for package_id in ids} == {
        viewed: 1, file_viewed: 1, personal: 0, ids[3]: 1}

    for package_id in ids:  # each entry indexed on its own, as CKAN does: the same documents
        search.rebuild(package_id)
    search.commit()
    # (CKAN's own indexing also keeps the view counts in data_dict, the unvalidated copy: as before)
    rebuilt = {package_id: _document(package_id) for package_id in ids}
    assert _without_data_dict(rebuilt) == _without_data_dict(batched)
    assert {package_id: _resources_indexed(package_id) for package_id in ids} == {
        viewed: 1, file_viewed: 1, personal: 0, ids[3]: 1}


def _without_data_dict(documents: dict[str, dict]) -> dict[str, dict]:
    return {package_id: {key: value for key, value in document.items() if key != "data_dict"}
            for package_id, document in documents.items()}
