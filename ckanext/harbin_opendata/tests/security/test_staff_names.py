"""An agency editor's real name does not reach the public (issue 16, probe F14): the activity
stream of an entry and its changes name the agency instead (or the platform for its own staff);
the platform's staff read the name; the entry's API answer holds no staff name (the creator is an
id). Account pages and the user API are staff-only (test_accounts.py)."""
from __future__ import annotations

import json

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry
from ckanext.harbin_opendata.tests.web import logged_in_client

from ..review.conftest import REVIEWER

FULL_NAME = "王建国"


@pytest.fixture
def entry(with_plugins, clean_db, clean_index):
    editor = factories.User(name="agency_editor", fullname=FULL_NAME)
    agency = Agency(name="hrb-mzj", title="哈尔滨市民政局", users=[{"name": editor["name"], "capacity": "editor"}])
    factories.User(name="citizen"), factories.Sysadmin(name="site_admin", fullname="李秀英")
    factories.User(name=REVIEWER, fullname="赵德顺")
    entry = CatalogEntry(owner_org=agency["id"], name="hrb-relief", title="哈尔滨市低保标准")  # published
    tk.get_action("package_patch")({"user": editor["name"]}, {"id": entry["id"], "tag_string": "低保,民政"})
    return entry


@pytest.mark.parametrize("reader", ["", "citizen"])
def test_the_public_reads_the_agency_not_the_editors_name(app, entry, reader):
    client = logged_in_client(app, reader) if reader else app.test_client()
    stream = client.get("/dataset/activity/hrb-relief")
    assert stream.status_code == 200
    assert not [name for name in (FULL_NAME, "李秀英", "赵德顺") if name in stream.body]
    assert "哈尔滨市民政局" in stream.body
    assert "/user/agency_editor" not in stream.body
    shown = tk.get_action("package_show")({"user": reader}, {"id": entry["id"]})
    assert FULL_NAME not in json.dumps(shown, ensure_ascii=False)


def test_the_platforms_staff_read_the_name(app, entry):
    stream = logged_in_client(app, "site_admin").get("/dataset/activity/hrb-relief").body
    assert FULL_NAME in stream and "/user/agency_editor" in stream


def test_an_entrys_author_and_maintainer_are_shown_as_its_agency(app, entry):
    tk.get_action("package_patch")({"user": "site_admin"}, {"id": entry["id"], "author": FULL_NAME, "maintainer": "李秀英"})
    public = [tk.get_action("package_show")({"user": reader}, {"id": entry["id"]}) for reader in ("", "citizen")]
    public += tk.get_action("package_search")({"user": ""}, {"q": "name:hrb-relief"})["results"]
    public.append(app.get("/api/3/action/package_search", query_string={"q": "name:hrb-relief"}).json["result"])
    seen = json.dumps(public, ensure_ascii=False) + app.get("/dataset/hrb-relief").body
    assert FULL_NAME not in seen and "李秀英" not in seen and public[0]["author"] == "哈尔滨市民政局"
    staff = tk.get_action("package_show")({"user": "agency_editor"}, {"id": entry["id"]})
    assert (staff["author"], staff["maintainer"]) == (FULL_NAME, "李秀英")
