"""Stock-CKAN datasets stay readable after harbin_metadata is enabled; the audit lists their gaps."""
from __future__ import annotations

import csv
import io

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.cli.cli import ckan
from ckan.lib import search

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.fixture
def legacy():
    """A dataset and an agency as a stock CKAN portal stored them, before the Harbin schema."""
    agency = model.Group(name="old-bureau", title="旧机构", type="organization", is_organization=True)
    model.Session.add(agency)
    model.Session.flush()
    dataset = model.Package(name="old-statistics", title="历年统计数据", notes="旧平台迁移的数据。",
                            type="dataset", owner_org=agency.id)
    model.Session.add(dataset)
    model.Session.commit()
    search.rebuild(dataset.id)
    return dataset


def test_legacy_dataset_stays_readable(app, legacy):
    shown = tk.get_action("package_show")({"ignore_auth": True}, {"id": "old-statistics"})
    assert shown["title"] == "历年统计数据" and "resource_code" not in shown
    assert "历年统计数据" in app.get("/dataset/old-statistics").body
    assert tk.get_action("package_search")({}, {"q": "统计数据"})["count"] == 1


def test_audit_lists_what_each_record_lacks(cli, legacy):
    CatalogEntry(name="complete-entry")  # complete: not listed
    result = cli.invoke(ckan, ["harbin", "metadata", "audit", "--csv"])
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(result.output[result.output.index("kind,"):]))}
    assert set(rows) == {"old-bureau", "old-statistics"}
    assert rows["old-statistics"]["kind"] == "dataset"
    missing = rows["old-statistics"]["missing"].split("; ")
    for label in ("资源代码", "数据领域", "数据格式", "更新周期", "开放类型", "脱敏状态", "数据项"):
        assert label in missing
    assert "资源名称" not in missing
    assert rows["old-bureau"]["missing"].split("; ") == ["统一社会信用代码", "单位类型", "所属区县"]


def test_audit_text_report(cli, legacy):
    Agency()
    result = cli.invoke(ckan, ["harbin", "metadata", "audit"])
    assert "old-statistics" in result.output and "2 records lack required fields." in result.output
