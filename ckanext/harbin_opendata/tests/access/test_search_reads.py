"""A search's result checks (review: committed and public; access: conditional files) read the
entries' rows once per package_search call (common/entry_rows.py, issue 20), and never keep them
beyond it: a change of an entry's open type between two searches of one request is seen by the
second."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from ...access import rules
from ..statements import sent_statements
from .conftest import LINK


def _search(entry_name: str) -> dict:
    return tk.get_action("package_search")({"user": ""}, {"q": f"name:{entry_name}"})


def _addresses(result: dict) -> list[str]:
    return [resource["url"] for found in result["results"] for resource in found["resources"]]


def _set_open_type(entry_id: str, open_type: str) -> None:
    package = model.Package.get(entry_id)
    package.extras = {**package.extras, "open_type": open_type}
    model.repo.commit()


def test_a_search_reads_the_entries_rows_once(conditional, app):
    """Review's and access's checks of a page of results share one read of the entries' rows
    (before: one statement each)."""
    with app.flask_app.test_request_context(), sent_statements() as seen:
        found = _search(conditional.entry["name"])
    assert found["count"] == 1
    assert not any(LINK in address for address in _addresses(found))  # still guarded
    row_reads = [statement for statement in seen if "FROM package" in statement and "ANY(" in statement]
    assert len(row_reads) == 1, row_reads


def test_rows_are_read_again_by_the_next_search(conditional, app):
    """The rows a search read are not kept for the next one: an entry made conditional between two
    searches of one request has its file addresses guarded in the second."""
    with app.flask_app.test_request_context():
        _set_open_type(conditional.entry["id"], "unconditional")
        assert any(LINK in address for address in _addresses(_search(conditional.entry["name"])))
        _set_open_type(conditional.entry["id"], "conditional")
        assert not any(LINK in address for address in _addresses(_search(conditional.entry["name"])))
        assert rules.conditional_ids([conditional.entry["id"]]) == [conditional.entry["id"]]


def test_package_show_by_id_reads_the_entry_and_its_open_type_at_once(conditional):
    """package_show by id, the entry not yet in the session: one statement reads the entry with its
    extras, the conditional-files check decides from it (before: a second statement for the open
    type), and still guards the files; by name, or an entry already in the session, the check asks
    the database as before."""
    entry = conditional.entry
    for reference in (entry["id"], entry["name"]):
        model.Session.remove()
        with sent_statements() as seen:
            shown = tk.get_action("package_show")({"user": ""}, {"id": reference})
        assert not any(LINK in resource["url"] for resource in shown["resources"])
        assert (len(seen) == 1) == (reference == entry["id"]), (reference, seen)
    _set_open_type(entry["id"], "unconditional")
    with sent_statements() as seen:  # the entry stays in the session: the check's statement reads the change
        shown = tk.get_action("package_show")({"user": ""}, {"id": entry["id"]})
    assert any(LINK in resource["url"] for resource in shown["resources"]) and len(seen) == 1, seen
    _set_open_type(entry["id"], "conditional")
    model.Session.remove()
    shown = tk.get_action("package_show")({"user": conditional.outsider}, {"id": entry["id"]})
    assert not any(LINK in resource["url"] for resource in shown["resources"])


def test_package_show_by_id_reads_no_extra_but_the_open_type(conditional):
    """The statement of package_show by id reads the entry and its open type, not every extra of the
    entry (one row, not one per extra): the entry's extras stay unloaded, and the check still decides
    both ways."""
    entry = conditional.entry
    for open_type, guarded in (("conditional", True), ("unconditional", False)):
        _set_open_type(entry["id"], open_type)
        model.Session.remove()
        with sent_statements() as seen:
            shown = tk.get_action("package_show")({"user": ""}, {"id": entry["id"]})
        assert len(seen) == 1, seen
        assert any(LINK in resource["url"] for resource in shown["resources"]) is not guarded
        assert "_extras" in sa.inspect(model.Session.get(model.Package, entry["id"])).unloaded


def test_a_locked_read_brings_the_open_type(conditional):
    """package_patch's locked read of the entry (CKAN's SELECT … FOR UPDATE, sent even when the entry
    is in the session, as an editor's access check leaves it) reads the open type with it, and the
    conditional-files check of that package_show sends no statement of its own (before: the entries'
    rows read again, package_update 47 statements against stock CKAN's 43)."""
    entry = conditional.entry
    model.Session.remove()
    model.Package.get(entry["id"])
    with sent_statements() as seen:
        tk.get_action("package_patch")({"user": conditional.people.sysadmin}, {"id": entry["id"], "notes": "停车场泊位更新"})
    locked = [statement for statement in seen if "FOR UPDATE" in statement]
    assert len(locked) == 1 and "FOR UPDATE OF package" in locked[0] and "package_extra" in locked[0], locked
    assert not [statement for statement in seen if "FROM package" in statement and "ANY(" in statement]


@pytest.mark.parametrize("locked", [True, False])
def test_the_check_decides_on_the_database_not_the_session(conditional, locked):
    """The session's copy of the entry may be older than the database (made conditional by another
    process since it was loaded): package_show, locked or not, guards the files by the open type
    the database holds (before: the rows' statement found the entry conditional, then the rule asked
    the session's stale copy again and showed the files)."""
    entry = conditional.entry
    _set_open_type(entry["id"], "unconditional")
    model.Session.remove()
    assert model.Package.get(entry["id"]).extras["open_type"] == "unconditional"  # loaded in the session
    with model.meta.engine.begin() as elsewhere:
        elsewhere.execute(sa.text("UPDATE package_extra SET value = 'conditional'"
                                  " WHERE package_id = :id AND key = 'open_type'"), {"id": entry["id"]})
    shown = tk.get_action("package_show")({"user": conditional.outsider, "for_update": locked}, {"id": entry["id"]})
    assert shown["resources"] and not any(LINK in resource["url"] for resource in shown["resources"])
    model.Session.rollback()
