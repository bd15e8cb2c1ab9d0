from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ..privacy.conftest import http_files, storage, upload  # noqa: F401 - shared fixtures
from ..factories import VALID_CREDIT_CODES
from ..privacy.publishing import publish
from ..review.conftest import people  # noqa: F401 - the shared cast of the review tests

CONTENT = "CONTENT7Z"  # in the uploaded file's rows only (and a data item's example: a value of them)
EXAMPLE_WORDS = "太阳岛物流"  # the Chinese words of that example
LINK = "link7zfile"  # in the linked file's address only
AGREEMENT = "数据仅用于申请用途，不得转让。"


def application_form(entry: str, **changes: Any) -> dict[str, Any]:
    """What an applicant fills in to apply for the entry's files, accepting the agreement's first version."""
    return {"id": entry, "purpose": "科研", "scenario": "地质灾害风险研究", "organization": "哈尔滨某研究院",
            "credit_code": VALID_CREDIT_CODES[0], "contact": "张三 13800000000",
            "wanted_until": (dt.date.today() + dt.timedelta(days=90)).isoformat(), "agreement_version": 1,
            "accept_agreement": True, **changes}


def grant_outsider(conditional) -> dict[str, Any]:
    """The agency writes its agreement, the outsider applies, the agency approves for 30 days: the application."""
    tk.get_action("harbin_access_agreement_update")({"user": conditional.people.editor}, {
        "id": conditional.entry["id"], "text": AGREEMENT})
    application = tk.get_action("harbin_access_apply")({"user": conditional.outsider},
                                                        application_form(conditional.entry["id"]))
    return tk.get_action("harbin_access_approve")({"user": conditional.people.editor}, {
        "id": application["id"], "expires_on": (dt.date.today() + dt.timedelta(days=30)).isoformat()})


@pytest.fixture
def conditional(people, storage, http_files):  # noqa: F811
    """A published 有条件开放 entry of agency A with an uploaded file and a linked one."""
    entry_id = people.entry["id"]
    tk.get_action("package_patch")({"user": people.editor}, {
        "id": entry_id, "open_type": "conditional", "open_conditions": "须签署数据使用协议",
        "data_items": [{"name": "使用单位", "type": "string", "description": "电梯使用单位",
                        "example": f"哈尔滨{EXAMPLE_WORDS}有限公司{CONTENT}"}]})
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
