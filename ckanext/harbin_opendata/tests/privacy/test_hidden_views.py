"""A hidden resource's views (a withheld original, a new file on a published entry not checked yet)
show nothing of it to an anonymous visitor, a logged-in citizen or another agency's editor: the
view actions answer as resource_show does for the resource (404), and its pages, embedded view
pages and table rows (/datatables/ajax, /datatables/filtered-download) carry none of its names,
texts, ids or rows. Its agency's editor, the reviewers and sysadmins still see its views, and the editor
edits them. A draft's views are refused as its files are (CKAN's auth)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ..web import csrf_token, logged_in_client
from .conftest import upload
from .publishing import publish
from .test_hidden_everywhere import MARK, _hidden_entry, _leaks

OUTSIDERS = ["anonymous", "citizen", "other_editor"]
INSIDERS = ["editor", "reviewer", "sysadmin"]


def _table_view(people, resource_id: str, name: str) -> dict:
    """A table view of the resource, made by the agency's editor, its texts marked."""
    return tk.get_action("resource_view_create")({"user": people.editor}, {
        "resource_id": resource_id, "view_type": "datatables_view", "title": f"表格{name}{MARK}",
        "description": f"视图说明{MARK}"})


@pytest.fixture
def hidden(people, storage, app):
    """The published entry's two hidden files, each with a table view; the file not checked yet has
    DataStore rows."""
    _original, hidden_ids, _copy = _hidden_entry(people)
    tk.get_action("datastore_create")({"user": people.sysadmin}, {
        "resource_id": hidden_ids[1], "force": True, "fields": [{"id": "名称", "type": "text"}],
        "records": [{"名称": f"行{MARK}"}]})
    views = [_table_view(people, resource_id, str(n)) for n, resource_id in enumerate(hidden_ids)]
    factories.User(name="citizen")
    return SimpleNamespace(ids=hidden_ids, views=[view["id"] for view in views], entry=people.entry["name"])


def _client(app, people, role: str):
    return app.test_client() if role == "anonymous" else logged_in_client(app, getattr(people, role, role))


def _api(client, action: str, id_: str):
    return client.get(f"/api/3/action/{action}", query_string={"id": id_})


def _pages(entry: str, resource_id: str, view_id: str) -> list[str]:
    base = f"/dataset/{entry}/resource/{resource_id}"
    return [base, f"{base}?view_id={view_id}", f"{base}/view/{view_id}", f"{base}/view/{view_id}?embed=true",
            f"{base}/view", f"/en{base}?view_id={view_id}", f"/dataset/{entry}"]


def _not_in(url: str, hidden: SimpleNamespace) -> list[str]:
    """The hidden ids a page must not show: a page not found may repeat the ids of its own address
    (its language links do)."""
    return [id_ for id_ in hidden.ids + hidden.views if id_ not in url]


def _table_requests(client, view_id: str) -> list:
    token = csrf_token(client.get("/user/login").body)
    form = {"draw": "1", "start": "0", "length": "10", "search[value]": "", "columns[0][name]": "名称",
            "columns[0][search][value]": ""}
    params = '{"search": {"value": ""}, "order": [], "columns": [{"name": "名称"}], "visible": [true]}'
    return [client.post(f"/datatables/ajax/{view_id}", data=form, headers={"X-CSRF-Token": token}),
            client.post(f"/datatables/filtered-download/{view_id}", data={
                "params": params, "format": "csv", "_csrf_token": token}, follow_redirects=False)]


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_see_nothing_of_a_hidden_resource_through_its_views(people, hidden, app, role):
    client, leaks = _client(app, people, role), []
    for resource_id, view_id in zip(hidden.ids, hidden.views):
        shown = _api(client, "resource_show", resource_id)
        assert shown.status_code == 404, shown.body[:300]  # what the rule answers, whatever asks
        for action, id_ in (("resource_view_list", resource_id), ("resource_view_show", view_id)):
            answer = _api(client, action, id_)
            assert (answer.status_code, answer.json.get("error")) == (shown.status_code, shown.json["error"]), \
                (action, answer.body[:300])
        for url in _pages(hidden.entry, resource_id, view_id):
            answer = client.get(url)
            assert answer.status_code == (404 if "/resource/" in url else 200), (url, answer.status_code)
            leaks += [(url, word) for word in _leaks(answer.get_data(as_text=True), _not_in(url, hidden))]
        for answer in _table_requests(client, view_id):
            assert answer.status_code == 404, (answer.status_code, answer.body[:300])
            leaks += [(answer.request.path, word) for word in _leaks(answer.get_data(as_text=True), hidden.ids)]
    print(f"\n{role}: leaks {leaks}")
    assert leaks == []


