"""Personal data in shapes outside the other fixtures (outside_shapes.py: full-width forms, separators
between digit groups) is found by the scan and absent from the masked copy, whose strict rescan is
clean; numbers written with the same separators that are no personal data stay clear."""
from __future__ import annotations

import random
import re
import unicodedata

import pytest

from ckanext.harbin_opendata.common.tabular import Limits
from ckanext.harbin_opendata.privacy.masked_copy import write_masked
from ckanext.harbin_opendata.privacy.masking import default_rules
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .outside_shapes import SEPARATED, SEPARATED_DECOYS, SEPARATED_PEOPLE, SHAPES
from .samples import resident_id, write_csv

LIMITS = Limits(max_unpacked_bytes=1 << 30)
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")


def _plain(text: str) -> str:
    """Letters and digits only (whatever separated them)."""
    return re.sub(r"[\W_]", "", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("header,cell,kind,value", SHAPES + SEPARATED,
                         ids=[f"{s[2]}-{n}" for n, s in enumerate(SHAPES + SEPARATED)])
def test_found_and_masked(header, cell, kind, value, tmp_path):
    source, target = tmp_path / "source.csv", tmp_path / "masked.csv"
    scan = scan_file(write_csv(source, [["序号", "单位", header], *[[str(n), "道里区", cell] for n in range(1, 4)]]),
                     LIMITS)
    assert kind in scan.columns[2]["kinds"]
    write_masked(str(source), LIMITS, str(target), default_rules(scan.columns), scan.columns, {})
    masked = target.read_text(encoding="utf-8-sig")
    body = masked.split("\n", 1)[1]
    assert value not in _plain(body)
    assert not re.search("[\uff10-\uff19]", body)  # no full-width digit of the original kept
    assert not scan_file(str(target), LIMITS, strict=True).personal


def test_separated_decoys_stay_clear_beside_separated_personal_data(tmp_path):
    """Only the columns of IDs and mobiles written with separators are flagged: dates, amounts,
    credit codes, serials, IP addresses and versions written alike are not, and office phones are
    landlines only (beside people's data they count as such: settle_table), never mobiles."""
    headers = [*SEPARATED_DECOYS, "证件号码", "联系电话"]
    rows = [[*(cells[n % len(cells)] for cells in SEPARATED_DECOYS.values()), id_number, mobile]
            for n, (id_number, mobile, _) in enumerate(SEPARATED_PEOPLE)]
    scan = scan_file(write_csv(tmp_path / "source.csv", [headers, *rows]), LIMITS)
    assert {column["header"]: column["kinds"] for column in scan.columns if column["kinds"]} == {
        "证件号码": ["resident_id"], "联系电话": ["mobile"], "办公电话": ["landline"]}


@pytest.mark.parametrize("headers, cut", [(["证件号码(前6位)", "证件号码(后12位)"], 6),
                                          (["证件前段", "证件后段"], 10)])  # as the probe's f_split_cols.csv
def test_an_id_split_over_two_columns_is_found_and_masked(headers, cut, tmp_path):
    rng = random.Random(3)
    ids = [resident_id(rng) for _ in range(20)]
    source, target = tmp_path / "source.csv", tmp_path / "masked.csv"
    scan = scan_file(write_csv(source, [["序号", *headers, "备注"], *([str(n), id_number[:cut], id_number[cut:], "已核实"]
                                                                   for n, id_number in enumerate(ids))]), LIMITS)
    assert {column["header"]: column["kinds"] for column in scan.columns if column["kinds"]} == {
        header: ["resident_id"] for header in headers}
    write_masked(str(source), LIMITS, str(target), default_rules(scan.columns), scan.columns, {})
    body = target.read_text(encoding="utf-8-sig").split("\n", 1)[1]
    assert not any(id_number[1:cut] in body or id_number[cut + 1:] in body for id_number in ids)
    assert not scan_file(str(target), LIMITS, strict=True).personal


def test_a_region_code_beside_a_dated_serial_is_no_split_id(tmp_path):
    """230103 | 202503120001: joined, a region and a date, but the check character fits only by chance."""
    rows = [["区划代码", "登记编号"], *(["230103", f"20250312{n:04d}"] for n in range(1, 41))]
    assert not scan_file(write_csv(tmp_path / "source.csv", rows), LIMITS).personal
