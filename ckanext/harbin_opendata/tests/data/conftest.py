"""Tables as agencies send them (title rows above the header, GBK text, a workbook with a merged
title), and running the DataStore's jobs as a worker would."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.common.jobs import run_queued_jobs

from ..privacy.conftest import storage, upload  # noqa: F401 - shared fixtures
from ..review.conftest import people  # noqa: F401 - the shared cast of the review tests
from ..workbooks import titled_sheet, workbook_bytes

__all__ = ["HEADER", "company_csv", "company_xlsx", "search", "sql", "run_jobs", "write_engine", "loaded",
           "load_company_register", "unmended_refusal"]

HEADER = ["序号", "企业名称", "所属区县", "注册资本（万元）", "成立日期", "区县代码"]
ROWS = [["1", "哈尔滨冰城科技有限公司", "道里区", "100.5", "2025-01-05", "0451"],
        ["2", "黑龙江松花江物流有限公司", "南岗区", "2000", "2024-11-30", "0452"],
        ["3", "哈尔滨中央大街餐饮有限公司", "道外区", "", "2023/7/1", "0453"]]
TYPES = ["numeric", "text", "text", "numeric", "timestamp", "text"]


def company_csv(encoding: str, title: str) -> bytes:
    lines = [title, "数据截止日期：2025年12月31日", ",".join(HEADER), *(",".join(row) for row in ROWS)]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def company_xlsx() -> bytes:
    workbook, sheet = titled_sheet("企业登记", "哈尔滨市2025年度企业登记统计表", HEADER)
    for row in ROWS:
        capital = float(row[3]) if row[3] else None
        founded = dt.datetime.strptime(row[4].replace("/", "-"), "%Y-%m-%d")
        sheet.append([int(row[0]), row[1], row[2], capital, founded, row[5]])
    return workbook_bytes(workbook)


def run_jobs() -> None:
    """Scans, then the DataStore syncs they queued."""
    run_queued_jobs()
    run_queued_jobs()
    model.Session.expire_all()


def search(user: str, resource_id: str, **params: Any) -> dict[str, Any]:
    return tk.get_action("datastore_search")({"user": user}, {"resource_id": resource_id, **params})


def sql(user: str, statement: str) -> dict[str, Any]:
    return tk.get_action("datastore_search_sql")({"user": user}, {"sql": statement})


def write_engine() -> Any:
    from ckanext.datastore.backend.postgres import get_write_engine

    return get_write_engine()


def load_company_register(people) -> str:  # noqa: F811 - the shared fixture above
    """Uploads a GBK company register to the cast's entry, publishes it and runs the jobs that load
    it into the DataStore: the resource's id."""
    from ..privacy.publishing import publish

    resource = upload(people.entry["id"], people.editor, company_csv("gbk", "哈尔滨市企业登记表"), "企业登记.csv", "CSV")
    publish(people, people.entry["id"])
    run_jobs()
    return resource["id"]


@pytest.fixture
def unmended_refusal(monkeypatch) -> None:
    """A load PostgreSQL refuses and the loader cannot mend: the date guess of old (any hour, so
    2025-02-03 25:00 makes a timestamp column) without the loader's retry of a refused column as text."""
    from ckanext.harbin_opendata.common import cell_types
    from ckanext.harbin_opendata.data import load

    monkeypatch.setattr(cell_types, "_NATIVE", r"^[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}( [0-9]{1,2}:[0-9]{2})?$")
    monkeypatch.setattr(load, "_refused_column", lambda error, fields: None)


@pytest.fixture
def loaded(people, storage) -> str:  # noqa: F811 - the shared fixtures above
    """The id of a published GBK company register loaded into the DataStore."""
    return load_company_register(people)
