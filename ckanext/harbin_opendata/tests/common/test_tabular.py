"""The one tabular reader on the shapes agencies send: the header found below title, subtitle and
blank rows (and not taken from them), trailing commas, ragged rows kept whole, footers, merged
title cells, every sheet (hidden ones too), GBK/UTF-16, archives with GBK member names, JSON
envelopes; uncertain layouts said so; what is not a table, or unpacks too far, refused."""
from __future__ import annotations

import io
import json
import zipfile

import pytest

from ckanext.harbin_opendata.common.tabular import Limits, TableError, find_layout, open_tables, sniff
from ckanext.harbin_opendata.common.tabular.columnar import column_batches

LIMITS = Limits(max_unpacked_bytes=1 << 24)


def _tables(tmp_path, data: bytes) -> list:
    path = tmp_path / "file"
    path.write_bytes(data)
    return list(open_tables(str(path), LIMITS))


@pytest.mark.parametrize("rows, header_row, confident", [
    ([["哈尔滨市某局政务服务办件登记表", "", "", ""], ["数据截止日期：2025年12月31日", "", "", "单位：元"],
      ["序号", "姓名", "金额", "日期"], ["1", "张三", "12.5", "2025-01-02"]], 2, True),
    ([["序号", "姓名", "金额"], ["1", "张三", "3"]], 0, True),
    ([["", "", ""], ["指标", "2023年", "2024年"], ["人口", "100", "101"]], 1, True),  # years name columns
    ([["基本信息", "基本信息", "联系方式"], ["姓名", "性别", "电话"], ["张三", "男", "13812345678"]], 1, True),
    ([["填报单位：哈尔滨市某局", "填报日期：2025-01-01"], ["名称", "金额（单位：元）"], ["甲", "3"]], 1, True),
    ([["张三", "230102199412219443"], ["李四", "230102199412219443"]], None, False),  # no header at all
    ([["甲", "乙"], ["丙", "丁"]], 0, False),  # two text rows: which is the header is a guess
])
def test_layout(rows, header_row, confident):
    layout = find_layout(rows)
    assert (layout.header_row, layout.confident) == (header_row, confident)


def test_a_confirmed_header_is_taken_as_it_is():
    assert find_layout([["甲", "乙"], ["丙", "丁"]], header_row=1).header_row == 1
    assert find_layout([["甲", "乙"]], header_row=-1).header_row is None


def test_title_lines_with_trailing_commas_ragged_rows_and_footers(tmp_path):
    text = ("登记表,,,,,,\r\n数据截止日期：2025年12月31日,,,,,,\r\n序号,姓名,电话\r\n"
            "1,张三,13812345678\r\n2,李四,13912345678,多出的一格\r\n制表人：王五\r\n")
    [table] = _tables(tmp_path, text.encode("gbk"))
    # The header names the columns it has; the ragged row's fourth cell is an unnamed column.
    assert (table.text.encoding, table.layout.header_row, table.header) == ("gb18030", 2, ["序号", "姓名", "电话", ""])
    assert [row[0] for row in table.title_rows] == ["登记表", "数据截止日期：2025年12月31日"]
    data = [["1", "张三", "13812345678"], ["2", "李四", "13912345678", "多出的一格"]]
    assert list(table.rows()) == data  # the footer is no data row (footer.py) ...
    rows = list(table.all_rows())[table.data_start:]
    assert rows == [*data, ["制表人：王五"]]  # ... but a row of the file
    columns = [[cell for array in batch[index:index + 1] for cell in array.to_pylist()]
               for batch in column_batches(table) for index in range(len(batch))]
    cells = sorted(cell for column in columns for cell in column if cell)
    assert cells == sorted(cell for row in rows for cell in row if cell)  # no cell lost, none invented


def test_a_row_handed_back_while_others_are_read_is_kept(tmp_path, monkeypatch):
    """Arrow hands rows of another width back from its threads, which parse ahead of the reader: a
    row handed back while the ones before it are being read is read too (before, it was dropped
    with them: up to 5,700 of 100,000 wider rows of a GBK file went unread in one reading of four)."""
    from ckanext.harbin_opendata.common.tabular import columnar

    handlers = []

    def recorded(source, **options):
        handlers.append(options["parse_options"].invalid_row_handler)
        return open_csv(source, **options)

    open_csv = columnar.arrow_csv.open_csv
    monkeypatch.setattr(columnar.arrow_csv, "open_csv", recorded)
    [table] = _tables(tmp_path, "序号,姓名,电话\r\n1,张三,13812345678\r\n2,李四,13912345678,多出的一格\r\n".encode("gbk"))
    batches = columnar._arrow_batches(table, table.data_start)
    assert [array.to_pylist() for array in next(batches)] == [["1"], ["张三"], ["13812345678"]]
    assert [array.to_pylist() for array in next(batches)][-1] == ["多出的一格"]
    handlers[0](columnar.arrow_csv.InvalidRow(3, 4, None, "3,王五,13712345678,又多一格"))  # parsed ahead meanwhile
    assert [array.to_pylist() for batch in batches for array in batch][-1] == ["又多一格"]


