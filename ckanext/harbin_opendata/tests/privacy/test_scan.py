"""Scanning realistic tables (thousands of rows, UTF-8 and GBK) with planted personal data and decoys:
column and cell precision/recall are printed and must stay perfect for these shapes."""
from __future__ import annotations

import csv
import io

import pytest

from ckanext.harbin_opendata.privacy.columns import scan_rows
from ckanext.harbin_opendata.privacy.reader import csv_rows

from .samples import PERSONAL_COLUMNS, table

ROWS = 5000


def _csv_bytes(encoding: str, rows: int = ROWS) -> bytes:
    header, body = table(rows)
    text = io.StringIO()
    csv.writer(text).writerows([header, *body])
    return text.getvalue().encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_column_precision_and_recall(encoding):
    header, rows = csv_rows(io.BytesIO(_csv_bytes(encoding)))
    assert header[1] == "申请人姓名"  # decoded correctly
    findings = scan_rows(header, rows)
    flagged = {column.header: column.kinds() for column in findings if column.personal}
    expected = set(PERSONAL_COLUMNS)
    true_positive = len(expected & set(flagged))
    precision, recall = true_positive / max(len(flagged), 1), true_positive / len(expected)
    print(f"\n{encoding}: columns flagged {sorted(flagged)}; precision {precision:.3f} recall {recall:.3f}")
    assert (precision, recall) == (1.0, 1.0)
    assert all(PERSONAL_COLUMNS[name] in kinds for name, kinds in flagged.items())


def test_cell_recall_and_masked_examples():
    header, body = table(ROWS)
    findings = {column.header: column for column in scan_rows(header, body)}
    ids = findings["身份证号"]
    print(f"\nresident IDs found {ids.counts['resident_id']}/{ROWS}; "
          f"random 18-digit order numbers taken for IDs: {findings['订单编号'].counts.get('resident_id', 0)}; "
          f"serials taken for cards: {findings['交易流水号'].counts.get('bank_card', 0)}/{ROWS}")
    assert ids.counts == {"resident_id": ROWS} and findings["联系电话"].counts == {"mobile": ROWS}
    assert findings["银行卡号"].counts == {"bank_card": ROWS}
    assert findings["备注"].embedded == {"mobile": ROWS // 50}
    assert all("********" in example for example in ids.examples["resident_id"])
    assert not findings["订单编号"].personal and not findings["交易流水号"].personal
    assert not findings["统一社会信用代码"].personal and not findings["补贴金额"].personal
    from ckanext.harbin_opendata.privacy.detectors import is_resident_id

    lookalikes = sum(is_resident_id(row[-1][2:-1]) for row in body)
    print(f"licence numbers whose 15 digits pass as a legacy ID: {lookalikes}/{ROWS}")
    assert lookalikes > 0 and not findings["办学许可证号"].personal


def test_memory_does_not_grow_with_the_file(tmp_path):
    """Streaming: the peak of Python allocations while scanning 20 times the rows stays flat."""
    import tracemalloc

    from ckanext.harbin_opendata.privacy.tables import scan_file

    peaks = {}
    for rows in (1000, 20000):
        path = tmp_path / f"{rows}.csv"
        path.write_bytes(_csv_bytes("gbk", rows))
        tracemalloc.start()
        scan_file(str(path), "csv")
        peaks[rows] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    print(f"\npeak allocations: {peaks[1000] / 1024:.0f} KiB for 1,000 rows, {peaks[20000] / 1024:.0f} KiB for 20,000")
    assert peaks[20000] < 1.5 * peaks[1000]


def test_xlsx_precision_and_recall(tmp_path):
    """A workbook with a title row, numbers stored as numbers and a second sheet."""
    from ckanext.harbin_opendata.privacy.tables import scan_file

    from .conftest import xlsx_bytes

    path = tmp_path / "register.xlsx"
    path.write_bytes(xlsx_bytes(ROWS))
    columns = scan_file(str(path), "xlsx")
    flagged = {column["header"] for column in columns if column["kinds"]}
    expected = set(PERSONAL_COLUMNS)
    true_positive = len(flagged & expected)
    precision, recall = true_positive / max(len(flagged), 1), true_positive / len(expected)
    ids = next(column for column in columns if column["header"] == "身份证号")
    print(f"\nxlsx: columns flagged {sorted(flagged)}; precision {precision:.3f} recall {recall:.3f}; "
          f"IDs {ids['counts'].get('resident_id', 0)}/{ROWS}")
    assert (precision, recall) == (1.0, 1.0) and ids["counts"] == {"resident_id": ROWS}
    assert {column["sheet"] for column in columns} == {"补贴发放", "汇总"}
