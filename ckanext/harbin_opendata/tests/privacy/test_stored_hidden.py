"""The copy of each entry's hidden resources on its package row: the triggers keep it equal to what
the privacy tables say after every change, whoever makes it; an anonymous package_show reads it
instead of querying the privacy tables; a missing copy falls back to the query."""
from __future__ import annotations

import contextlib
from typing import Iterator

import pytest
import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from .jobs import mask_now, run_scans
from ckanext.harbin_opendata.privacy.hidden_copy import STORED_KEY
from ckanext.harbin_opendata.privacy.model import states

from .conftest import REVIEWER, csv_bytes, upload


def _act(action: str, user: str, **data):
    return tk.get_action(action)({"user": user}, data)


def _row_copy(entry_id: str) -> dict:
    """The copy as the database holds it (not the session's loaded package)."""
    return model.Session.execute(sa.text("SELECT plugin_data -> :key FROM package WHERE id = :id"),
                                 {"key": STORED_KEY, "id": entry_id}).scalar()


def _assert_copy_matches(entry_id: str) -> dict:
    """The copy holds the states of the entry's resources that are not clear, as the query says,
    and lists every resource it covers."""
    copy = _row_copy(entry_id)
    found = states([entry_id]).get(entry_id, {})
    expected = {resource_id: state for resource_id, state in found.items() if state not in ("clear", "exempted")}
    assert copy == {"states": expected, "resources": copy["resources"]}
    assert sorted(copy["resources"]) == sorted(found)
    return copy["states"]


def _public_ids(entry_id: str) -> set[str]:
    return {res["id"] for res in _act("package_show", "", id=entry_id)["resources"]}


@contextlib.contextmanager
def _statements() -> Iterator[list[str]]:
    seen: list[str] = []

    def record(conn, cursor, statement, *args):
        seen.append(statement)

    engine = model.Session.get_bind()
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


def _published_with_clean_file(people) -> dict:
    clean = upload(people.entry["id"], people.editor, "区,人数\r\n道里区,12\r\n".encode(), "count.csv", "CSV")
    run_scans(people.entry["id"])
    _act("harbin_review_submit", people.editor, id=people.entry["id"])
    _act("harbin_review_publish", REVIEWER, id=people.entry["id"])
    return clean


def _published_with_finding(people) -> tuple[dict, dict]:
    """A published entry with a clean file, then a file with personal data added and scanned."""
    clean = _published_with_clean_file(people)
    leaked = upload(people.entry["id"], people.editor, csv_bytes(50), "names.csv", "CSV")
    run_scans(people.entry["id"])
    return clean, leaked


@pytest.mark.usefixtures("storage")
def test_copy_follows_scans_exemptions_and_withholding(people):
    entry_id = people.entry["id"]
    assert _row_copy(entry_id) == {"states": {}, "resources": []}  # every entry has one from its creation
    clean = _published_with_clean_file(people)
    leaked = upload(entry_id, people.editor, csv_bytes(50), "names.csv", "CSV")
    assert _assert_copy_matches(entry_id) == {leaked["id"]: "pending"}
    run_scans(entry_id)
    assert _assert_copy_matches(entry_id) == {leaked["id"]: "personal"}
    assert _public_ids(entry_id) == {clean["id"]}

    scan_id = next(res["scan"]["id"] for res in _act("harbin_privacy_status", REVIEWER, id=entry_id)["resources"]
                   if res["id"] == leaked["id"])  # (not by position: the order is not the point)
    _act("harbin_privacy_exempt", REVIEWER, scan_id=scan_id, reason="经单位书面同意公开。")
    assert _assert_copy_matches(entry_id) == {}
    assert _public_ids(entry_id) == {clean["id"], leaked["id"]}

    second = upload(entry_id, people.editor, csv_bytes(50), "more.csv", "CSV")
    run_scans(entry_id)
    masked_id = mask_now(people.editor, second["id"])  # the copy is written and scanned
    assert _assert_copy_matches(entry_id) == {second["id"]: "withheld"}
    assert _public_ids(entry_id) == {clean["id"], leaked["id"], masked_id}


@pytest.mark.usefixtures("storage")
def test_anonymous_show_reads_the_copy_without_querying_privacy_tables(people):
    clean, _ = _published_with_finding(people)
    model.Session.remove()
    with _statements() as seen:
        assert _public_ids(people.entry["id"]) == {clean["id"]}
    assert seen and not [statement for statement in seen if "harbin_privacy" in statement]


@pytest.mark.usefixtures("storage")
def test_missing_copy_falls_back_to_the_query(people):
    clean, _ = _published_with_finding(people)
    model.Session.execute(sa.text("UPDATE package SET plugin_data = plugin_data - :key WHERE id = :id"),
                          {"key": STORED_KEY, "id": people.entry["id"]})
    model.Session.commit()
    model.Session.remove()
    with _statements() as seen:
        assert _public_ids(people.entry["id"]) == {clean["id"]}
    assert [statement for statement in seen if "harbin_privacy_states" in statement]


