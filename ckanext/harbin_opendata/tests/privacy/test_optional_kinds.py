"""The optional kinds (privacy.optional_kinds): vehicle plates and home addresses hold few digits or
none in a row, and are found all the same when a portal asks for them; without asking they are not,
but for a column whose header names where a person lives (住址: home_addresses.py)."""
from __future__ import annotations

import pytest

from ckanext.harbin_opendata.common.tabular import Limits
from ckanext.harbin_opendata.privacy.scan.files import scan_file

LIMITS = Limits(max_unpacked_bytes=1 << 30)
_ROWS = ("序号,车牌,住址,备注\n1,黑A12345,哈尔滨市道里区中央大街88号3单元502室,无\n"
         "2,黑A·D6789,哈尔滨市南岗区西大直街92号,已办结\n3,黑AF12345,香坊区和平路1号,无\n")


@pytest.mark.parametrize("optional, expected", [
    ((), {"住址": ["address"]}), (("vehicle_plate", "address"), {"车牌": ["vehicle_plate"], "住址": ["address"]}),
])
def test_plates_and_addresses_are_found_when_asked_for(optional, expected, tmp_path):
    path = tmp_path / "source.csv"
    path.write_text(_ROWS, encoding="utf-8")
    scan = scan_file(str(path), LIMITS, optional_kinds=optional)
    assert {column["header"]: column["kinds"] for column in scan.columns if column["kinds"]} == expected