@pytest.mark.parametrize("text", ["", "姓名,身份证号\r\n", "姓名,身份证号", "登记表,,\r\n序号,姓名,电话\r\n", "姓名,电话\r\n\r\n\r\n"])
def test_a_file_without_rows_has_no_rows(tmp_path, text):
    """An empty file or a header without data rows: no rows (once an internal error in Arrow)."""
    for table in _tables(tmp_path, text.encode("gbk")):
        assert [list(batch) for batch in column_batches(table)] == []


def test_workbook_sheets_hidden_and_merged(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "明细"
    sheet.append(["补贴发放明细"])
    sheet.merge_cells("A1:C1")
    sheet.append(["姓名", "身份证号", "金额"])
    sheet.append(["张三", "230102199412219443", 12.0])
    hidden = workbook.create_sheet("名单")
    hidden.sheet_state = "hidden"
    hidden.append(["姓名"])
    hidden.append(["李四"])
    out = io.BytesIO()
    workbook.save(out)
    tables = _tables(tmp_path, out.getvalue())
    assert [(table.name, table.layout.header_row, table.confident) for table in tables] == [("明细", 1, True),
                                                                                            ("名单", 0, True)]
    assert list(tables[0].rows()) == [["张三", "230102199412219443", "12"]]
    assert tables[0].title_rows[0] == ["补贴发放明细"] * 3  # the merged title fills its cells


def test_utf16_tab_text_and_json_envelopes(tmp_path):
    [table] = _tables(tmp_path, "姓名\t电话\r\n张三\t13812345678\r\n".encode("utf-16"))
    assert (table.text.delimiter, table.header, list(table.rows())) == ("\t", ["姓名", "电话"], [["张三", "13812345678"]])
    envelope = {"code": 0, "data": {"total": 1, "list": [{"姓名": "张三", "住址": {"区": "道里区"}}]}}
    [table] = _tables(tmp_path, json.dumps(envelope, ensure_ascii=False).encode())
    assert table.header == ["姓名", "住址"] and list(table.rows()) == [["张三", '{"区": "道里区"}']]


@pytest.mark.parametrize("quote", ['"', ""])  # Python's csv module and Excel do not quote a tab
def test_delimiters_inside_cells_do_not_count(tmp_path, quote):
    """A CSV whose cells hold more tabs than its lines hold commas (numbers grouped by tabs) is read
    by its commas, found on every line (the header too): the number stays in one cell."""
    card = "6222\t0212\t3456\t7890\t128"
    lines = ["序号,单位,银行卡号", *(f'{n},道里区,{quote}{card}{quote}' for n in range(1, 4))]
    [table] = _tables(tmp_path, "\r\n".join(lines).encode())
    assert (table.text.delimiter, table.header, list(table.rows())[0]) == (",", ["序号", "单位", "银行卡号"], ["1", "道里区", card])


def test_archive_members_with_gbk_names(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("XXXXXXXX.csv", "姓名,电话\r\n张三,13812345678\r\n".encode("gbk"))
    path = tmp_path / "file"
    path.write_bytes(out.getvalue().replace(b"XXXXXXXX.csv", "一月名单.csv".encode("gbk")))
    read = [(table.name, list(table.rows())) for table in open_tables(str(path), LIMITS)]  # members are read in turn
    assert read == [("一月名单.csv", [["张三", "13812345678"]])]


@pytest.mark.parametrize("data, kind", [(b"%PDF-1.4 ...", "pdf"), (b"\x89PNG\r\n\x1a\n....", "image"),
                                        (b"\x00\x01\x02binary" * 10, "binary")])
def test_what_is_not_a_table_is_refused(tmp_path, data, kind):
    path = tmp_path / "file"
    path.write_bytes(data)
    with pytest.raises(TableError) as error:
        sniff(str(path))
    assert (error.value.code, error.value.params) == ("not_tabular", {"kind": kind})


def test_a_zip_bomb_is_refused_before_it_is_read(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.csv", b"1,2\r\n" * (8 << 20))  # 40 MB that packs to ~40 KB
    with pytest.raises(TableError) as error:
        _tables(tmp_path, out.getvalue())
    assert error.value.code == "unpacked_too_large"
    with pytest.raises(TableError) as error:
        path = tmp_path / "bomb"
        path.write_bytes(out.getvalue())
        list(open_tables(str(path), Limits(max_unpacked_bytes=1 << 30)))
    assert error.value.code == "packed_too_densely"
