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


def _csv_bytes(encoding: str) -> bytes:
    header, body = table(ROWS)
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
