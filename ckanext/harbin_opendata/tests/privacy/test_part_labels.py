"""The workbook parts outside cells that a scan reports (notes, page headers, properties …) are
named in the reader's language on the agency's scan page, not in the Chinese the scan stores."""
from __future__ import annotations

import io

import pytest

from ..web import logged_in_client
from .conftest import upload
from .jobs import run_scans


def _workbook_with_a_note() -> bytes:
    import openpyxl
    from openpyxl.comments import Comment

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["街道", "办件量"])
    sheet.append(["中央大街", 12])
    sheet["B2"].comment = Comment("经办人张伟，电话13712345678", "张伟")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.usefixtures("storage")
@pytest.mark.parametrize("prefix, shown, not_shown", [("/en", "Comments", "批注"), ("", "批注", "Comments")])
def test_a_notes_findings_are_named_in_the_readers_language(app, people, prefix, shown, not_shown):
    upload(people.entry["id"], people.editor, _workbook_with_a_note(), "办件量.xlsx", "XLSX")
    run_scans(people.entry["id"])
    page = logged_in_client(app, people.editor).get(f"{prefix}/dataset/{people.entry['name']}/privacy").body
    assert shown in page and not_shown not in page
