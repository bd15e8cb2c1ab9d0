"""有条件开放: the metadata is public, the files are not. Anonymous visitors and registered users
without a grant get 403 (with the reason) on the download routes, whether asked in the browser or
with an API token; the agency, the reviewers and sysadmins get the files."""
from __future__ import annotations

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ...access import rules
from .conftest import CONTENT, LINK


def _download(entry: dict, resource: dict, name: str = "") -> str:
    return f"/dataset/{entry['name']}/resource/{resource['id']}/download" + (f"/{name}" if name else "")


@pytest.mark.parametrize("who", ["anonymous", "token", "login"])
def test_outsiders_get_403_on_every_download_route(conditional, app, who):
    headers, environ = {}, {}
    if who == "token":
        headers = {"Authorization": conditional.token}
    elif who == "login":
        environ = {"REMOTE_USER": conditional.outsider}
    for url in (_download(conditional.entry, conditional.uploaded, "x.csv"),
                _download(conditional.entry, conditional.uploaded),
                _download(conditional.entry, conditional.linked)):
        response = app.get(url, headers=headers, extra_environ=environ, follow_redirects=False)
        assert response.status_code == 403, url
        assert CONTENT not in response.body and LINK not in response.body
        assert "有条件开放" in response.body


@pytest.mark.parametrize("who", ["editor", "reviewer", "sysadmin"])
def test_agency_reviewers_and_sysadmins_get_the_files(conditional, app, who):
    user = getattr(conditional.people, who)
    environ = {"REMOTE_USER": user}
    response = app.get(_download(conditional.entry, conditional.uploaded, "x.csv"), extra_environ=environ)
    assert response.status_code == 200 and CONTENT in response.body
    response = app.get(_download(conditional.entry, conditional.linked), extra_environ=environ,
                       follow_redirects=False)  # the copy the scan read, not a 302 (common/link_copies.py)
    assert response.status_code == 200 and "南岗区" in response.body
    shown = tk.get_action("resource_show")({"user": user}, {"id": conditional.linked["id"]})
    assert shown["url"] == conditional.address


def test_metadata_stays_public_and_names_only_the_guarded_route(conditional):
    shown = tk.get_action("package_show")({"user": ""}, {"id": conditional.entry["id"]})
    assert [res["name"] for res in shown["resources"]] == ["统计.csv", "链接文件"]
    assert shown["open_conditions"] == "须签署数据使用协议"
    linked = tk.get_action("resource_show")({"user": conditional.outsider}, {"id": conditional.linked["id"]})
    assert linked["url"].endswith(_download(conditional.entry, conditional.linked).replace(
        conditional.entry["name"], conditional.entry["id"]))


def test_unconditional_entries_are_untouched(conditional, app):
    package = model.Package.get(conditional.entry["id"])  # (a published entry's edit needs a review)
    package.extras["open_type"] = "unconditional"
    model.repo.commit()
    assert tk.get_action("resource_show")({"user": ""}, {"id": conditional.linked["id"]})["url"] == conditional.address
    response = app.get(_download(conditional.entry, conditional.uploaded, "x.csv"))
    assert response.status_code == 200 and CONTENT in response.body


def test_search_results_ask_the_rule_the_loaded_entry_follows(people):
    """rules.conditional_ids (one query, for search results) decides as rules.is_conditional does:
    no open type, 有条件开放, any other value and other package types."""
    package = model.Package.get(people.entry["id"])
    for package_type, open_type in [("dataset", None), ("dataset", "conditional"), ("dataset", "unconditional"),
                                    ("dataset", "不予开放"), ("showcase", "conditional")]:
        package.type = package_type
        package.extras = {} if open_type is None else {"open_type": open_type}
        model.repo.commit()
        expected = [package.id] if rules.is_conditional(package) else []
        assert rules.conditional_ids([package.id, "no-such-entry"]) == expected, (package_type, open_type)
    assert rules.conditional_ids([]) == []


def test_the_conditional_check_is_one_statement_compiled_once(people):
    """package_show and package_search ask rules.conditional_ids on every call: one statement whose
    text does not change with the number of ids (an array parameter), so it is compiled once and not
    rebuilt per call (issue 20, benchmarks/compare.py)."""
    import sqlalchemy as sa

    statements: list[str] = []

    def record(conn, cursor, statement, *args):  # noqa: ANN001 - SQLAlchemy's event signature
        statements.append(statement)

    sa.event.listen(model.meta.engine, "before_cursor_execute", record)
    try:
        rules.conditional_ids([people.entry["id"]])
        rules.conditional_ids([people.entry["id"], "no-such-entry", "nor-this-one"])
    finally:
        sa.event.remove(model.meta.engine, "before_cursor_execute", record)
    assert len(statements) == 2 and statements[0] == statements[1], statements
