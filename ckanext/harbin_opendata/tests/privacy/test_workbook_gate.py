"""Issue 16 end to end: a workbook whose personal data sits outside the cells' values, or in cells
typed as numbers, stops the entry's publication like a cell would; its masked copy, scanned strictly
as every copy is, is clear and opens the entry."""
from __future__ import annotations

import io

import pytest

import ckan.plugins.toolkit as tk

from .conftest import REVIEWER, upload
from .jobs import mask_now, run_scans
from .test_workbook_cells import _numbers_workbook
from .test_workbook_text import _page_footer, _plain_workbook, _sheet_name


def _act(action: str, user: str, **data):
    return tk.get_action(action)({"user": user}, data)


def _footer_workbook(tmp_path) -> bytes:
    workbook, sheet = _plain_workbook()
    _page_footer(workbook, sheet, "制表人：张伟 13812345678")
    _sheet_name(workbook, sheet, "张伟")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _numbers(tmp_path) -> bytes:
    path = tmp_path / "numbers.xlsx"
    _numbers_workbook(path)
    return path.read_bytes()


@pytest.mark.usefixtures("storage")
@pytest.mark.parametrize("make, where", [(_footer_workbook, "Page headers and footers"), (_numbers, "银行账号")])
def test_the_original_is_blocked_and_the_masked_copy_opens_the_entry(people, tmp_path, make, where):
    original = upload(people.entry["id"], people.editor, make(tmp_path), "名录.xlsx", "XLSX")
    run_scans(people.entry["id"])
    _act("harbin_review_submit", people.editor, id=people.entry["id"])
    with pytest.raises(tk.ValidationError) as error:
        _act("harbin_review_publish", REVIEWER, id=people.entry["id"])
    [reason] = error.value.error_dict["publication"]
    print(f"\n{reason}")
    assert where in reason, reason
    masked_id = mask_now(people.editor, original["id"])
    status = _act("harbin_privacy_status", people.editor, id=people.entry["id"])
    copy = {res["id"]: res for res in status["resources"]}[masked_id]
    assert copy["scan"]["state"] == "done" and not copy["scan"]["personal"], copy["scan"]
    assert status["blockers"] == []
    _act("harbin_review_publish", REVIEWER, id=people.entry["id"])
