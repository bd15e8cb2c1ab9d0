"""Probe 2 F10: an agency editor added an image view pointing at 169.254.169.254 to a published
entry (shown at once, no review) and could not remove it. Views show only what the portal holds
(no address of another host in their settings), the editor who may add a view may delete it, and
the pages' CSP loads images from the portal only."""
from __future__ import annotations

import pytest

from ckanext.harbin_opendata.tests.factories import CatalogEntry
from ckanext.harbin_opendata.tests.security.conftest import api_caller, two_agencies


@pytest.fixture
def cast(with_plugins, clean_db, clean_index, app):
    agency, editor, other = two_agencies()
    entry = CatalogEntry(owner_org=agency["id"], name="hrb-rsj-minimum-wage",
                         resources=[{"name": "最低工资标准", "url": "http://127.0.0.1:9/min-wage.csv", "format": "CSV"}])
    return {"call": api_caller(app, [editor, other]), "resource": entry["resources"][0]["id"], "editor": editor, "other": other}


@pytest.mark.parametrize("view", [
    {"view_type": "image_view", "image_url": "http://169.254.169.254/latest/meta-data/"},
    {"view_type": "image_view", "image_url": "https://tracker.example.com/pixel.gif"},
    {"view_type": "image_view", "image_url": "//tracker.example.com/pixel.gif"},
    {"view_type": "webpage_view", "page_url": "https://evil.example.org/"},
])
def test_a_view_cannot_point_at_another_host(cast, view):
    response = cast["call"](cast["editor"], "resource_view_create", resource_id=cast["resource"], title="图", **view)
    assert response.status_code == 409
    field = "image_url" if "image_url" in view else "page_url"
    assert "平台" in response.json["error"][field][0]


def test_the_editor_who_adds_a_view_may_delete_it(cast):
    call = cast["call"]
    created = call(cast["editor"], "resource_view_create", resource_id=cast["resource"], view_type="datatables_view",
                   title="表格")
    assert created.status_code == 200, created.json
    view_id = created.json["result"]["id"]
    assert call(cast["other"], "resource_view_delete", id=view_id).status_code == 403
    assert call(cast["editor"], "resource_view_delete", id=view_id).status_code == 200


def test_pages_load_images_from_the_portal_only(app, with_plugins):
    policy = app.get("/").headers["Content-Security-Policy"]
    images = next(part.strip() for part in policy.split(";") if part.strip().startswith("img-src"))
    assert images == "img-src 'self' data:"


def test_profile_pictures_from_other_hosts_are_dropped(with_plugins, clean_db):
    """Under img-src 'self' they would show broken (and tell their host who looks at whom)."""
    from ckan.tests import factories

    assert factories.User(name="li_na", image_url="https://dummyimage.com/410x458")["image_url"] == ""
    assert factories.User(name="wang_fang", image_url="2026-12-03-wang.png")["image_url"] == "2026-12-03-wang.png"
