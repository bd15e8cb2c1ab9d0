"""A register as an agency writes it (GBK or a workbook, title rows, a merged two-level header,
dates written 2019年5月13日 or 2019.5.13, footer lines 制表人：/审核人：/填表日期：/注：) the whole way:
upload, scan, masked copy, publication, DataStore, preview, consistency check. The footer is scanned
but is no data row: not in the DataStore, not in the preview; in the masked copy its labels stay as
written and the names after them are masked; the dates load as dates."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

import ckan.lib.uploader as uploader
import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.data.consistency import entry_mismatches
from ckanext.harbin_opendata.preview.table import first_rows

from ..privacy.jobs import mask_now, run_scans
from ..privacy.publishing import publish
from .agency_tables import DRIVER_ITEMS, DRIVERS, DRIVERS_HEADER, drivers_csv, drivers_xlsx
from .conftest import run_jobs, search, upload


def _issued(written: str) -> str:
    year, rest = written.split("年")
    month, day = rest.rstrip("日").split("月")
    return dt.date(int(year), int(month), int(day)).isoformat() + "T00:00:00"


def _published_copy(people, data: bytes, name: str, fmt: str, items: list = DRIVER_ITEMS) -> tuple[str, str]:
    """The register uploaded to the cast's entry (its data `items` declared), scanned, masked with
    the default rules, published and loaded: (original id, masked copy id)."""
    entry = people.entry["id"]
    tk.get_action("package_patch")({"user": people.editor}, {"id": entry, "data_items": items})
    original = upload(entry, people.editor, data, name, fmt)
    run_scans(entry)
    masked = mask_now(people.editor, original["id"])
    publish(people, entry)
    run_jobs()
    return original["id"], masked


def _assert_rows_are_the_drivers(people, masked: str) -> None:
    found = search("", masked, sort="_id", limit=100)
    types = {field["id"]: field["type"] for field in found["fields"] if field["id"] != "_id"}
    assert types["序号"] == "numeric" and types["发证日期"] == "timestamp", types
    assert found["total"] == len(DRIVERS)
    assert [int(record["序号"]) for record in found["records"]] == list(range(1, 41))
    assert [record["发证日期"] for record in found["records"]] == [_issued(row[7]) for row in DRIVERS]
    assert not [record for record in found["records"] if "人：" in str(record) or "人:" in str(record)]
    package = tk.get_action("package_show")({"user": people.reviewer}, {"id": people.entry["id"]})
    assert entry_mismatches(package) == []


def _masked_file(resource_id: str) -> str:
    resource = model.Resource.get(resource_id)
    with open(uploader.get_resource_uploader(resource.as_dict()).get_path(resource.id), "rb") as stored:
        return stored.read().decode("utf-8-sig")


@pytest.mark.usefixtures("storage")
def test_a_gbk_register_with_a_footer_loads_its_drivers_only(people, app):
    original, masked = _published_copy(people, drivers_csv(), "驾驶员.csv", "CSV")
    _assert_rows_are_the_drivers(people, masked)

    preview = first_rows(masked)
    assert preview["header"] == DRIVERS_HEADER and len(preview["rows"]) == 40 and not preview["more"]
    assert preview["rows"][-1][0] == "40"

    rows = list(csv.reader(io.StringIO(_masked_file(masked))))
    assert rows[-1] == ["制表人：王**", "审核人：李**"]  # the labels as written, the names masked
    assert rows[-2] == [] and rows[3] == DRIVERS_HEADER and rows[4][1] == DRIVERS[0][1][0] + "*"
    assert "王某某" not in _masked_file(masked) and "李某某" not in _masked_file(masked)

    page = app.get(f"/dataset/{people.entry['name']}/review", extra_environ={"REMOTE_USER": people.reviewer}).body
    assert "harbin-data-mismatch" not in page and "声明为日期型" not in page

    for prefix, rows_read, expected in [
            ("", "已读取 40 行数据，另有标题行、表头和表尾共 4 行", {"序号": ["姓名", "0 / 40", "1"], "驾驶员姓名": ["姓名", "40 / 40", "1"],
                                                     "身份证号码": ["居民身份证号码", "40 / 40", "–"]}),
            ("/en", "40 data rows read, besides 4 title, header and footer lines", {"序号": ["person's name", "0 / 40", "1"]})]:
        shown = _privacy_table(app, people, prefix, original)
        assert rows_read in shown["text"]
        for column, cells in expected.items():
            assert shown["rows"][column][:3] == cells, shown["rows"]


def _privacy_table(app, people, prefix: str, resource_id: str) -> dict:
    """The owner's privacy page: the original's section text and its table of columns, by column."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup(app.get(f"{prefix}/dataset/{people.entry['name']}/privacy",
                                 extra_environ={"REMOTE_USER": people.editor}).body, "html.parser")
    section = page.find(id=f"res-{resource_id}").find_parent("section")
    rows = {}
    for row in section.find("tbody").find_all("tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        rows[cells[0]] = cells[1:]
    return {"text": " ".join(section.get_text(" ", strip=True).split()), "rows": rows}


@pytest.mark.usefixtures("storage")
def test_a_register_signed_by_roles_loads_its_drivers_only_and_masks_the_signers(people):
    """An accounting form's signature line (制表：, 审核：, 会计：, 出纳：, no 人) is a footer too."""
    original, masked = _published_copy(people, drivers_csv("制表：刘建华,审核：孙丽萍,会计：周敏,出  纳：赵德胜"), "驾驶员.csv", "CSV")
    found = search("", masked, sort="_id", limit=100)
    assert found["total"] == len(DRIVERS) and not [record for record in found["records"] if "：" in str(record)]
    preview = first_rows(masked)
    assert len(preview["rows"]) == 40 and preview["rows"][-1][0] == "40"
    rows = list(csv.reader(io.StringIO(_masked_file(masked))))
    assert rows[-1] == ["制表：刘**", "审核：孙**", "会计：周*", "出  纳：赵**"]


@pytest.mark.usefixtures("storage")
def test_a_workbook_with_a_two_level_header_and_footers_loads_its_drivers_only(people):
    original, masked = _published_copy(people, drivers_xlsx(), "驾驶员.xlsx", "XLSX")
    status = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": people.entry["id"]})
    [scan] = [res["scan"] for res in status["resources"] if res["id"] == original]
    assert scan["tables"][0]["header"] == DRIVERS_HEADER and scan["rows_done"] == 40
    _assert_rows_are_the_drivers(people, masked)
    preview = first_rows(masked)
    assert len(preview["rows"]) == 40 and not [row for row in preview["rows"] if "注：" in "".join(row)]
