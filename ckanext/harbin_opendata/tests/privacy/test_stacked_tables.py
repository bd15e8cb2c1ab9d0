"""Tables stacked in one sheet (corpus_stacked.py): each table is scanned under its own header, the
masked copy (default rules) keeps every table and holds none of the planted values, its strict
rescan is clean; a sheet whose structure cannot be told is not confident (publication waits)."""
from __future__ import annotations

import csv
import io
import re

import pytest

from ckanext.harbin_opendata.common.tabular import Limits, open_tables, tables
from ckanext.harbin_opendata.common.tabular.stacked import MAX_TABLES, table_starts
from ckanext.harbin_opendata.privacy.masked_copy import write_masked
from ckanext.harbin_opendata.privacy.masking import default_rules
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .corpus_stacked import stacked_files, too_many_stacked_csv

LIMITS = Limits(max_unpacked_bytes=1 << 28)


def _text_of(path: str, fmt: str) -> str:
    if fmt == "CSV":
        return open(path, encoding="utf-8-sig").read()
    return "\n".join(",".join(row) for table in open_tables(path, LIMITS) for row in table.all_rows())


@pytest.mark.parametrize("large", [False, True], ids=["searched", "watched"])
@pytest.mark.parametrize("item", stacked_files(), ids=lambda item: item[0])
def test_masked_copy_of_stacked_tables_holds_no_planted_value(item, large, tmp_path, monkeypatch):
    """"watched": the text file counts as too large to be searched beforehand (scan/stacking.py)."""
    if large:
        monkeypatch.setattr(tables, "_STACK_SEARCH_BYTES", 0)
    name, _, body, planted, values = item
    source, target = tmp_path / "source", tmp_path / "masked"
    source.write_bytes(body)
    scan = scan_file(str(source), LIMITS)
    fmt = write_masked(str(source), LIMITS, str(target), default_rules(scan.columns), scan.columns, {})
    text = _text_of(str(target), fmt)
    compact = re.sub(r"[\s\-]", "", text)
    assert [value for value in values if value in text or re.sub(r"[\s\-]", "", value) in compact] == []
    assert "表二" in text and "填表人：" in text  # titles and footers kept (their names masked)
    assert {column["sheet"] for column in scan.columns if column["kinds"]} == set(planted)
    rescan = scan_file(str(target), LIMITS, strict=True)
    assert not rescan.personal, [(c["sheet"], c["header"], c["kinds"]) for c in rescan.columns if c["kinds"]]
    assert rescan.confident and {table["name"] for table in rescan.tables} == set(planted)


def test_rows_of_a_stacked_sheet_are_read_once_each(tmp_path):
    _, _, body, _, _ = stacked_files()[1]
    path = tmp_path / "register.csv"
    path.write_bytes(body)
    whole = [row for table in open_tables(str(path), LIMITS) for row in table.all_rows()]
    split = [row for table in open_tables(str(path), LIMITS, stacked=True) for row in table.all_rows()]
    assert split == whole and len({table.name for table in open_tables(str(path), LIMITS, stacked=True)}) == 2


def test_too_many_stacked_tables_are_not_trusted_until_a_person_confirms_the_header(tmp_path):
    path = tmp_path / "many.csv"
    path.write_bytes(too_many_stacked_csv(MAX_TABLES + 1))
    result = scan_file(str(path), LIMITS)
    assert not result.confident and result.personal and [table["name"] for table in result.tables] == [""]
    assert result.tables[0]["more_stacked_than"] == MAX_TABLES  # the status page warns (test_pages)
    # A person confirms the header row of the sheet (its second row, 表1's): the scan reads it so and is
    # confident, instead of leaving the file unconfirmed for good; the masked copy is read the same way.
    confirmed = scan_file(str(path), LIMITS, confirmed={"": 1})
    assert confirmed.confident and [(table["name"], table["header_row"]) for table in confirmed.tables] == [("", 1)]
    found = {column["header"]: column["kinds"] for column in confirmed.columns if column["kinds"]}
    assert found == {"申请人": ["person_name"], "联系电话": ["mobile"]}
    target = tmp_path / "masked"
    fmt = write_masked(str(path), LIMITS, str(target), default_rules(confirmed.columns), confirmed.columns, {"": 1})
    masked = _text_of(str(target), fmt)
    assert "王伟" not in masked and "13812345678" not in masked and masked.count("表") == MAX_TABLES + 1


def test_where_stacked_tables_start():
    header, second = ["序号", "姓名", "身份证号", "联系电话"], ["序号", "申请人", "银行卡号", "发放金额"]
    data = [["1", "王伟", "230102199412219449", "13812345678"]]
    rows = [["表一"], header, *data, header, *data,  # a header printed again on the next page
            ["合计", "", "", "1"], [], ["表二：补贴发放", "表二：补贴发放"], second, *data,
            ["编号", "户主", "证件号码", "地址"], *data]  # a strong header right below data
    assert table_starts(rows, 1) == [0, 6, 10]  # 表二 starts at the blank line above its title
    assert table_starts([header, *data, ["张伟", "男", "汉族", "南岗区"]], 0) == [0]  # a data row of words


def test_a_watched_file_whose_header_repeats_is_scanned_once_searched(tmp_path, monkeypatch):
    """A large text file (watched while scanned) whose header is printed again on every page: the
    watch fires, the search finds one table, and the scan ends with its findings instead of firing
    again on the same header (which failed the scan for good: the entry could never be published)."""
    monkeypatch.setattr(tables, "_STACK_SEARCH_BYTES", 0)
    header = ["序号", "姓名", "联系电话", "所属区县"]
    rows = [header]
    for page in range(3):
        rows += [[str(page * 2 + 1), "王伟", "13812345678", "道里区"], [str(page * 2 + 2), "李娜", "13987654321", "南岗区"]]
        rows.append(header)
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    path = tmp_path / "pages.csv"
    path.write_text(text.getvalue(), encoding="utf-8")
    result = scan_file(str(path), LIMITS)
    assert result.personal and {tuple(column["kinds"]) for column in result.columns if column["kinds"]} >= {("person_name",), ("mobile",)}
