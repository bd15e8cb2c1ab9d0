"""The rows of sums under a statistics table (合计, 其中：城镇, common/tabular/totals.py) are scanned as
lines and kept in the masked copy; a column masked whole keeps their labels (合计, 其中：) as
written: they are no one's data."""
from __future__ import annotations

import csv
import io

from ckanext.harbin_opendata.common.tabular import Limits
from ckanext.harbin_opendata.privacy.masked_copy import write_masked
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from ..data.statistics_tables import ALLOWANCE_ROWS, allowance_csv

LIMITS = Limits(max_unpacked_bytes=1 << 30)


def test_a_masked_column_keeps_the_labels_of_the_sums(tmp_path):
    source, target = tmp_path / "低保发放.csv", tmp_path / "masked.csv"
    source.write_bytes(allowance_csv())
    scan = scan_file(str(source), LIMITS)
    assert scan.rows == len(ALLOWANCE_ROWS)
    write_masked(str(source), LIMITS, str(target), {":0": "mask", ":1": "mask"}, scan.columns, {})
    rows = [row for row in csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))) if any(row)]
    total, urban = rows[-4], rows[-3]
    assert total[:3] == ["合计", "", "13767"] and total[5] == "—"
    assert urban[1].startswith("其中：") and urban[1] != "其中：城镇" and urban[2] == "8865"
    assert rows[3][1] != "道里区" and "*" in rows[3][1]  # the data rows of the column are masked
