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
