from __future__ import annotations

import csv
import io
from typing import Any, Iterator

import pytest
from werkzeug.datastructures import FileStorage

import ckan.plugins.toolkit as tk

from ..http_server import SourceServer
from ..review.conftest import REVIEWER, people  # noqa: F401 - the shared cast of the review tests
from .samples import table

__all__ = ["csv_bytes", "xlsx_bytes", "upload", "REVIEWER"]


def csv_bytes(rows: int, encoding: str = "utf-8-sig") -> bytes:
    header, body = table(rows)
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows([header, *body])
    return text.getvalue().encode(encoding)


def xlsx_bytes(rows: int) -> bytes:
    """A workbook as agencies send them: a title row above the table, IDs as text, amounts and
    serials as numbers, and a second sheet with nothing personal."""
    import openpyxl

    header, body = table(rows)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "补贴发放"
    sheet.append(["2025年度哈尔滨市惠民补贴发放明细"])
    sheet.append(header)
    for row in body:
        sheet.append([int(row[0]), *row[1:5], row[5], int(row[6]), row[7], float(row[8]), *row[9:]])
    summary = workbook.create_sheet("汇总")
    summary.append(["街道", "人数"])
    summary.append(["中央大街", 1200])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(dataset_id: str, user: str, data: bytes, filename: str, fmt: str) -> dict[str, Any]:
    """Upload a file as a new resource of the entry (as the agency's editor does)."""
    return tk.get_action("resource_create")({"user": user}, {
        "package_id": dataset_id, "name": filename, "format": fmt, "url": "",
        "upload": FileStorage(stream=io.BytesIO(data), filename=filename)})


@pytest.fixture
def storage(ckan_config, monkeypatch, tmp_path):
    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(tmp_path))
    return tmp_path


@pytest.fixture
def http_files() -> Iterator[SourceServer]:
    """An agency's file server: `http_files.add(path, body)` returns the file's address."""
    with SourceServer() as server:
        yield server
