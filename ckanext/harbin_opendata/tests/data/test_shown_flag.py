"""New resources are saved with the DataStore flag CKAN shows for them (data/shown_flag.py), so that
saving an entry back as shown writes none of them again (issue 20); a flag the caller gives stays."""
from __future__ import annotations

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.factories import CatalogEntry

from ...tests.statements import sent_statements


def _flags(entry_id: str) -> dict[str, object]:
    model.Session.expire_all()
    return {res.name: res.extras.get("datastore_active", "absent") for res in model.Package.get(entry_id).resources}


def test_resources_of_a_new_entry_are_saved_with_the_shown_flag(people):
    entry = CatalogEntry(owner_org=people.agency["id"], published=False, resources=[
        {"name": "2025年道里区企业名录", "url": "https://data.harbin.gov.cn/files/daoli-2025.csv", "format": "CSV"}])
    assert _flags(entry["id"]) == {"2025年道里区企业名录": False}
    tk.get_action("resource_create")({"user": people.editor}, {
        "package_id": entry["id"], "name": "2025年南岗区企业名录", "format": "CSV",
        "url": "https://data.harbin.gov.cn/files/nangang-2025.csv"})
    assert _flags(entry["id"]) == {"2025年道里区企业名录": False, "2025年南岗区企业名录": False}
    model.Session.remove()
    with sent_statements("UPDATE resource") as written:
        tk.get_action("package_patch")({"user": people.editor}, {"id": entry["id"], "notes": "全市企业登记信息。"})
    assert written == []


def test_a_flag_given_by_the_caller_is_kept(people):
    entry = CatalogEntry(owner_org=people.agency["id"], published=False, resources=[
        {"name": "企业名录", "url": "https://data.harbin.gov.cn/files/all.csv", "format": "CSV",
         "datastore_active": True}])
    assert _flags(entry["id"]) == {"企业名录": True}
