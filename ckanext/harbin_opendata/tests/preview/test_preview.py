"""The table preview on resource pages: the first rows of CSV (any encoding, uploaded or linked,
only the beginning of a large file read) and XLSX, escaped; not for what the public may not see."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.privacy.jobs import run_scans

from ..factories import mark_published
from ..privacy.conftest import csv_bytes, upload, xlsx_bytes  # noqa: F401
from ..privacy.conftest import http_files, storage  # noqa: F401 - fixtures
from ..review.conftest import people  # noqa: F401 - fixture


def _resource_page(app, entry, resource):
    """The resource page showing the file preview (the DataStore's table view, once loaded, comes first)."""
    views = tk.get_action("resource_view_list")({"ignore_auth": True}, {"id": resource["id"]})
    preview = [view["id"] for view in views if view["view_type"] == "harbin_table_preview"]
    query = f"?view_id={preview[0]}" if preview else ""
    return app.get(f"/dataset/{entry['name']}/resource/{resource['id']}{query}")


def _published(people, data: bytes, filename: str, fmt: str):
    """A file added to a published entry, and checked."""
    mark_published(people.entry)
    resource = upload(people.entry["id"], people.editor, data, filename, fmt)
    run_scans(people.entry["id"])
    return resource


@pytest.mark.usefixtures("storage")
def test_gbk_csv_first_rows_escaped(app, people):
    lines = ["区,站点,备注"] + [f"道里区,站点{i},<script>alert({i})</script>" for i in range(150)]
    resource = _published(people, "\r\n".join(lines).encode("gbk"), "sites.csv", "CSV")
    page = _resource_page(app, people.entry, resource)
    assert page.status_code == 200
    body = page.body
    assert "<th scope=\"col\">站点</th>" in body and "站点99" in body and "站点100<" not in body
    assert "前100行" in body and "<script>alert(1)" not in body and "&lt;script&gt;alert(1)" in body


@pytest.mark.usefixtures("storage")
def test_xlsx_preview_skips_the_title_row(app, people):
    # No personal data in the preview: the register's personal columns would hide the resource.
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "停车场"
    sheet.append(["2025年哈尔滨市公共停车场名录"])
    sheet.append(["名称", "泊位数"])
    sheet.append(["中央大街停车场", 320])
    out = io.BytesIO()
    workbook.save(out)
    resource = _published(people, out.getvalue(), "parking.xlsx", "XLSX")
    body = _resource_page(app, people.entry, resource).body
    assert "工作表“停车场”" in body and "<td>中央大街停车场</td><td>320</td>" in body


def test_linked_large_csv_is_read_from_its_beginning(app, people, http_files, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.preview.max_bytes", 4096)
    body = "编号,名称\r\n" + "".join(f"{i},名称{i}\r\n" for i in range(100000))
    url = http_files.add("/big.csv", body.encode("utf-8"))
    mark_published(people.entry)
    resource = tk.get_action("resource_create")({"user": people.editor}, {
        "package_id": people.entry["id"], "url": url, "format": "CSV", "name": "大表"})
    run_scans(people.entry["id"])
    page = _resource_page(app, people.entry, resource).body
    assert "<td>名称99</td>" in page and "下载文件查看全部数据" in page


@pytest.mark.usefixtures("storage")
def test_no_preview_of_what_the_public_may_not_see(app, people):
    resource = _published(people, csv_bytes(200), "register.csv", "CSV")
    assert _resource_page(app, people.entry, resource).status_code == 404


def _workbook_bomb(unpacked_mb: int) -> bytes:
    """An XLSX of ~100 KB whose one sheet unpacks to `unpacked_mb` MB (the probe's 1.2 MB workbook
    unpacked to 419 MB and held the web process for 337 s)."""
    import io
    import zipfile

    import openpyxl

    book = io.BytesIO()
    openpyxl.Workbook().save(book)
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    sheet = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' \
            b"<sheetData>" + row * (unpacked_mb * (1 << 20) // len(row)) + b"</sheetData></worksheet>"
    out = io.BytesIO()
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for member in source.infolist():
            bomb.writestr(member.filename, sheet if member.filename == "xl/worksheets/sheet1.xml"
                          else source.read(member.filename))
    return out.getvalue()


@pytest.mark.usefixtures("storage")
def test_a_workbook_bomb_is_refused_before_it_is_unpacked(people):
    """The preview runs inside the web request: a workbook that unpacks far beyond what it weighs is
    refused from its directory, without reading the sheet."""
    from ckanext.harbin_opendata.preview.table import first_rows

    data = _workbook_bomb(100)
    assert len(data) < 1 << 20
    resource = upload(people.entry["id"], people.editor, data, "汇总表.xlsx", "XLSX")
    assert first_rows(resource["id"]) == {"error": "too_large"}
