"""The scan on both cores (privacy/scan/threads.py): the next batch is read while the current one
is checked, a batch's columns are checked in parallel, and the findings are exactly those of the
scan on one thread."""
from __future__ import annotations

import threading

import pytest

from ckanext.harbin_opendata.common.tabular import Limits
from ckanext.harbin_opendata.privacy.scan import batch_checks, files, threads
from ckanext.harbin_opendata.privacy.scan.threads import read_ahead

from .conftest import csv_bytes, xlsx_bytes

LIMITS = Limits(max_unpacked_bytes=1 << 30)


def test_the_next_batch_is_read_while_the_current_one_is_checked():
    reading_second = threading.Event()

    def batches():
        yield 1
        reading_second.set()
        yield 2

    with read_ahead(batches()) as ahead:
        assert next(ahead) == 1
        assert reading_second.wait(5), "the second batch was not read while the first was worked on"
        assert list(ahead) == [2]


def test_reader_errors_reach_the_caller_and_leaving_stops_the_reader():
    read, closed = [], threading.Event()

    def batches():
        try:
            for number in range(100):
                read.append(number)
                yield number
        finally:
            closed.set()

    with read_ahead(batches()) as ahead:
        assert next(ahead) == 0
    assert closed.is_set() and len(read) <= 2  # at most one batch read ahead, then the reader is closed

    def failing():
        yield 1
        raise ValueError("unreadable block")

    with pytest.raises(ValueError, match="unreadable block"), read_ahead(failing()) as ahead:
        list(ahead)


@pytest.mark.parametrize("name, data", [("register.csv", lambda: csv_bytes(30000, "gbk")),
                                        ("register.xlsx", lambda: xlsx_bytes(3000))])
def test_columns_are_checked_on_two_threads_with_the_same_findings(name, data, tmp_path, monkeypatch):
    path = tmp_path / name
    path.write_bytes(data())
    threads_seen: set[str] = set()
    classify = batch_checks.classify

    def recording(*args, **kwargs):
        threads_seen.add(threading.current_thread().name)  # each table has its pool
        return classify(*args, **kwargs)

    monkeypatch.setattr(batch_checks, "classify", recording)
    monkeypatch.setattr(threads, "WORKERS", 1)
    alone = files.scan_file(str(path), LIMITS)
    assert threads_seen == {"scan-columns_0"}
    threads_seen.clear()
    monkeypatch.setattr(threads, "WORKERS", 2)
    both = files.scan_file(str(path), LIMITS)
    assert threads_seen == {"scan-columns_0", "scan-columns_1"}
    assert (both.columns, both.tables, both.rows) == (alone.columns, alone.tables, alone.rows)
    assert {column["header"] for column in both.columns if column["kinds"]} >= {"申请人姓名", "身份证号", "联系电话", "银行卡号"}


def test_parts_outside_the_cells_are_read_while_the_sheets_are(tmp_path, monkeypatch):
    """The workbook's parts outside its cells (comments, properties, pivot caches …) are read on
    the other core while the sheets are parsed and checked, not after them."""
    path = tmp_path / "register.xlsx"
    path.write_bytes(xlsx_bytes(300))
    outside_started = threading.Event()
    outside_cells, scan_tables = files.outside_cells, files._scan_tables

    def outside(*args):
        outside_started.set()
        return outside_cells(*args)

    def tables(*args):
        assert outside_started.wait(5), "the parts outside the cells were not read beside the sheets"
        return scan_tables(*args)

    monkeypatch.setattr(files, "outside_cells", outside)
    monkeypatch.setattr(files, "_scan_tables", tables)
    result = files.scan_file(str(path), LIMITS)
    assert {column["header"] for column in result.columns if column["kinds"]} >= {"申请人姓名", "身份证号"}


def test_a_failure_beside_the_sheets_fails_the_scan_and_the_tables_error_comes_first(tmp_path, monkeypatch):
    path = tmp_path / "register.xlsx"
    path.write_bytes(xlsx_bytes(30))

    def outside(*args):
        raise RuntimeError("a damaged comments part")

    monkeypatch.setattr(files, "outside_cells", outside)
    with pytest.raises(RuntimeError, match="a damaged comments part"):  # never a scan without its parts
        files.scan_file(str(path), LIMITS)

    def tables(*args):
        raise files.TableError("unreadable", kind="xlsx")

    monkeypatch.setattr(files, "_scan_tables", tables)
    with pytest.raises(files.TableError):  # the sheets' error, as when the parts were read after them
        files.scan_file(str(path), LIMITS)
