"""GBK/GB18030 text decoded in a child process for Arrow's reader (common/tabular/decoding.py): the
same cells as Python's codec in the reader's own process, four-byte GB18030 characters far down
the file included, and an invalid byte sequence fails closed as it did (TableError "unreadable",
kind "encoding"); the child is gone whenever the reading ends."""
from __future__ import annotations

import subprocess

import pytest

from ckanext.harbin_opendata.common.tabular import Limits, TableError, open_tables
from ckanext.harbin_opendata.common.tabular import decoding
from ckanext.harbin_opendata.common.tabular.columnar import column_batches
from ckanext.harbin_opendata.privacy.scan.files import scan_file

LIMITS = Limits(max_unpacked_bytes=1 << 28)
# Characters whose GB18030 bytes other decoders (glibc's iconv, GB18030-2022) read differently from
# Python's codec: the 2-byte codes A6D9 and FE51 (private use in Python), A8BC, and four-byte ones.
_RARE = (b"\xa6\xd9" + b"\xfe\x51" + b"\xa8\xbc" + "𠀀€䶵".encode("gb18030") + b"\x81\x35\xf4\x37").decode("gb18030")


def _rows(first: int, last: int) -> bytes:
    return "".join(f"{number},张{'伟芳娜敏静'[number % 5]},138{number:08d}\r\n" for number in range(first, last)).encode("gbk")


def _register(rows: int, last: str = "") -> bytes:
    """A GBK register well past the reader's 1 MiB sample and several of Arrow's blocks."""
    return "哈尔滨市惠民补贴发放登记表,,\r\n序号,申请人姓名,联系电话\r\n".encode("gbk") + _rows(1, rows + 1) + last.encode("gb18030")


@pytest.fixture
def children(monkeypatch):
    """Every file decoded by a child (whatever its size); the children started."""
    started: list[subprocess.Popen] = []
    popen = subprocess.Popen

    def recorded(*args, **kwargs):
        started.append(popen(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(decoding, "CHILD_BYTES", 0)
    monkeypatch.setattr(decoding.subprocess, "Popen", recorded)
    return started


def _cells(path: str) -> list[list[str]]:
    [table] = open_tables(path, LIMITS)
    return [array.to_pylist() for batch in column_batches(table) for array in batch]


def test_the_child_reads_the_same_cells_as_the_codec(tmp_path, children, monkeypatch):
    path = tmp_path / "file"
    path.write_bytes(_register(120000, f"120001,{_RARE},13900000000\r\n"))
    in_child = _cells(str(path))
    assert len(children) == 1 and children[0].returncode == 0
    monkeypatch.setattr(decoding, "CHILD_BYTES", 1 << 62)
    assert in_child == _cells(str(path))  # the same batches, cell for cell
    assert in_child[-2][-1] == _RARE and in_child[-2][-1].count("\ue78d") == 1


@pytest.mark.parametrize("bad", [b"\xff", b"\x81\x7f", b"\x84\x31 "])  # a four-byte code cut short
def test_an_invalid_byte_far_down_fails_closed(tmp_path, children, monkeypatch, bad):
    path = tmp_path / "file"
    path.write_bytes(_register(400000) + bad + _rows(400001, 800000))  # over 16 MiB: not read row by row first
    for child_bytes in (0, 1 << 62):  # decoded by a child, then in this process as before
        monkeypatch.setattr(decoding, "CHILD_BYTES", child_bytes)
        with pytest.raises(TableError) as raised:
            scan_file(str(path), LIMITS, processes=1)  # the decoding child alone
        assert raised.value.stored() == "unreadable:encoding"
        assert isinstance(raised.value.__cause__, UnicodeDecodeError)
    assert len(children) == 1 and children[0].returncode is not None


def test_a_reading_stopped_early_ends_the_child(tmp_path, children):
    path = tmp_path / "file"
    path.write_bytes(_register(1000000))  # beyond what Arrow reads ahead (32 blocks)
    [table] = open_tables(str(path), LIMITS)
    batches = column_batches(table)
    assert next(batches)
    assert children[0].returncode is None  # still decoding
    batches.close()
    assert children[0].returncode is not None and children[0].stdout.closed


def test_a_child_that_dies_is_an_error_not_the_end_of_the_file(tmp_path, children):
    path = tmp_path / "file"
    path.write_bytes(_register(1000000))
    [table] = open_tables(str(path), LIMITS)
    batches = column_batches(table)
    assert next(batches)
    children[0].kill()
    with pytest.raises(OSError, match="decoding process ended"):
        list(batches)


def test_a_scan_stopped_by_its_time_limit_ends_the_child(tmp_path, children):
    """The job's time limit is an exception raised in the scanning thread between batches (rq's
    JobTimeoutException): the child is killed on the way out."""
    path = tmp_path / "file"
    path.write_bytes(_register(1000000))

    def progress(rows: int) -> None:
        raise TimeoutError("the job's time limit")

    with pytest.raises(TimeoutError):
        scan_file(str(path), LIMITS, progress=progress, processes=1)
    assert len(children) == 1 and children[0].returncode is not None
