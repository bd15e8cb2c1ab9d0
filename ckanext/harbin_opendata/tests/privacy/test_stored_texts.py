"""Texts saved before the metadata check existed (the outside probe: a demo entry's file description
holding a personal datum stayed public). `ckan harbin privacy texts` reads them again by the same
check: it lists what fails (exit 1) and, with --withdraw, takes the published entries that show it
from the public; clean texts and look-alikes are not listed."""
from __future__ import annotations

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.cli.cli import ckan as ckan_command

from .conftest import upload
from .jobs import run_scans
from .publishing import publish

MOBILE = "13812345678"


def _stored_before(resource_id: str, description: str) -> None:
    """Written as it was before the check: straight to the database."""
    model.Resource.get(resource_id).description = description
    model.repo.commit()


@pytest.fixture
def published(people, storage):
    resource = upload(people.entry["id"], people.editor, "区,人数\r\n道里区,3\r\n".encode(), "人数.csv", "CSV")
    run_scans(people.entry["id"])
    publish(people, people.entry["id"])
    return resource


def test_a_stored_personal_datum_is_listed_and_its_entry_withdrawn(cli, people, published):
    _stored_before(published["id"], f"联系人：王建国，电话 {MOBILE}")
    agency = model.Group.get(people.agency["id"])
    agency.description = "本局数据开放工作由经办人 李秀梅 负责。"
    model.repo.commit()
    result = cli.invoke(ckan_command, ["harbin", "privacy", "texts", "--all"])
    assert result.exit_code == 1, result.output
    assert f"entry {people.entry['name']}" in result.output and "resources[0].description: " in result.output
    assert f"agency {people.agency['name']}" in result.output and "description: " in result.output
    assert "2 stored text(s) with personal data." in result.output
    assert tk.get_action("package_show")({"user": ""}, {"id": people.entry["id"]})  # still public: only listed
    result = cli.invoke(ckan_command, ["harbin", "privacy", "texts", people.entry["name"], "--withdraw"])
    assert result.exit_code == 1 and f"{people.entry['name']}: withdrawn" in result.output, result.output
    with pytest.raises(tk.ObjectNotFound):  # withdrawn: as if it did not exist, to the public
        tk.get_action("package_show")({"user": ""}, {"id": people.entry["id"]})


def test_clean_texts_and_look_alikes_are_not_listed(cli, people, published):
    _stored_before(published["id"], "联系人：数据资源管理处；咨询电话 0451-86300000；统一社会信用代码 11230100MB1234567X。")
    result = cli.invoke(ckan_command, ["harbin", "privacy", "texts", "--all", "--withdraw"])
    assert result.exit_code == 0, result.output
    assert "0 stored text(s) with personal data." in result.output
    assert tk.get_action("package_show")({"user": ""}, {"id": people.entry["id"]})["id"] == people.entry["id"]
