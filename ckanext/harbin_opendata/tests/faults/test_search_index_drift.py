"""Faults: a process killed after CKAN sent an entry to Solr and before PostgreSQL committed
(CKAN indexes in before_commit). The index then holds what the database never kept: an entry
that does not exist, or a publication rolled back, shown to anonymous search. `ckan harbin search
check --repair` (run by the scheduler) makes the index agree with the database again."""
from __future__ import annotations

from typing import Callable, Iterator

import pytest
import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.cli.cli import ckan
from ckan.lib.search import index_for
from ckan.lib.search.common import make_connection

from ckanext.harbin_opendata.ops import search_check

from ..factories import Agency, CatalogEntry

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


class Killed(Exception):
    """Stands for the process dying between Solr's add and PostgreSQL's commit."""


@pytest.fixture
def killed_at_commit() -> Iterator[Callable[[Callable[[], object]], None]]:
    """Run a write whose commit fails after CKAN's own before_commit hook (the indexing) ran."""
    def die(_session: object) -> None:
        raise Killed()

    def run(write: Callable[[], object]) -> None:
        sa.event.listen(model.Session, "before_commit", die)  # after CKAN's hook
        try:
            with pytest.raises(Killed):
                write()
        finally:
            sa.event.remove(model.Session, "before_commit", die)
            model.Session.rollback()
            model.Session.remove()

    yield run


def _in_index(package_id: str) -> list[dict]:
    return make_connection(decode_dates=False).search(f'id:"{package_id}"', fl="id,capacity").docs


def _anonymous_search(title: str) -> list[str]:
    return [item["id"] for item in tk.get_action("package_search")({"ignore_auth": False}, {"q": f'title:"{title}"'})["results"]]


def test_an_entry_whose_commit_failed_is_removed_from_the_index(killed_at_commit, cli):
    org = Agency()
    killed_at_commit(lambda: tk.get_action("package_create")({"ignore_auth": True, "user": ""}, {
        **CatalogEntry.stub(owner_org=org["id"], name="never-committed", published=False).__dict__}))
    assert model.Package.get("never-committed") is None
    ghost = make_connection(decode_dates=False).search('name:"never-committed"', fl="id").docs
    assert len(ghost) == 1  # CKAN sent it to Solr before the commit that failed
    ghost_id = ghost[0]["id"]
    sysadmin = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    answer = tk.get_action("package_search")({"user": sysadmin}, {"q": 'name:"never-committed"', "include_private": True})
    assert (answer["count"], answer["results"]) == (0, [])  # searches answer only what the database holds
    assert search_check.differences(grace=300).ghosts == []  # may still be committing: left alone
    assert search_check.differences(grace=0).ghosts == [ghost_id]

    unrepaired = cli.invoke(ckan, ["harbin", "search", "check", "--grace", "0"])
    assert unrepaired.exit_code == 1 and ghost_id in unrepaired.output, unrepaired.output
    repaired = cli.invoke(ckan, ["harbin", "search", "check", "--grace", "0", "--repair"])
    assert repaired.exit_code == 0 and "Repaired" in repaired.output, repaired.output
    assert _in_index(ghost_id) == []
    assert cli.invoke(ckan, ["harbin", "search", "check", "--grace", "0"]).exit_code == 0


def test_a_publication_rolled_back_is_not_left_in_public_search(killed_at_commit):
    entry = CatalogEntry(title="哈尔滨市未发布的停车场数据", published=False)
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    tk.get_action("harbin_review_submit")({"user": site_user}, {"id": entry["id"]})
    reviewer = tk.get_action("user_create")({"ignore_auth": True}, {
        "name": "drift_reviewer", "email": "drift@example.org", "password": "Harbin-Catalog-2026"})
    model.User.get(reviewer["id"]).sysadmin = True
    model.repo.commit()
    killed_at_commit(lambda: tk.get_action("harbin_review_publish")({"user": "drift_reviewer"}, {"id": entry["id"]}))
    assert model.Package.get(entry["id"]).private is True
    assert _in_index(entry["id"]) == [{"id": entry["id"], "capacity": "public"}]  # the unreviewed entry, public in the index
    assert _anonymous_search("哈尔滨市未发布的停车场数据") == []  # but left out of every answer (review/search_guard.py)

    found = search_check.differences(grace=0)
    assert (found.stale, found.ghosts, found.missing) == ([entry["id"]], [], [])
    assert search_check.repair(found) == {}
    assert _anonymous_search("哈尔滨市未发布的停车场数据") == []
    assert _in_index(entry["id"]) == [{"id": entry["id"], "capacity": "private"}]


def test_an_entry_missing_from_the_index_is_indexed_again():
    entry = CatalogEntry(title="哈尔滨市公共自行车站点")
    index_for(model.Package).delete_package({"id": entry["id"]})  # as by a deletion rolled back
    assert _anonymous_search("哈尔滨市公共自行车站点") == []
    found = search_check.differences(grace=300)  # an entry without a document needs no grace
    assert (found.missing, found.ghosts, found.stale) == ([entry["id"]], [], [])
    assert search_check.repair(found) == {}
    assert _anonymous_search("哈尔滨市公共自行车站点") == [entry["id"]]
    assert not search_check.differences(grace=0)


def test_documents_an_older_indexing_wrote_are_indexed_again(cli, monkeypatch):
    """An upgrade that takes something out of the public's search holds for entries indexed before it:
    a conditional entry's data-item example (a value of its restricted files) stops answering a search
    once the scheduler's check has found its document written by the older format."""
    from ckanext.harbin_opendata.common import index_format
    from ckanext.harbin_opendata.metadata import search as metadata_search

    entry = CatalogEntry(open_type="conditional", open_conditions="须签署数据使用协议", data_items=[
        {"name": "使用单位", "type": "string", "description": "电梯使用单位", "example": "哈尔滨松花江冷链物流有限公司"}])
    found = lambda: [item["id"] for item in tk.get_action("package_search")(  # noqa: E731
        {"ignore_auth": False}, {"q": "冷链物流"})["results"]]
    assert found() == []
    with monkeypatch.context() as older:  # the entry as the format before 2 indexed it: examples searchable
        older.setattr(index_format, "FORMAT", 1)
        older.setattr(metadata_search, "conditional_by", lambda *args: False)
        index_for(model.Package).update_dict(tk.get_action("package_show")({"ignore_auth": True}, {"id": entry["id"]}))
    assert found() == [entry["id"]]

    differences = search_check.differences(grace=0)
    assert (differences.outdated, differences.stale, differences.ghosts, differences.missing) == ([entry["id"]], [], [], [])
    repaired = cli.invoke(ckan, ["harbin", "search", "check", "--grace", "0", "--repair"])
    assert repaired.exit_code == 0 and "1 written by an older indexing" in repaired.output, repaired.output
    assert found() == []
    assert not search_check.differences(grace=0)
