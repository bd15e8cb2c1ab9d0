"""Masked copies that cannot under-mask, end to end: a register whose 证件或联系方式 column mixes
IDs, mobiles, e-mail addresses, a card and a labelled name is masked with the default rules, each
cell by the shape of what it is (the owner's page and the copy agree: 136****1235); numbers
grouped in ways the detectors do not know are hidden by "mask found" in a flagged column; the copy
passes its strict rescan, the entry is published, and the copy downloaded anonymously holds no
original value and none masked lightly."""
from __future__ import annotations

import csv
import io

import pytest

import ckan.plugins.toolkit as tk

from .conftest import upload
from .jobs import mask_now, run_scans
from .publishing import publish
from .registers import GROUPED, MIXED, groupings_csv, register_csv, register_xlsx, under_masked


def _public_copy(app, people, original_id: str, rules=None) -> str:
    """Mask, publish, and download the copy as an anonymous visitor; returns the copy's id."""
    copy_id = mask_now(people.editor, original_id, rules)
    status = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": people.entry["id"]})
    copy = next(res for res in status["resources"] if res["id"] == copy_id)
    assert copy["scan"]["strict"] and copy["state"] == "clear", copy["scan"]["columns"]
    publish(people, people.entry["id"])
    return copy_id


def _download(app, people, copy_id: str) -> bytes:
    response = app.get(f"/dataset/{people.entry['id']}/resource/{copy_id}/download")
    assert response.status_code == 200
    return response.data


def _csv_cells(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _xlsx_cells(body: bytes) -> list[list[str]]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
    return [["" if value is None else str(value) for value in row]
            for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)]


def _mixed_column(rows: list[list[str]]) -> list[str]:
    header = next(index for index, row in enumerate(rows) if "证件或联系方式" in row)
    column = rows[header].index("证件或联系方式")
    return [row[column] for row in rows[header + 1:header + 1 + len(MIXED)]]


def _assert_masked(rows: list[list[str]]) -> None:
    text = "\n".join(",".join(row) for row in rows)
    for name in ("张伟", "李娜", "欧阳修", "刘建国", "孙丽"):
        assert name not in text
    masked = _mixed_column(rows)
    lightly = [(value, shown) for (value, most), shown in zip(MIXED, masked) if under_masked(value, shown, most)]
    assert lightly == []
    assert masked[3] == "136****1235" and masked[4] == "w*********@qq.com"


@pytest.mark.usefixtures("storage")
def test_each_cell_of_a_mixed_column_is_masked_by_its_own_shape(people, app):
    original = upload(people.entry["id"], people.editor, register_csv(), "登记表.csv", "CSV")
    run_scans(people.entry["id"])
    status = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": people.entry["id"]})
    [column] = [col for col in status["resources"][0]["scan"]["columns"] if col["header"] == "证件或联系方式"]
    assert "136****1235" in column["examples"]["mobile"]  # the owner's page shows what the copy holds
    copy_id = _public_copy(app, people, original["id"])
    _assert_masked(_csv_cells(_download(app, people, copy_id)))


@pytest.mark.usefixtures("storage")
def test_a_workbook_with_merged_titles_is_masked_cell_by_cell(people, app):
    original = upload(people.entry["id"], people.editor, register_xlsx(), "登记表.xlsx", "XLSX")
    run_scans(people.entry["id"])
    copy_id = _public_copy(app, people, original["id"])
    rows = _xlsx_cells(_download(app, people, copy_id))
    assert rows[0][0] == "哈尔滨市道里区2025年城乡低保对象登记表"
    _assert_masked(rows)


@pytest.mark.usefixtures("storage")
def test_mask_found_leaves_no_grouped_number_of_a_flagged_column_whole(people, app):
    original = upload(people.entry["id"], people.editor, groupings_csv(), "联系人.csv", "CSV")
    run_scans(people.entry["id"])
    status = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": people.entry["id"]})
    columns = {col["header"]: col for col in status["resources"][0]["scan"]["all_columns"]}
    assert {"联系电话", "身份证号", "备注"} <= {header for header, col in columns.items() if col["kinds"]}
    rules = {col["key"]: "mask_found" for col in columns.values()}
    copy_id = _public_copy(app, people, original["id"], rules)
    rows = _csv_cells(_download(app, people, copy_id))[1:]
    notes = [row[3].split("证件") for row in rows]  # 联系<mobile> 证件<ID>
    lightly = [(value, shown) for row, note, (mobile, resident_id) in zip(rows, notes, GROUPED)
               for value, shown, most in ((mobile, row[1], 7), (resident_id, row[2], 10),
                                          (mobile, note[0], 7), (resident_id, note[1], 10))
               if under_masked(value, shown, most)]
    assert lightly == []
