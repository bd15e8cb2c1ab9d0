"""Probe 2 F2: a self-registered citizen created a public group, attached any agency's entries (an
unpublished one too: an existence oracle) and pointed its picture at 169.254.169.254. Groups are
the centre's: only sysadmins and reviewers create and change them (also when an operator turns
ckan.auth.user_create_groups on); entries join a group only by who may edit them; unseen entries
are not found; pictures are uploads or on allowed https hosts (others dropped)."""
from __future__ import annotations

import pytest

from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import CatalogEntry
from ckanext.harbin_opendata.tests.security.conftest import api_caller, two_agencies

REVIEWER = "centre_reviewer"  # test.ini's review.reviewers


@pytest.fixture
def cast(with_plugins, clean_db, clean_index, app):
    agency, editor, other = two_agencies()
    factories.User(name=REVIEWER), factories.User(name="probe_citizen"), factories.Sysadmin(name="site_admin")
    published = CatalogEntry(owner_org=agency["id"], published=True, name="hrb-rsj-job-vacancies")
    draft = CatalogEntry(owner_org=agency["id"], published=False, name="hrb-rsj-training-institutions")
    # a group from before the fix: the citizen is its admin, the two editors its members
    old = factories.Group(name="probe2-grp", users=[{"name": "probe_citizen", "capacity": "admin"},
                                                    {"name": editor, "capacity": "member"},
                                                    {"name": other, "capacity": "member"}])
    call = api_caller(app, [editor, other, REVIEWER, "probe_citizen", "site_admin"])
    return {"call": call, "published": published, "draft": draft, "group": old, "editor": editor, "other": other}


@pytest.mark.parametrize("flipped", ["false", "true"])
def test_only_the_centre_creates_groups_whatever_the_ini_says(cast, flipped, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "ckan.auth.user_create_groups", flipped)
    call = cast["call"]
    for name in ("probe_citizen", cast["editor"]):
        response = call(name, "group_create", name=f"g-{name}", title="哈尔滨市大数据中心官方专题")
        assert response.status_code == 403 and "审核人员" in response.json["error"]["message"]
    assert call(REVIEWER, "group_create", name="jobs-theme", title="就业专题").status_code == 200
    assert call("site_admin", "group_create", name="wage-theme", title="工资专题").status_code == 200


def test_a_citizen_cannot_change_an_old_group_any_more(cast):
    response = cast["call"]("probe_citizen", "group_patch", id="probe2-grp", title="官方通知")
    assert response.status_code == 403
    assert cast["call"](REVIEWER, "group_patch", id="probe2-grp", title="就业专题").status_code == 200


def test_entries_join_a_group_only_by_who_may_edit_them(cast):
    call, published = cast["call"], cast["published"]
    entry = {"id": "probe2-grp", "object_type": "package", "capacity": "public"}
    refused = call("probe_citizen", "member_create", object=published["id"], **entry)
    assert refused.status_code == 403
    assert call(cast["other"], "member_create", object=published["id"], **entry).status_code == 403
    assert call(cast["editor"], "member_create", object=published["id"], **entry).status_code == 200
    assert call(cast["other"], "member_delete", object=published["id"], **entry).status_code == 403
    assert call(cast["editor"], "member_delete", object=published["id"], **entry).status_code == 200


def test_an_unseen_entry_is_not_found_like_a_missing_one(cast):
    call = cast["call"]
    entry = {"id": "probe2-grp", "object_type": "package", "capacity": "public"}
    hidden = call("probe_citizen", "member_create", object=cast["draft"]["name"], **entry)
    missing = call("probe_citizen", "member_create", object="hrb-rsj-no-such-entry", **entry)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json["error"]["message"] == missing.json["error"]["message"]


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "https://tracker.example.com/p.gif",
                                 "//tracker.example.com/p.gif", "/etc/passwd", "javascript:alert(1)"])
def test_a_groups_picture_from_anywhere_is_dropped(cast, url):
    for action, data in (("group_create", {"name": "pic-theme"}), ("group_patch", {"id": "probe2-grp"}),
                         ("organization_patch", {"id": "hrb-rsj"})):
        response = cast["call"]("site_admin", action, image_url=url, title="就业专题", **data)
        assert response.status_code == 200 and response.json["result"]["image_url"] == "", (action, url)


@pytest.mark.ckan_config("ckanext.harbin_opendata.review.group_image_hosts", "img.harbin.gov.cn")
def test_uploads_and_allowed_hosts_are_kept(cast):
    call = cast["call"]
    for kept in ("2026-12-03-115501.402341jobs.png", "https://img.harbin.gov.cn/t/jobs.png"):
        assert call(REVIEWER, "group_patch", id="probe2-grp", image_url=kept).json["result"]["image_url"] == kept
    plain = call(REVIEWER, "group_patch", id="probe2-grp", image_url="http://img.harbin.gov.cn/t/jobs.png")
    assert plain.json["result"]["image_url"] == ""
