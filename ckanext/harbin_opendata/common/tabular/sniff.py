"""What a file is, from its bytes (never from its name or declared format): a delimited text
table, a workbook (XLSX, XLS, ODS), a ZIP archive of tables, a JSON document — or something that
is not a table (PDF, images, office documents, other binaries)."""
from __future__ import annotations

import zipfile

from .errors import TableError

__all__ = ["sniff", "TEXT", "XLSX", "XLS", "ODS", "ZIP", "JSON", "WORKBOOKS"]

TEXT, XLSX, XLS, ODS, ZIP, JSON = "csv", "xlsx", "xls", "ods", "zip", "json"
WORKBOOKS = (XLSX, XLS, ODS)
_HEAD = 8192
_BINARY_MAGIC = {
    b"%PDF": "pdf", b"\x89PNG": "image", b"\xff\xd8\xff": "image", b"GIF8": "image", b"BM": "image",
    b"\x1f\x8b": "archive", b"Rar!": "archive", b"7z\xbc\xaf": "archive", b"{\\rtf": "document",
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _zip_kind(path: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                return XLSX
            if "mimetype" in names and archive.read("mimetype").strip() == b"application/vnd.oasis.opendocument.spreadsheet":
                return ODS
    except (zipfile.BadZipFile, OSError, KeyError) as error:
        raise TableError("unreadable", kind=ZIP) from error
    if any(name.startswith(("word/", "ppt/")) for name in names) or "mimetype" in names:
        raise TableError("not_tabular", kind="document")
    return ZIP


def sniff(path: str) -> str:
    """The kind of table the file holds; raises TableError("not_tabular") for anything else."""
    with open(path, "rb") as stream:
        head = stream.read(_HEAD)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path)
    if head.startswith(_OLE2):
        return XLS
    for magic, kind in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise TableError("not_tabular", kind=kind)
    if not head.startswith(_UTF16_BOMS) and b"\x00" in head:
        raise TableError("not_tabular", kind="binary")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return JSON if start in (b"[", b"{") else TEXT
