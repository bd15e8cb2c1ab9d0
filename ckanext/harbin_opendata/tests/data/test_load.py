"""Tables reach the DataStore as the personal-data scan read them: GBK and UTF-8 text with title
rows above the header, and a workbook with a merged title; column types from every cell."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.common.data_items import items_from_file
from ckanext.harbin_opendata.preview.table import first_rows

from ..privacy.jobs import mask_now
from ..privacy.publishing import publish
from ..privacy.samples import resident_id_with
from ..workbooks import titled_sheet, workbook_bytes
from .conftest import HEADER, ROWS, TYPES, company_csv, company_xlsx, run_jobs, search, upload


@pytest.mark.usefixtures("storage")
def test_gbk_utf8_and_xlsx_load_with_the_scanned_header_and_types(people):
    entry = people.entry["id"]
    files = {"gbk": upload(entry, people.editor, company_csv("gbk", "哈尔滨市2025年度企业登记统计表"), "企业登记.csv", "CSV"),
             "utf8": upload(entry, people.editor, company_csv("utf-8", "企业登记（UTF-8）"), "企业登记u.csv", "CSV"),
             "xlsx": upload(entry, people.editor, company_xlsx(), "企业登记.xlsx", "XLSX")}
    publish(people, entry)
    run_jobs()
    status = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": entry})
    scanned = {res["id"]: res["scan"]["tables"][0]["header"] for res in status["resources"]}
    for kind, resource in files.items():
        found = search("", resource["id"], sort="_id")
        fields = [field for field in found["fields"] if field["id"] != "_id"]
        assert [field["id"] for field in fields] == HEADER == scanned[resource["id"]], kind
        assert [field["type"] for field in fields] == TYPES, kind
        records = found["records"]
        assert [record["企业名称"] for record in records] == [row[1] for row in ROWS], kind
        assert [record["区县代码"] for record in records] == ["0451", "0452", "0453"], kind
        assert records[0]["成立日期"].startswith("2025-01-05") and records[2]["注册资本（万元）"] is None, kind
        assert float(records[0]["注册资本（万元）"]) == 100.5, kind
        assert tk.get_action("resource_show")({"user": ""}, {"id": resource["id"]})["datastore_active"] is True


@pytest.mark.usefixtures("storage")
def test_full_text_and_filters_find_chinese_rows(people):
    resource = upload(people.entry["id"], people.editor, company_csv("gbk", "登记表"), "企业.csv", "CSV")
    publish(people, people.entry["id"])
    run_jobs()
    assert [r["序号"] for r in search("", resource["id"], filters={"所属区县": "南岗区"})["records"]] == [2]
    assert search("", resource["id"], q="道外区")["total"] == 1


@pytest.mark.usefixtures("storage")
def test_a_loaded_table_has_its_search_indexes(people):
    """The loader drops the table's indexes for the COPY (xloader's order) and builds them after."""
    import sqlalchemy as sa

    from ckanext.datastore.backend.postgres import get_read_engine

    resource = upload(people.entry["id"], people.editor, company_csv("gbk", "登记表"), "企业.csv", "CSV")
    publish(people, people.entry["id"])
    run_jobs()
    with get_read_engine().connect() as connection:
        indexes = [row.indexdef for row in connection.execute(
            sa.text("SELECT indexdef FROM pg_indexes WHERE tablename = :t"), {"t": resource["id"]})]
    assert any("_full_text" in index for index in indexes), indexes
    assert search("", resource["id"], q="0452")["total"] == 1  # CKAN's full text, an ASCII term


@pytest.mark.usefixtures("storage")
def test_a_stacked_second_table_never_reaches_the_datastore_or_the_preview(people, tmp_path):
    """The DataStore, the preview and drafted data items read a workbook as the scan did: of two
    tables stacked in a sheet, the first under its own header; the second (its ID numbers masked
    in the public copy) is never read as rows of the first."""
    workbook, sheet = titled_sheet("企业登记", "哈尔滨市2025年度企业登记统计表", HEADER)
    for row in ROWS:
        sheet.append(row)
    ids = [resident_id_with("230102", f"1985010{n}", f"{n}31") for n in range(1, 4)]
    for row in ([], ["表二：企业联系人"], ["序号", "联系人姓名", "身份证号码", "手机号码"],
                *([str(n), name, ids[n - 1], f"1390451000{n}"] for n, name in enumerate(["王秀兰", "李建国", "张桂芬"], 1))):
        sheet.append(row)
    original = upload(people.entry["id"], people.editor, workbook_bytes(workbook), "企业登记.xlsx", "XLSX")
    (tmp_path / "stacked.xlsx").write_bytes(workbook_bytes(workbook))
    items = items_from_file(str(tmp_path / "stacked.xlsx"), 1 << 24)
    assert [(item["name"], item["type"]) for item in items][:2] == [("序号", "integer"), ("企业名称", "string")]
    assert [item["name"] for item in items] == HEADER
    run_jobs()
    masked_id = mask_now(people.editor, original["id"])
    publish(people, people.entry["id"])
    run_jobs()
    records = search("", masked_id, sort="_id")["records"]
    assert [[str(record[name] or "") for name in ("企业名称", "区县代码")] for record in records] == \
        [[row[1], row[5]] for row in ROWS]
    preview = first_rows(masked_id)
    assert preview["header"] == HEADER and [row[1] for row in preview["rows"]] == [row[1] for row in ROWS]
    shown = str(records) + str(preview)
    assert not [value for value in ["表二", "身份证号码", "王秀兰", *ids] if value in shown]