@pytest.mark.parametrize("role", INSIDERS)
def test_the_agency_and_the_reviewers_still_see_the_views(people, hidden, app, role):
    client = _client(app, people, role)
    for n, (resource_id, view_id) in enumerate(zip(hidden.ids, hidden.views)):
        listed = _api(client, "resource_view_list", resource_id)
        assert listed.status_code == 200 and view_id in [view["id"] for view in listed.json["result"]]
        assert _api(client, "resource_view_show", view_id).json["result"]["title"] == f"表格{n}{MARK}"
        page = client.get(f"/dataset/{hidden.entry}/resource/{resource_id}?view_id={view_id}")
        assert page.status_code == 200 and f"表格{n}{MARK}" in page.get_data(as_text=True)
        assert client.get(f"/dataset/{hidden.entry}/resource/{resource_id}/view/{view_id}").status_code == 200
    rows = _table_requests(client, hidden.views[1])[0]
    assert rows.status_code == 200 and rows.json["data"][0]["名称"] == f"行{MARK}"


def test_the_agency_editor_still_creates_and_updates_views_of_a_hidden_resource(people, hidden):
    context = {"user": people.editor}
    view = tk.get_action("resource_view_show")(dict(context), {"id": hidden.views[0]})
    updated = tk.get_action("resource_view_update")(dict(context), {**view, "title": "表格改名"})
    assert updated["title"] == "表格改名"
    added = _table_view(people, hidden.ids[0], "新")
    listed = tk.get_action("resource_view_list")(dict(context), {"id": hidden.ids[0]})
    assert [view["id"] for view in listed] == [hidden.views[0], added["id"]]
    with pytest.raises(tk.ObjectNotFound):  # and outsiders do not see the new one either
        tk.get_action("resource_view_show")({"user": people.other_editor}, {"id": added["id"]})


@pytest.mark.usefixtures("storage")
@pytest.mark.parametrize("role", OUTSIDERS)
def test_an_unpublished_entrys_views_answer_as_its_files_do(people, app, role):
    """A draft's files answer an outsider as missing ones do (404: no existence oracle), and so do
    their views."""
    resource = tk.get_action("resource_create")({"user": people.editor}, {
        "package_id": people.entry["id"], "name": f"草稿{MARK}", "format": "CSV", "url": "http://example.com/a.csv"})
    view = _table_view(people, resource["id"], "草稿")
    factories.User(name="citizen")
    client = _client(app, people, role)
    shown = _api(client, "resource_show", resource["id"])
    assert shown.status_code == 404
    for action, id_ in (("resource_view_list", resource["id"]), ("resource_view_show", view["id"])):
        answer = _api(client, action, id_)
        assert answer.status_code == 404 and MARK not in answer.get_data(as_text=True), (action, answer.body[:300])
    for url in _pages(people.entry["name"], resource["id"], view["id"])[:5]:
        answer = client.get(url, follow_redirects=False)
        assert answer.status_code in (302, 404) and MARK not in answer.get_data(as_text=True), (url, answer.status_code)


@pytest.mark.usefixtures("storage")
@pytest.mark.parametrize("role", ["anonymous", "editor"])
def test_a_deleted_files_views_answer_as_the_file_does(people, app, role):
    """resource_show answers 404 for a deleted file, to everyone; CKAN kept answering its views."""
    resource = upload(people.entry["id"], people.editor, "区,人数\r\n道里区,3\r\n".encode(), "旧文件.csv", "CSV")
    publish(people, people.entry["id"])
    view = _table_view(people, resource["id"], "旧")
    tk.get_action("resource_delete")({"user": people.sysadmin}, {"id": resource["id"]})
    client = _client(app, people, role)
    shown = _api(client, "resource_show", resource["id"])
    assert shown.status_code == 404
    for action, id_ in (("resource_view_list", resource["id"]), ("resource_view_show", view["id"])):
        answer = _api(client, action, id_)
        assert (answer.status_code, answer.json.get("error")) == (shown.status_code, shown.json["error"]), action