@pytest.mark.usefixtures("storage")
def test_finding_in_the_same_session_hides_at_once(people):
    """The session keeps loaded packages across commits: the copy of a loaded package is read
    again after the privacy rows of its entry change."""
    clean = _published_with_clean_file(people)
    assert _public_ids(people.entry["id"]) == {clean["id"]}  # the package is now loaded
    upload(people.entry["id"], people.editor, csv_bytes(50), "names.csv", "CSV")
    run_scans(people.entry["id"])
    assert _public_ids(people.entry["id"]) == {clean["id"]}


@pytest.mark.usefixtures("storage")
def test_sysadmin_replacing_plugin_data_does_not_unhide(people):
    clean, leaked = _published_with_finding(people)
    tk.get_action("package_patch")({"user": people.sysadmin, "auth_user_obj": model.User.get(people.sysadmin)},
                                   {"id": people.entry["id"], "plugin_data": {"other_plugin": {"a": 1}}})
    plugin_data = model.Session.execute(sa.text("SELECT plugin_data FROM package WHERE id = :id"),
                                        {"id": people.entry["id"]}).scalar()
    assert plugin_data == {"other_plugin": {"a": 1}, STORED_KEY: {"states": {leaked["id"]: "personal"},
                                                                 "resources": plugin_data[STORED_KEY]["resources"]}}
    assert sorted(plugin_data[STORED_KEY]["resources"]) == sorted([clean["id"], leaked["id"]])
    model.Session.remove()
    assert _public_ids(people.entry["id"]) == {clean["id"]}


@pytest.mark.usefixtures("storage")
def test_changes_made_directly_in_the_database_reach_the_copy(people):
    """An operator who revokes an exemption in psql hides the resource again."""
    clean, leaked = _published_with_finding(people)
    scan_id = next(res["scan"]["id"] for res in _act("harbin_privacy_status", REVIEWER, id=people.entry["id"])[
        "resources"] if res["id"] == leaked["id"])
    _act("harbin_privacy_exempt", REVIEWER, scan_id=scan_id, reason="经单位书面同意公开。")
    assert _public_ids(people.entry["id"]) == {clean["id"], leaked["id"]}
    model.Session.execute(sa.text("DELETE FROM harbin_privacy_exemption WHERE scan_id = :id"), {"id": scan_id})
    model.Session.commit()
    model.Session.remove()
    assert _public_ids(people.entry["id"]) == {clean["id"]}


@pytest.mark.usefixtures("storage")
def test_an_update_leaves_the_copy_to_the_triggers(people):
    """package_update writes the copy again only when it set plugin_data (above); any other update
    sends no statement for it, and the copy still says what the privacy tables say, in the same
    session and in the next one (issue 20: 2 statements less per package_update)."""
    clean, leaked = _published_with_finding(people)
    with _statements() as seen:
        _act("package_patch", people.sysadmin, id=people.entry["id"], notes="新的摘要")
    assert not [statement for statement in seen if "harbin_privacy_store_hidden" in statement]
    assert _assert_copy_matches(people.entry["id"]) == {leaked["id"]: "personal"}
    assert _public_ids(people.entry["id"]) == {clean["id"]}
    model.Session.remove()
    assert _public_ids(people.entry["id"]) == {clean["id"]}
    tk.get_action("package_patch")({"user": people.sysadmin, "auth_user_obj": model.User.get(people.sysadmin)},
                                   {"id": people.entry["id"], "plugin_data": {"other_plugin": {"b": 2}}})
    assert _assert_copy_matches(people.entry["id"]) == {leaked["id"]: "personal"}


@pytest.mark.usefixtures("storage")
def test_saving_an_entry_back_writes_no_resource_and_keeps_the_loaded_copy(people):
    """package_patch of the summary saves the entry back as shown: no resource is written (their
    DataStore flag is saved with them, data/shown_flag.py) and the copy read with the entry is not
    read again; a resource that does change is written and the copy read again in the same session
    (issue 20: 46 → 44 statements per first package_update)."""
    clean, leaked = _published_with_finding(people)
    model.Session.remove()
    with _statements() as seen:
        _act("package_patch", people.sysadmin, id=people.entry["id"], notes="新的摘要")
    assert not [statement for statement in seen if statement.startswith("UPDATE resource")]
    assert not [statement for statement in seen if statement.startswith("SELECT package.plugin_data")]
    assert _public_ids(people.entry["id"]) == {clean["id"]}
    with _statements() as seen:
        _act("resource_patch", people.sysadmin, id=leaked["id"], description="新的说明")
    assert [statement for statement in seen if statement.startswith("UPDATE resource")]
    assert [statement for statement in seen if statement.startswith("SELECT package.plugin_data")]
    assert _assert_copy_matches(people.entry["id"]) == {leaked["id"]: "personal"}
    assert _public_ids(people.entry["id"]) == {clean["id"]}
