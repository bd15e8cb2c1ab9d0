"""Phone numbers split over adjacent columns (区号 | 号码, 3 | 8 and 3 | 4 | 4 digits of a mobile) are
found and masked cell by cell; codes beside years, dates or counts are no phone numbers."""
from __future__ import annotations

import csv
import io
import random

import pytest

from ckanext.harbin_opendata.common.tabular import Limits
from ckanext.harbin_opendata.privacy.masked_copy import write_masked
from ckanext.harbin_opendata.privacy.masking import default_rules
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .samples import resident_id, write_csv

LIMITS = Limits(max_unpacked_bytes=1 << 30)


def _kinds(scan) -> dict[str, list[str]]:
    return {column["header"]: column["kinds"] for column in scan.columns if column["kinds"]}


def _mobiles(rng: random.Random, count: int) -> list[str]:
    return [rng.choice(["138", "159", "176", "186"]) + f"{rng.randrange(10 ** 8):08d}" for _ in range(count)]


@pytest.mark.parametrize("headers, cuts", [(["区号", "号码"], (3,)), (["手机前三位", "手机后八位"], (3,)),
                                           (["号段", "中间四位", "末四位"], (3, 7))])
def test_a_mobile_split_over_adjacent_columns_is_found_and_masked(headers, cuts, tmp_path):
    rng = random.Random(5)
    mobiles = _mobiles(rng, 20)
    bounds = (0, *cuts, 11)
    rows = [["序号", *headers, "备注"], *([str(n), *(mobile[a:b] for a, b in zip(bounds, bounds[1:])), "已核实"]
                                         for n, mobile in enumerate(mobiles))]
    source, target = tmp_path / "source.csv", tmp_path / "masked.csv"
    scan = scan_file(write_csv(source, rows), LIMITS)
    assert _kinds(scan) == {header: ["mobile"] for header in headers}
    write_masked(str(source), LIMITS, str(target), default_rules(scan.columns), scan.columns, {})
    masked_rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))[1:]
    for row, masked in zip(rows[1:], masked_rows):  # every part is masked, each cell as it stands
        assert all(part != shown and "*" in shown for part, shown in zip(row[1:-1], masked[1:-1]))
    assert not scan_file(str(target), LIMITS, strict=True).personal


def test_landlines_and_mobiles_split_beside_ids_are_found(tmp_path):
    """区号 | 号码 holding 0451 | 86123456 and 176 | 60189555 in a table with ID numbers."""
    rng = random.Random(6)
    rows = [["区号", "号码", "证件号"]]
    for n in range(30):
        code, number = ("176", f"{rng.randrange(10 ** 8):08d}") if n % 3 == 0 else ("0451", f"{rng.randrange(2, 10)}{rng.randrange(10 ** 7):07d}")
        rows.append([code, number, resident_id(rng)])
    kinds = _kinds(scan_file(write_csv(tmp_path / "source.csv", rows), LIMITS))
    assert kinds["区号"] == kinds["号码"] == ["landline", "mobile"]


def test_office_landlines_split_in_a_directory_stay_published(tmp_path):
    rows = [["单位", "区号", "号码"], *([f"第{n}办公室", "0451", f"8{n:07d}"] for n in range(1, 30))]
    assert not scan_file(write_csv(tmp_path / "directory.csv", rows), LIMITS).personal


@pytest.mark.parametrize("rows", [
    [["代码", "年份", "数量"], *([str(130 + n % 60), str(2000 + n % 25), f"{n * 37 % 10000:04d}"] for n in range(60))],
    [["代码", "日期"], *([str(130 + n % 60), f"2025{1 + n % 12:02d}{1 + n % 28:02d}"] for n in range(60))],
    [["代码", "编号"], *([str(150 + n % 3), "12345678"] for n in range(60))],
    [["序号", "金额"], *([str(n), f"{n * 7919 % 10 ** 8:08d}"] for n in range(1, 130))],
], ids=["code-year-count", "code-date", "same-numbers", "row-numbers-amounts"])
def test_codes_beside_years_dates_or_repeated_numbers_are_no_phones(rows, tmp_path):
    assert not scan_file(write_csv(tmp_path / "source.csv", rows), LIMITS).personal
