"""Personal data in shapes outside the other fixtures (outside_shapes.py: full-width forms) is found
by the scan and absent from the masked copy, whose strict rescan is clean."""
from __future__ import annotations

import csv
import io
import re
import unicodedata

import pytest

from ckanext.harbin_opendata.common.tabular import Limits
from ckanext.harbin_opendata.privacy.masked_copy import write_masked
from ckanext.harbin_opendata.privacy.masking import default_rules
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .outside_shapes import SHAPES

LIMITS = Limits(max_unpacked_bytes=1 << 30)
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")


def _plain(text: str) -> str:
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("header,cell,kind,value", SHAPES, ids=[f"{s[2]}-{n}" for n, s in enumerate(SHAPES)])
def test_found_and_masked(header, cell, kind, value, tmp_path):
    out = io.StringIO()
    csv.writer(out).writerows([["序号", "单位", header], *[[str(n), "道里区", cell] for n in range(1, 4)]])
    source, target = tmp_path / "source.csv", tmp_path / "masked.csv"
    source.write_bytes(out.getvalue().encode("utf-8"))
    scan = scan_file(str(source), LIMITS)
    assert kind in scan.columns[2]["kinds"]
    write_masked(str(source), LIMITS, str(target), default_rules(scan.columns), scan.columns, {})
    masked = target.read_text(encoding="utf-8-sig")
    body = masked.split("\n", 1)[1]
    assert value not in _plain(body)
    assert not re.search("[\uff10-\uff19]", body)  # no full-width digit of the original kept
    assert not scan_file(str(target), LIMITS, strict=True).personal
