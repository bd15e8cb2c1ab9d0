"""Scanning realistic tables (thousands of rows, UTF-8 and GBK) with planted personal data and decoys:
column and cell precision/recall are printed and must stay perfect for these shapes."""
from __future__ import annotations

import csv
import io

import pytest

from ckanext.harbin_opendata.common.tabular import Limits
from ckanext.harbin_opendata.privacy.scan.detectors import is_resident_id
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .samples import PERSONAL_COLUMNS, table

ROWS = 5000
LIMITS = Limits(max_unpacked_bytes=1 << 30)


def _csv_bytes(encoding: str, rows: int = ROWS) -> bytes:
    header, body = table(rows)
    text = io.StringIO()
    csv.writer(text).writerows([header, *body])
    return text.getvalue().encode(encoding)


def _scan(tmp_path, data: bytes, name: str = "register.csv") -> list[dict]:
    path = tmp_path / name
    path.write_bytes(data)
    return scan_file(str(path), LIMITS).columns


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_column_precision_and_recall(encoding, tmp_path):
    findings = _scan(tmp_path, _csv_bytes(encoding))
    assert findings[1]["header"] == "申请人姓名"  # decoded correctly
    flagged = {column["header"]: column["kinds"] for column in findings if column["kinds"]}
    expected = set(PERSONAL_COLUMNS)
    true_positive = len(expected & set(flagged))
    precision, recall = true_positive / max(len(flagged), 1), true_positive / len(expected)
    print(f"\n{encoding}: columns flagged {sorted(flagged)}; precision {precision:.3f} recall {recall:.3f}")
    assert (precision, recall) == (1.0, 1.0)
    assert all(PERSONAL_COLUMNS[name] in kinds for name, kinds in flagged.items())


def test_cell_recall_and_masked_examples(tmp_path):
    header, body = table(ROWS)
    findings = {column["header"]: column for column in _scan(tmp_path, _csv_bytes("utf-8"))}
    ids = findings["身份证号"]
    print(f"\nresident IDs found {ids['counts']['resident_id']}/{ROWS}; "
          f"random 18-digit order numbers taken for IDs: {findings['订单编号']['counts'].get('resident_id', 0)}; "
          f"serials taken for cards: {findings['交易流水号']['counts'].get('bank_card', 0)}/{ROWS}")
    assert ids["counts"] == {"resident_id": ROWS} and findings["联系电话"]["counts"] == {"mobile": ROWS}
    assert findings["银行卡号"]["counts"] == {"bank_card": ROWS}
    assert findings["申请人姓名"]["counts"] == {"person_name": ROWS}  # a name column's cells (the page said 0 / N)
    assert findings["备注"]["embedded"] == {"mobile": ROWS // 50}
    assert all("********" in example for example in ids["examples"]["resident_id"])
    assert not findings["订单编号"]["kinds"] and not findings["交易流水号"]["kinds"]
    assert not findings["统一社会信用代码"]["kinds"] and not findings["补贴金额"]["kinds"]
    lookalikes = sum(is_resident_id(row[-1][2:-1]) for row in body)
    print(f"licence numbers whose 15 digits pass as a legacy ID: {lookalikes}/{ROWS}")
    assert lookalikes > 0 and not findings["办学许可证号"]["kinds"]


# VmHWM, not getrusage: ru_maxrss survives exec and would report the parent's peak at fork time.
_CHILD = ("import sys\nfrom ckanext.harbin_opendata.common.tabular import Limits\n"
          "from ckanext.harbin_opendata.privacy.scan.files import scan_file\n"
          "scan_file(sys.argv[1], Limits(max_unpacked_bytes=1 << 30))\n"
          "print(next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM')))")


def _peak_rss_of_scan(path: str) -> int:
    """Peak resident memory (KiB) of a fresh process that scans the file (not a fork: it would
    share this process's database connections)."""
    import subprocess
    import sys

    return int(subprocess.run([sys.executable, "-c", _CHILD, path], check=True, capture_output=True,
                              text=True).stdout.split()[-1])


def test_memory_does_not_grow_with_the_file(tmp_path):
    """Streaming: scanning a GBK file three times as long (36 MB and 108 MB, beyond the reader's
    read-ahead) needs the same memory."""
    header, body = table(20000)
    text = io.StringIO()
    csv.writer(text).writerows(body)
    chunk = text.getvalue().encode("gbk")
    sizes = {}
    for repeat in (10, 30):
        path = tmp_path / f"{repeat}.csv"
        path.write_bytes(",".join(header).encode("gbk") + b"\r\n" + chunk * repeat)
        # the least of three runs: the reader's threads read ahead further when the machine is busy
        # (one CI run saw +29 MiB once, +5 MiB in the next run of the same files)
        sizes[repeat] = (path.stat().st_size, min(_peak_rss_of_scan(str(path)) for _ in range(3)))
    grown = (sizes[30][1] - sizes[10][1]) * 1024
    print(f"\nfile {sizes[10][0] >> 20} MiB -> {sizes[30][0] >> 20} MiB; peak memory of the scan grew by "
          f"{grown >> 20} MiB")
    # Holding the rows would grow by at least the file's growth (72 MiB; as Python objects several
    # times more); the reader's batches, the read-ahead thread and the column threads' allocator
    # arenas leave up to ±30 MiB of noise in the peak, whatever the size (324 MiB: the same peak)
    assert grown < (sizes[30][0] - sizes[10][0]) / 2


def test_xlsx_precision_and_recall(tmp_path):
    """A workbook with a title row, numbers stored as numbers and a second sheet."""
    from .conftest import xlsx_bytes

    columns = _scan(tmp_path, xlsx_bytes(ROWS), "register.bin")  # no extension: read by content
    flagged = {column["header"] for column in columns if column["kinds"]}
    expected = set(PERSONAL_COLUMNS)
    true_positive = len(flagged & expected)
    precision, recall = true_positive / max(len(flagged), 1), true_positive / len(expected)
    ids = next(column for column in columns if column["header"] == "身份证号")
    print(f"\nxlsx: columns flagged {sorted(flagged)}; precision {precision:.3f} recall {recall:.3f}; "
          f"IDs {ids['counts'].get('resident_id', 0)}/{ROWS}")
    assert (precision, recall) == (1.0, 1.0) and ids["counts"] == {"resident_id": ROWS}
    assert {column["sheet"] for column in columns} == {"补贴发放", "汇总"}
