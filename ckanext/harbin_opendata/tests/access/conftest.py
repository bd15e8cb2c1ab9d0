from __future__ import annotations

from types import SimpleNamespace

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ..privacy.conftest import http_files, storage, upload  # noqa: F401 - shared fixtures
from ..privacy.publishing import publish
from ..review.conftest import people  # noqa: F401 - the shared cast of the review tests

CONTENT = "CONTENT7Z"  # in the uploaded file's rows only
LINK = "link7zfile"  # in the linked file's address only


@pytest.fixture
def conditional(people, storage, http_files):  # noqa: F811
    """A published 有条件开放 entry of agency A with an uploaded file and a linked one."""
    entry_id = people.entry["id"]
    tk.get_action("package_patch")({"user": people.editor}, {
        "id": entry_id, "open_type": "conditional", "open_conditions": "须签署数据使用协议"})
    uploaded = upload(entry_id, people.editor, f"区,编号\r\n道里区,{CONTENT}\r\n".encode(), "统计.csv", "CSV")
    address = http_files.add(f"/{LINK}.csv", "区,人数\r\n南岗区,5\r\n".encode())
    linked = tk.get_action("resource_create")({"user": people.editor}, {
        "package_id": entry_id, "name": "链接文件", "format": "CSV", "url": address})
    publish(people, entry_id)
    outsider = factories.User(name="citizen")
    token = tk.get_action("api_token_create")({"user": outsider["name"], "ignore_auth": True},
                                              {"user": outsider["name"], "name": "t"})["token"]
    return SimpleNamespace(people=people, entry=people.entry, uploaded=uploaded, linked=linked, address=address,
                           outsider=outsider["name"], token=token)
