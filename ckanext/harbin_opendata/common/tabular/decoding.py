"""Text in an encoding other than UTF-8 (GBK/GB18030, UTF-16) decoded for Arrow's CSV reader in a
process of its own. Arrow decodes such text through Python's codec (pyarrow's transcoding stream),
and the codec holds the GIL: decoding a GBK file did not overlap with the scan's detection threads.
Here the same codec runs in a child Python process, block for block as pyarrow's stream runs it,
and Arrow reads the UTF-8 from a pipe: the same bytes in reads of the same size, so the same
batches, and a byte sequence the codec refuses raises its UnicodeDecodeError at the same read as
before. The child reads the file from its standard input (no path or other text of the file's on
its command line) and is killed when the reading ends early (an error, the scan's time limit)."""
from __future__ import annotations

import os
import subprocess
import sys
from typing import Optional

__all__ = ["CHILD_BYTES", "utf8_stream"]

# Smaller files are decoded in the reader's own process: a child costs ~20 ms to start, the time
# Python's codec takes for ~3 MB, and a small file has little scanning to overlap with.
CHILD_BYTES = 8 << 20
_DECODING_ERROR = 3  # the child's exit code after a UnicodeDecodeError, reported on its stderr
# The child: pyarrow's Transcoder over reads of `block` bytes (arrow/io/transform.cc reads the raw
# stream in the size of each of Arrow's reads, the CSV reader's block size), the decoder told
# `final` at the end of the file. What was decoded before an error reaches the pipe first.
_CHILD = """
import codecs, sys
encoding, block = sys.argv[1], int(sys.argv[2])
source, out = sys.stdin.buffer, sys.stdout.buffer
decoder, encoder = codecs.getincrementaldecoder(encoding)(), codecs.getincrementalencoder("utf-8")()
try:
    while True:
        raw = source.read(block)
        out.write(encoder.encode(decoder.decode(raw, not raw), not raw))
        if not raw:
            break
except UnicodeDecodeError as error:
    out.close()
    sys.stderr.write(error.object[error.start:error.end].hex() + " " + error.reason)
    sys.exit(%d)
out.close()
""" % _DECODING_ERROR


class _ChildText:
    """The child's UTF-8 as a file Arrow reads (pyarrow.PythonFile): read(n) gives n bytes until the
    end; at the end, the child's decoding error if it had one (any other failure of the child is an
    error too: text is never cut short)."""

    def __init__(self, path: str, encoding: str, block: int) -> None:
        with open(path, "rb") as source:
            self._child = subprocess.Popen([sys.executable, "-I", "-S", "-c", _CHILD, encoding, str(block)],
                                           stdin=source, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self._encoding = encoding
        self._error: Optional[BaseException] = None
        self.closed = False

    def read(self, size: int = -1) -> bytes:
        if self._error is not None:
            raise self._error
        assert self._child.stdout is not None
        data = self._child.stdout.read(size)
        if size < 0 or len(data) < size:
            self._ended()
        return data

    def _ended(self) -> None:
        assert self._child.stderr is not None
        report = self._child.stderr.read().decode("ascii", "replace")
        code = self._child.wait()
        if code == _DECODING_ERROR:
            bad, _, reason = report.partition(" ")
            self._error = UnicodeDecodeError(self._encoding, bytes.fromhex(bad), 0, len(bad) // 2, reason)
        elif code:
            self._error = OSError(f"the decoding process ended with code {code}: {report[-500:]}")
        if self._error is not None:
            raise self._error

    def close(self) -> None:
        if self._child.poll() is None:
            self._child.kill()
        self._child.wait()
        for pipe in (self._child.stdout, self._child.stderr):
            if pipe is not None:
                pipe.close()
        self.closed = True


def utf8_stream(path: str, encoding: str, block: int) -> Optional[_ChildText]:
    """The file's text as UTF-8 decoded by a child process (close it when done), or None when the
    file is small or no child can be started: Arrow then decodes it in this process."""
    if not sys.executable or os.path.getsize(path) < CHILD_BYTES:
        return None
    try:
        return _ChildText(path, encoding, block)
    except OSError:
        return None
