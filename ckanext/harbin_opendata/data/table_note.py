"""What the loader writes of a table in its comment (PostgreSQL's COMMENT ON TABLE, which CKAN
leaves alone): the scan whose file the table holds (data/jobs.py loads a file again when its scan
changed), and the text columns whose every cell was ASCII at the load (no trigram index, and no
Chinese term looked for in them: data/trigram.py, data/substring.py).

    harbin_scan:<scan id>
    harbin_ascii:["统一社会信用代码", "邮政编码"]"""
from __future__ import annotations

import json
from typing import Any, Optional

import sqlalchemy as sa

__all__ = ["note", "scan_of", "ascii_columns_of", "read"]

_SCAN, _ASCII = "harbin_scan:", "harbin_ascii:"


def note(scan_id: str, ascii_columns: list[str]) -> str:
    return f"{_SCAN}{scan_id}\n{_ASCII}{json.dumps(ascii_columns, ensure_ascii=False)}"


def _line(comment: Optional[str], mark: str) -> Optional[str]:
    for line in (comment or "").splitlines():
        if line.startswith(mark):
            return line[len(mark):]
    return None


def scan_of(comment: Optional[str]) -> str:
    """The scan id ("" when the comment is none of the loader's)."""
    return _line(comment, _SCAN) or ""


def ascii_columns_of(comment: Optional[str]) -> set[str]:
    """The ASCII columns (none for a table the loader wrote before it noted them: all are searched)."""
    try:
        return set(json.loads(_line(comment, _ASCII) or "[]"))
    except ValueError:
        return set()


def read(connection: Any, table: str) -> Optional[str]:
    return connection.execute(sa.text("SELECT obj_description(to_regclass(:name), 'pg_class')"),
                              {"name": '"{}"'.format(table.replace('"', '""'))}).scalar()
