from __future__ import annotations

from types import SimpleNamespace

import pytest

from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry

REVIEWER = "centre_reviewer"  # named in test.ini's ckanext.harbin_opendata.review.reviewers


@pytest.fixture
def people(with_plugins, clean_db, clean_index):
    """Two agencies, an editor of each, a reviewer, a sysadmin, and a draft entry of agency A."""
    editor, other_editor = factories.User(name="agency_editor"), factories.User(name="other_editor")
    agency = Agency(name="hrb-agency-a", users=[{"name": editor["name"], "capacity": "editor"}])
    other = Agency(name="hrb-agency-b", users=[{"name": other_editor["name"], "capacity": "editor"}])
    return SimpleNamespace(
        agency=agency, other=other, editor=editor["name"], other_editor=other_editor["name"],
        reviewer=factories.User(name=REVIEWER)["name"], sysadmin=factories.Sysadmin(name="site_admin")["name"],
        entry=CatalogEntry(owner_org=agency["id"], published=False, name="hrb-entry"),
    )
