"""An edit's audit event compares the entry's agency with its previous event's, found by the entry's
id alone (the log's (package_id, id) index; issue 20): looking it up "by id or by name" read the log
backwards from its newest row and took another entry's events for this one's when that entry was
named with this entry's id."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.review import audit
from ckanext.harbin_opendata.tests.factories import CatalogEntry


def test_an_edit_compares_the_agency_with_the_entrys_own_last_event(people):
    entry = CatalogEntry(owner_org=people.agency["id"], published=False, title="哈尔滨市公共自行车站点")
    # another agency's entry whose name is the first entry's id (a valid CKAN name), edited after it
    namesake = CatalogEntry(owner_org=people.other["id"], published=False, name=entry["id"],
                            title="哈尔滨市公共自行车站点（道外区）")
    tk.get_action("package_patch")({"user": people.sysadmin}, {"id": namesake["id"], "notes": "道外区站点。"})
    tk.get_action("package_patch")({"user": people.sysadmin}, {"id": entry["id"], "notes": "全市站点名称与地址。"})
    updated = audit.last_event_of_entry(entry["id"])
    assert (updated.event, updated.package_id) == ("updated", entry["id"])
    assert "owner_org" not in (updated.details or {})  # the entry never changed agency
