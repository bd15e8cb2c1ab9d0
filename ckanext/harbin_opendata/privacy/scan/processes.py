"""The column checks of a large file's scan in processes of their own, so that they run on every
core (in threads, the Python between Arrow's compute calls holds one GIL). The scanning process
keeps reading the file a batch at a time; each batch goes to a child (pickled Arrow buffers over a
pipe) which checks it on fresh findings (batch_checks.py) and sends them back; the scan merges them
in batch order, so the findings are the same as in one process. Each child has one batch at a time
and the scan keeps few in flight, so memory stays flat.

The children are started as new Python programs (not forked: a background job's database
connections and locks are never shared) and are killed when the scan ends, whatever its end. A
child that dies or fails fails the scan: a batch is never left unchecked."""
from __future__ import annotations

import fcntl
import os
import pickle
import struct
import subprocess
import sys
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, BinaryIO, Iterator, Optional

from .batch_checks import check_batch, one_after_another
from .columns import ColumnFindings
from .name_cells import holds_credit_codes

__all__ = ["ScanProcessError", "ScanProcesses", "scan_processes", "default_count", "POOL_BYTES"]

# Smaller files are checked in the scanning process: a child costs ~0.2 CPU-seconds to start. Packed
# files (XLSX, ODS, ZIP) too: their reading is the limit, the checks in threads keep up with it
# (30,000 rows of XLSX: 1.0 s in one process, 1.2-2.0 s with two children).
POOL_BYTES = 8 << 20
_PACKED = b"PK\x03\x04"
_PIPE_BYTES = 1 << 20  # a batch's ~4 MiB in a few writes (Linux's default pipe holds 64 KiB)
_SET_PIPE_SIZE = getattr(fcntl, "F_SETPIPE_SZ", 1031)  # Linux only (other systems refuse it: OSError)
_LENGTH = struct.Struct("<Q")
# The child imports the scan from the parent's own path (-I: no environment variable, no user site).
_CHILD = ("import sys; sys.path[:0] = sys.argv[1:]; "
          "from ckanext.harbin_opendata.privacy.scan.processes import serve; serve()")


class ScanProcessError(RuntimeError):
    """A scan process died or failed: the file was not fully checked."""


def default_count() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def _send(stream: BinaryIO, value: Any) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)))
    stream.write(data)
    stream.flush()


def _receive(stream: BinaryIO) -> Any:
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError("the other end closed the pipe")
    (length,) = _LENGTH.unpack(head)
    data = stream.read(length)
    if len(data) < length:
        raise EOFError("the other end closed the pipe")
    return pickle.loads(data)


def _check(table: str, headers: list[str], kinds: frozenset[str], strict: bool, batch: list[Any]) -> list[ColumnFindings]:
    credit_codes = holds_credit_codes(headers)
    columns = [ColumnFindings(table, index, header, strict, credit_codes) for index, header in enumerate(headers)]
    check_batch(columns, batch, kinds, one_after_another)
    return columns


def serve() -> None:
    """The child: checks batches from its standard input until it closes, answering each on its
    standard output with the findings or the error."""
    source, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed can break the answers
    while True:
        try:
            task = _receive(source)
        except EOFError:
            return
        try:
            answer = ("done", _check(*task))
        except Exception:  # noqa: BLE001 - reported to the scan, which fails
            answer = ("failed", traceback.format_exc())
        _send(out, answer)


class _Child:
    """One child process and the thread that hands it a batch and waits for its answer."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-I", "-c", _CHILD, *sys.path],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        for pipe in (self.process.stdin, self.process.stdout):
            try:
                fcntl.fcntl(pipe.fileno(), _SET_PIPE_SIZE, _PIPE_BYTES)  # type: ignore[union-attr]
            except OSError:  # above the system's pipe-max-size, or not Linux: the default size works too
                pass
        self.thread = ThreadPoolExecutor(1, thread_name_prefix="scan-process")

    def submit(self, task: tuple) -> "Future[list[ColumnFindings]]":
        return self.thread.submit(self._round_trip, task)

    def _round_trip(self, task: tuple) -> list[ColumnFindings]:
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            _send(self.process.stdin, task)
            status, value = _receive(self.process.stdout)
        except (EOFError, OSError, ValueError) as error:
            raise ScanProcessError(f"a scan process ended (exit code {self.process.poll()})") from error
        if status != "done":
            raise ScanProcessError(f"a scan process failed:\n{value}")
        return value

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()  # its thread, waiting on the pipe, sees the end
        self.process.wait()
        self.thread.shutdown(wait=True, cancel_futures=True)
        for pipe in (self.process.stdin, self.process.stdout):
            try:
                pipe.close()  # type: ignore[union-attr]
            except OSError:
                pass


class ScanProcesses:
    """Batches handed to the children in turn; `in_flight` is how many the scan may wait for."""

    def __init__(self, count: int) -> None:
        self.children: list[_Child] = []
        try:
            for _ in range(count):
                self.children.append(_Child())
        except BaseException:
            self.close()
            raise
        self.in_flight = 2 * count
        self._turn = 0

    def submit(self, table: str, headers: list[str], kinds: frozenset[str], strict: bool,
               batch: list[Any]) -> "Future[list[ColumnFindings]]":
        """The findings of the batch's columns (fresh ones, to merge in batch order)."""
        child = self.children[self._turn % len(self.children)]
        self._turn += 1
        return child.submit((table, headers, kinds, strict, batch))

    def close(self) -> None:
        for child in self.children:
            child.close()


def _worth_it(path: str) -> bool:
    with open(path, "rb") as head:
        return os.path.getsize(path) >= POOL_BYTES and head.read(len(_PACKED)) != _PACKED


@contextmanager
def scan_processes(count: int, path: str) -> Iterator[Optional[ScanProcesses]]:
    """Children for the scan of the file at `path`, or None: one process asked for, or a small file."""
    if count <= 1 or not sys.executable or not _worth_it(path):
        yield None
        return
    processes = ScanProcesses(count)
    try:
        yield processes
    finally:
        processes.close()
