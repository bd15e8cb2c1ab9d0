"""Personal data in parts of an XLSX the cell reader never opens: a pivot table's cache keeps a copy
of every cell it was built from, after the source sheet is deleted; the original must not be
published, and the masked copy (written cell by cell) keeps none of it."""
from __future__ import annotations

import zipfile

import pytest

from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .agency_workbooks import LIMITS, copy_texts, scan_and_mask
from .samples import PERSONAL_COLUMNS, table
from .test_workbook_text import _plain_workbook
from .workbook_parts import pivot_cache_parts, with_parts

_DECOYS = ["订单编号", "交易流水号", "统一社会信用代码", "补贴金额", "发放日期", "所属街道", "办学许可证号"]


def _pivot_workbook(tmp_path, columns: list[str], shared: set[str]):
    header, rows = table(120)
    picked = [header.index(name) for name in columns]
    workbook, _ = _plain_workbook()  # the register's sheet deleted: only the pivot's cache is left
    plain = tmp_path / "plain.xlsx"
    workbook.save(plain)
    path = tmp_path / "汇总.xlsx"
    parts = pivot_cache_parts(columns, [[row[index] for index in picked] for row in rows], shared)
    with_parts(plain, path, parts)
    return path, rows[0][header.index("身份证号")]


@pytest.mark.parametrize("shared", [set(), {"申请人姓名", "身份证号", "联系电话", "银行卡号"}], ids=["inline", "shared"])
def test_a_pivot_cache_of_a_deleted_register_blocks_and_stays_out_of_the_masked_copy(tmp_path, shared):
    columns = ["申请人姓名", "身份证号", "联系电话", "银行卡号", *_DECOYS]
    path, an_id = _pivot_workbook(tmp_path, columns, shared | {"所属街道"})
    result, target = scan_and_mask(path, tmp_path)
    found = {column["header"]: column["kinds"] for column in result.columns if column["kinds"]}
    assert {header: kinds for header, kinds in found.items() if header in PERSONAL_COLUMNS} == {
        header: [PERSONAL_COLUMNS[header]] for header in columns[:4]}, found
    assert set(found) <= set(PERSONAL_COLUMNS), found
    assert an_id not in copy_texts(target)


def test_a_pivot_cache_of_decoys_is_not_personal(tmp_path):
    path, _ = _pivot_workbook(tmp_path, _DECOYS, {"所属街道"})
    result = scan_file(str(path), LIMITS)
    assert not result.personal, [column for column in result.columns if column["kinds"]]


def test_a_pivot_cache_is_read_the_same_in_small_batches(tmp_path, monkeypatch):
    from ckanext.harbin_opendata.common.tabular import cached_cells

    path, _ = _pivot_workbook(tmp_path, ["申请人姓名", "身份证号", "所属街道"], {"所属街道"})

    def values() -> dict:
        gathered: dict = {}
        for field, batch in cached_cells.cached_columns(str(path), LIMITS):
            gathered.setdefault(field, []).extend(batch)
        return gathered

    whole = values()
    monkeypatch.setattr(cached_cells, "_BATCH", 7)
    counts = {field.name: len(batch) for field, batch in whole.items()}
    assert values() == whole and counts["申请人姓名"] == counts["身份证号"] == 120, counts


def test_a_pivot_cache_declaring_entities_is_refused(tmp_path):
    from ckanext.harbin_opendata.common.tabular.errors import TableError

    workbook, _ = _plain_workbook()
    plain = tmp_path / "plain.xlsx"
    workbook.save(plain)
    path = tmp_path / "汇总.xlsx"
    with_parts(plain, path, {"xl/pivotCache/pivotCacheRecords1.xml":
                             '<!DOCTYPE r [<!ENTITY a "13812345678">]><pivotCacheRecords><r><s v="&a;"/></r></pivotCacheRecords>'})
    with pytest.raises(TableError):
        scan_file(str(path), LIMITS)


def test_a_workbook_embedding_another_file_is_unreadable_not_clear(tmp_path):
    """An embedded object (here another workbook, a copy of the register) is not opened: the file is
    not clear until it is removed."""
    from ckanext.harbin_opendata.common.tabular.errors import TableError

    register, _ = _pivot_workbook(tmp_path, ["申请人姓名", "身份证号"], set())
    workbook, _ = _plain_workbook()
    plain = tmp_path / "plain.xlsx"
    workbook.save(plain)
    path = tmp_path / "嵌入.xlsx"
    with zipfile.ZipFile(path, "w") as target, zipfile.ZipFile(plain) as source:
        for member in source.infolist():
            target.writestr(member, source.read(member.filename))
        target.write(register, "xl/embeddings/Microsoft_Excel_Worksheet1.xlsx")
    with pytest.raises(TableError) as error:
        scan_file(str(path), LIMITS)
    assert error.value.params == {"kind": "embedded"}


@pytest.mark.parametrize("value", ["6222021234567890128", "230102900101123", "13812345678"], ids=["card", "id15", "mobile"])
def test_a_number_alone_in_one_note_among_many_blocks(tmp_path, value):
    """A note or property has no column whose share of findings would have to be reached: one bank
    card number among eleven notes is enough."""
    from openpyxl.comments import Comment

    workbook, sheet = _plain_workbook()
    for row in range(5, 16):
        sheet[f"B{row}"].comment = Comment(value if row == 9 else "已核实", "统计科")
    path = tmp_path / "企业名录.xlsx"
    workbook.save(path)
    found = [column["kinds"] for column in scan_file(str(path), LIMITS).columns if column["kinds"]]
    assert found and found[0] in (["bank_card"], ["resident_id"], ["mobile"]), found
