"""ZIP archives of tables (an agency's monthly files in one archive): every member is unpacked
within the limits and read as a table of its own. A member that is not a table, or a nested
archive, makes the archive unreadable as a whole: a file that cannot be checked in full is not
checked at all (the caller fails closed)."""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import zipfile
from typing import Iterator

from .errors import TableError
from .workbook import Limits, check_packed

__all__ = ["archive_members", "member_name"]

_SKIPPED = ("__MACOSX/", ".DS_Store", "Thumbs.db")


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it: archives made on Chinese Windows store GBK names
    without the UTF-8 flag, which zipfile reads as cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


@contextlib.contextmanager
def archive_members(path: str, limits: Limits) -> Iterator[list[tuple[str, str]]]:
    """(member name, path of its unpacked copy) for every file of the archive, unpacked into a
    temporary folder removed afterwards; no member is read past its declared size."""
    members = [info for info in check_packed(path, limits)
               if not info.is_dir() and not any(part in info.filename for part in _SKIPPED)]
    folder = tempfile.mkdtemp(prefix="harbin-archive-")
    try:
        unpacked = []
        with zipfile.ZipFile(path) as archive:
            for number, info in enumerate(members):
                target = os.path.join(folder, str(number))
                try:
                    with archive.open(info) as source, open(target, "wb") as out:
                        shutil.copyfileobj(source, out, 1 << 20)
                except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as error:  # damaged or encrypted
                    raise TableError("unreadable", kind="zip") from error
                unpacked.append((member_name(info), target))
        yield unpacked
    finally:
        shutil.rmtree(folder, ignore_errors=True)
