"""Passport, travel permit and officer's card numbers are found under a header naming such a document
and masked cell by cell; the same shapes under other headers (batch and file numbers) stay clear."""
from __future__ import annotations

import pytest

from ckanext.harbin_opendata.common.tabular import Limits
from ckanext.harbin_opendata.privacy.masked_copy import write_masked
from ckanext.harbin_opendata.privacy.masking import default_rules
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .samples import write_csv

LIMITS = Limits(max_unpacked_bytes=1 << 30)


@pytest.mark.parametrize("header, values", [
    ("护照号码", ["E98765432", "EA1234567", "G55667788"]), ("护照号", ["P12345678", "E11223344", "SE1234567"]),
    ("军官证号", ["军字第2023015号", "军字第2019888号", "政字第1234567号"]), ("证件号码", ["E98765432", "H1234567890", "C12345678"]),
    ("Passport No.", ["E98765432", "G12345678", "EB7654321"]),
])
def test_document_numbers_under_their_header_are_found_and_masked(header, values, tmp_path):
    source, target = tmp_path / "source.csv", tmp_path / "masked.csv"
    rows = [["序号", header, "备注"], *([str(n), value, "已核实"] for n, value in enumerate(values))]
    scan = scan_file(write_csv(source, rows), LIMITS)
    assert {column["header"]: column["kinds"] for column in scan.columns if column["kinds"]} == {header: ["id_document"]}
    write_masked(str(source), LIMITS, str(target), default_rules(scan.columns), scan.columns, {})
    body = target.read_text(encoding="utf-8-sig")
    assert not any(value in body for value in values)
    assert not scan_file(str(target), LIMITS, strict=True).personal


@pytest.mark.parametrize("header, values", [
    ("批号", ["E98765432", "G55667788"]), ("文号", ["政字第1234567号", "哈字第2023015号"]), ("产品编码", ["EA1234567", "P12345678"]),
    ("证件类型", ["护照", "军官证"]), ("护照号码", ["无", "未办理"]),
])
def test_the_same_shapes_under_other_headers_stay_clear(header, values, tmp_path):
    rows = [["序号", header], *([str(n), value] for n, value in enumerate(values))]
    assert not scan_file(write_csv(tmp_path / "source.csv", rows), LIMITS).personal
