"""Search results take the resource states from the copy on each entry's package row, read in the
statement the review and access checks of the same search share (common/entry_rows.py, issue 20):
no privacy query for a page of results. The copy is the one package_show reads, rewritten by the
triggers in the transaction of every change, so a finding or an exemption is seen by the next
search at once; an entry without a copy is decided by the query, as before."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.privacy.hidden_copy import STORED_KEY

from .conftest import REVIEWER, csv_bytes, upload
from .jobs import run_scans
from .test_stored_hidden import _act, _published_with_clean_file, _published_with_finding, _statements


def _searched_ids(entry: dict) -> set[str]:
    """The resources an anonymous search shows of the entry."""
    found = tk.get_action("package_search")({"user": ""}, {"q": f"name:{entry['name']}"})
    assert found["count"] == 1
    return {res["id"] for res in found["results"][0]["resources"]}


def _privacy_queries(seen: list[str]) -> list[str]:
    return [statement for statement in seen if "harbin_privacy" in statement and "plugin_data" not in statement]


@pytest.mark.usefixtures("storage")
def test_a_search_reads_the_states_with_the_entries_rows(people, app):
    """One statement reads the entries' rows and their copies (before: a second one asked
    harbin_privacy_states), and the file with personal data stays out of the results."""
    clean, _leaked = _published_with_finding(people)
    model.Session.remove()
    with app.flask_app.test_request_context(), _statements() as seen:
        assert _searched_ids(people.entry) == {clean["id"]}
    assert not _privacy_queries(seen), _privacy_queries(seen)
    assert len([statement for statement in seen if "FROM package" in statement and "ANY(" in statement]) == 1


@pytest.mark.usefixtures("storage")
def test_a_finding_and_an_exemption_are_seen_by_the_next_search(people, app):
    """Within one request and one session: a file found to hold personal data is out of the next
    search, and back in the one after its exemption."""
    clean = _published_with_clean_file(people)
    with app.flask_app.test_request_context():
        assert _searched_ids(people.entry) == {clean["id"]}
        leaked = upload(people.entry["id"], people.editor, csv_bytes(50), "names.csv", "CSV")
        assert _searched_ids(people.entry) == {clean["id"]}  # not checked yet: hidden
        run_scans(people.entry["id"])
        assert _searched_ids(people.entry) == {clean["id"]}
        scan_id = next(res["scan"]["id"] for res in _act("harbin_privacy_status", REVIEWER, id=people.entry["id"])[
            "resources"] if res["id"] == leaked["id"])
        _act("harbin_privacy_exempt", REVIEWER, scan_id=scan_id, reason="经单位书面同意公开。")
        assert _searched_ids(people.entry) == {clean["id"], leaked["id"]}


@pytest.mark.usefixtures("storage")
def test_a_search_of_an_entry_without_a_copy_asks_the_query(people, app):
    clean, _leaked = _published_with_finding(people)
    model.Session.execute(sa.text("UPDATE package SET plugin_data = plugin_data - :key WHERE id = :id"),
                          {"key": STORED_KEY, "id": people.entry["id"]})
    model.Session.commit()
    with app.flask_app.test_request_context(), _statements() as seen:
        assert _searched_ids(people.entry) == {clean["id"]}
    assert [statement for statement in seen if "harbin_privacy_states" in statement]
