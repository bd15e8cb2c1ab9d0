"""An entry a visitor may not read (draft, submitted, returned) answers exactly as an entry that
does not exist, on every address that names it (probe 3 finding 2): same status, same body once the
name and the per-request tokens are taken out. Its agency and the reviewers still read it."""
from __future__ import annotations

import re
import uuid
from types import SimpleNamespace
from typing import Any

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry
from ckanext.harbin_opendata.tests.web import logged_in_client

REVIEWER = "centre_reviewer"  # named in test.ini's review.reviewers
ADDRESSES = ["/dataset/{name}", "/dataset/{id}", "/dataset/{name}/resource/{rid}", "/dataset/{name}/resource/{rid}/download",
             "/dataset/{name}/resource/{rid}/download/data.csv", "/en/dataset/{name}",
             "/api/3/action/package_show?id={name}", "/api/3/action/package_show?id={id}",
             "/en/api/3/action/package_show?id={name}", "/api/3/action/resource_show?id={rid}",
             "/api/3/action/resource_view_list?id={rid}", "/api/3/action/package_activity_list?id={name}",
             "/api/3/action/harbin_review_history?id={name}",
             "/feedback/new?kind=correction&dataset={name}", "/feedback/new?kind=correction&dataset={name}&resource_id={rid}",
             "/dataset/{name}/apply", "/dataset/activity/{name}", "/datastore/dump/{rid}",
             "/api/3/action/datastore_search?resource_id={rid}", "/feedback?dataset={name}"]


@pytest.fixture
def people(with_plugins, clean_db, clean_index, with_request_context):
    editor, other = factories.User(name="agency_editor"), factories.User(name="other_editor")
    agency = Agency(users=[{"name": editor["name"], "capacity": "editor"}])
    Agency(users=[{"name": other["name"], "capacity": "editor"}])
    reviewer = factories.User(name=REVIEWER)

    def entry(name: str) -> dict[str, Any]:
        return CatalogEntry(name=name, owner_org=agency["id"], published=False, user=editor,
                            resources=[{"url": "http://127.0.0.1:9/data.csv", "format": "CSV", "name": "数据"}])

    draft, submitted, returned = entry("hidden-draft"), entry("hidden-submitted"), entry("hidden-returned")
    for package in (submitted, returned):
        tk.get_action("harbin_review_submit")({"user": editor["name"]}, {"id": package["id"]})
    tk.get_action("harbin_review_return")({"user": reviewer["name"]}, {"id": returned["id"], "comment": "请补充数据摘要"})
    return SimpleNamespace(editor=editor["name"], other=other["name"], reviewer=reviewer["name"],
                           citizen=factories.User(name="citizen")["name"],
                           hidden=[draft, submitted, returned])


_TOKENS = [r'nonce="[^"]*"', r'name="_csrf_token" value="[^"]*"', r'<meta name="_csrf_token" content="[^"]*"',
           r'"help": "[^"]*"']


def _answer(client: Any, address: str, refs: dict[str, str]) -> tuple[int, str]:
    response = client.get(address.format(**refs), status=None, follow_redirects=False)
    body = response.get_data(as_text=True)
    for key, value in refs.items():
        body = body.replace(value, "{" + key + "}")
    for pattern in _TOKENS:
        body = re.sub(pattern, "", body)
    return response.status_code, body


@pytest.mark.parametrize("who", ["anonymous", "citizen", "other"])
def test_an_unreadable_entry_answers_as_a_missing_one(app, people, who):
    client = app.test_client() if who == "anonymous" else logged_in_client(app, getattr(people, who))
    missing = {"name": "no-such-entry-xyz", "id": str(uuid.uuid4()), "rid": str(uuid.uuid4())}
    differences = []
    client.get("/dataset/warm-up-entry", status=None)  # the process's first page links its assets differently
    for package in people.hidden:
        refs = {"name": package["name"], "id": package["id"], "rid": package["resources"][0]["id"]}
        for address in ADDRESSES:
            hidden_answer, missing_answer = _answer(client, address, refs), _answer(client, address, missing)
            if hidden_answer != missing_answer:
                differences.append((package["name"], address, hidden_answer[0], missing_answer[0],
                                    _first_difference(hidden_answer[1], missing_answer[1])))
    assert not differences, "\n".join(map(str, differences))


def _first_difference(one: str, other: str) -> str:
    at = next((i for i, (a, b) in enumerate(zip(one, other)) if a != b), min(len(one), len(other)))
    return f"…{one[max(0, at - 80):at + 80]!r} ≠ …{other[max(0, at - 80):at + 80]!r}"


@pytest.mark.parametrize("who", ["editor", "reviewer"])
def test_the_agency_and_the_reviewers_still_read_it(app, people, who):
    client = logged_in_client(app, getattr(people, who))
    for package in people.hidden:
        rid = package["resources"][0]["id"]
        assert client.get(f"/dataset/{package['name']}").status_code == 200
        assert client.get(f"/dataset/{package['name']}/resource/{rid}").status_code == 200
        assert client.get(f"/api/3/action/package_show?id={package['name']}").json["success"] is True
        assert client.get(f"/api/3/action/resource_show?id={rid}").json["success"] is True
