"""Migrations f4a9c2e7d813, b6e3d9f2a417, ae0ae06929cd, f2b7d4c9a6e1, a7d3e9c1f5b8, c1e7a4b9d5f3, b9e4f7a2c6d1 and c7f2a9d4e1b3:
scans made before the reader read a workbook's text outside its cells (reader 3), or its pivot caches
(reader 4), or before the detectors knew e-mails written against harvesters (reader 5), every footer
signer's label (reader 6) or a person's label in free text (收款人王建国, reader 7), or before every
part of the download was read (a number format in styles.xml, reader 8) or people beside firms
in a party's column were found (reader 8 too), or a case titled 关于王建国…案 (reader 9), no longer count. A published workbook
whose only personal data is a contact in a note, a register in a pivot table's cache, or
zhangwei#163.com in a cell was clear by the old reader; after the migration it is held from the
public behind a queued rescan, which finds it; a clean file is held only until its own rescan, then
public again."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.common.jobs import run_queued_jobs
from ckanext.harbin_opendata.common.tabular import workbook_text
from ckanext.harbin_opendata.privacy import jobs, kept_exemptions
from ckanext.harbin_opendata.privacy import model as model_module
from ckanext.harbin_opendata.privacy.scan import columns, detectors, labelled_names, outside_cells, text_kinds

from .agency_workbooks import agency_sheet, footer
from .conftest import upload
from .jobs import run_scans
from .migrations import migrate_privacy
from .publishing import publish
from .test_workbook_parts import _pivot_workbook


def _pivot_cache_workbook(tmp_path) -> bytes:
    """Clean cells; a register of names and ID numbers only in a pivot table's cache."""
    path, _ = _pivot_workbook(tmp_path, ["申请人姓名", "身份证号", "所属街道"], {"所属街道"})
    return path.read_bytes()


def _obfuscated_email_workbook(tmp_path) -> bytes:
    """A 办件量统计 whose 联系方式 column writes the clerk's e-mail with # for @."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = agency_sheet(workbook, "办件量统计", ["序号", "事项名称", "办件量", "联系方式"])
    for number in range(1, 21):
        sheet.append([number, f"第{number}项行政许可", 100 + number, "zhangwei#163.com" if number % 2 else "政务服务大厅3号窗口"])
    footer(sheet)
    path = tmp_path / "办件量统计.xlsx"
    workbook.save(path)
    return path.read_bytes()


_OLD_EMAIL = (r"[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9])?@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)*"
              r"\.[^\W\d_]{2,}")
_OLD_TEXT_EMAIL = (r"[A-Za-z0-9](?:[A-Za-z0-9._%+\-]*[A-Za-z0-9])?@[\pL\pN](?:[\pL\pN\-]*[\pL\pN])?"
                   r"(?:\.[\pL\pN](?:[\pL\pN\-]*[\pL\pN])?)*\.\pL{2,}")


def _detectors_before_obfuscated_emails(patch) -> None:
    """The e-mail detectors as they were before they knew name#163.com (reader 4's)."""
    old = re.compile(_OLD_EMAIL)
    patch.setattr(detectors, "_EMAIL", old)
    patch.setattr(detectors, "_KINDS", [(kind, old if kind == "email" else pattern, confirm)
                                        for kind, pattern, confirm in detectors._KINDS])
    patch.setitem(text_kinds.TEXT_KINDS, "email", _OLD_TEXT_EMAIL)
    patch.setitem(text_kinds._LITERALS, "email", "@")


def _signed_workbook(tmp_path) -> bytes:
    """A 办件量统计 whose only name is its approver's, in the footer: 审批人（签字）：张伟."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = agency_sheet(workbook, "办件量统计", ["序号", "事项名称", "办件量"])
    for number in range(1, 21):
        sheet.append([number, f"第{number}项行政许可", 100 + number])
    sheet.append(["审批人（签字）：张伟"])
    path = tmp_path / "办件量统计.xlsx"
    workbook.save(path)
    return path.read_bytes()


_OLD_COLON_LABELS = ("姓名|联系人|负责人|经办人|办理人|制表人|填表人|审核人|复核人|填报人|统计人|申请人|法定代表人|法人代表|户主|"
                     "患者|当事人|监护人|收件人|受理人|承办人|签收人|领取人")


def _detectors_before_signed_footers(patch) -> None:
    """The colon-name detectors as they were before every signer's label (reader 5's)."""
    patch.setattr(detectors, "_LABELLED_NAME", re.compile(
        rf"(?:{_OLD_COLON_LABELS})\s*[：:]\s*((?:[\u4e00-\u9fff]{{1,8}}[·•][\u4e00-\u9fff]{{1,10}})|[\u4e00-\u9fff]{{2,4}})"))
    old = rf"(?:{_OLD_COLON_LABELS})\s*[：:]\s*[\x{{4e00}}-\x{{9fff}}]{{2,4}}"
    patch.setattr(text_kinds, "_COLON_NAME", old)
    patch.setitem(text_kinds.TEXT_KINDS, "person_name", f"{old}|{text_kinds.LOOSE_RE2}")


def _payee_workbook(tmp_path) -> bytes:
    """A 补贴发放 register whose only name is a payee's, in its 备注 column: 收款人王建国."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = agency_sheet(workbook, "办件量统计", ["序号", "街道", "发放金额（元）", "备注"])
    for number in range(1, 21):
        sheet.append([number, "花园街道", 600 + number, "收款人王建国代领" if number == 7 else "已发放"])
    path = tmp_path / "办件量统计.xlsx"
    workbook.save(path)
    return path.read_bytes()


def _detectors_before_person_labels(patch) -> None:
    """The detectors as they were before a person's label and an address (reader 6's)."""
    nothing = re.compile(r"(?!)(?P<name>)")
    patch.setattr(labelled_names, "_PERSON", nothing)
    patch.setattr(labelled_names, "_HONORED", nothing)


def _reader_before_other_parts(patch) -> None:
    """The workbook reader as it was before it read the parts no reader of its own reads (reader 7's)."""
    patch.setattr(workbook_text, "other_part_texts", lambda *args: iter(()))


def _number_format_workbook(tmp_path) -> bytes:
    """A clean register whose amounts are formatted to show an officer's name and ID."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = agency_sheet(workbook, "办件量统计", ["序号", "街道", "发放金额（元）"])
    for number in range(1, 21):
        sheet.append([number, "花园街道", 600 + number])
        sheet.cell(sheet.max_row, 3).number_format = '"经办人李秀英 230102196708221078 "0'
    path = tmp_path / "办件量统计.xlsx"
    workbook.save(path)
    return path.read_bytes()


def _penalty_workbook(tmp_path) -> bytes:
    """A 行政处罚 公示 whose only person is one party among firms: 当事人名称 王建国, no credit code."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = agency_sheet(workbook, "处罚公示", ["决定书文号", "当事人名称", "统一社会信用代码", "处罚内容"])
    for number in range(1, 21):
        party, code = ("王建国", "") if number == 7 else (f"哈尔滨市道里区第{number}食品有限公司", f"91230102MA1B{number:06d}X")
        sheet.append([f"哈市监罚〔2026〕{number}号", party, code, "罚款2000元"])
    path = tmp_path / "办件量统计.xlsx"
    workbook.save(path)
    return path.read_bytes()


def _detectors_before_party_columns(patch) -> None:
    """The scan as it was before a party's column (reader 7's): no header is a party's."""
    patch.setattr(columns, "is_party_header", lambda header: False)


def _case_title_workbook(tmp_path) -> bytes:
    """A 交通运输 行政处罚 list of firms' cases, one titled after the person it was against (关于…案)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = agency_sheet(workbook, "处罚公示", ["决定书文号", "案件名称", "处罚内容"])
    for number in range(1, 21):
        case = "关于王建国违规占用道路案" if number == 7 else f"哈尔滨市第{number}货运有限公司高速超限运输案"
        sheet.append([f"哈交执罚〔2026〕{number}号", case, "罚款2000元"])
    path = tmp_path / "办件量统计.xlsx"
    workbook.save(path)
    return path.read_bytes()


def _detectors_before_case_titles(patch) -> None:
    """The scan as it was before cases titled after 关于 (reader 8's): a name only at a text's start or after a mark."""
    from ckanext.harbin_opendata.privacy.scan import case_names

    patch.setattr(case_names, "_CASE", re.compile(case_names._CASE.pattern.replace("|(?<=关于)|(?<=关于对)", "")))


def _register_workbook(tmp_path) -> bytes:
    """A 低保 register whose only names are in its free text (probe3 H1): 王建国户，因病致贫."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = agency_sheet(workbook, "办理情况", ["序号", "事项", "办理情况"])
    for number in range(1, 21):
        sheet.append([number, "低保申请", "王建国户，因病致贫，已审批" if number == 7 else "材料齐全，已审批"])
    path = tmp_path / "办件量统计.xlsx"
    workbook.save(path)
    return path.read_bytes()


def _detectors_before_register_cues(patch) -> None:
    """The scan as it was before the cues of a register's free text (reader 9's)."""
    never = re.compile(r"(?!)")
    patch.setattr(labelled_names, "_CUED_AFTER", never)
    patch.setattr(labelled_names, "_CUED_BEFORE", never)


# (the revision before the reader's, the old reader, what it did not read, the file it passed)
# Reader 3's case (down to c3f8a1d6e2b7) no longer runs: that revision is older than the scan
# columns today's model reads (b5e1c9d4a7f2); readers 4 and 5 run the same path.
_READERS = {4: ("d2a7b8e3f914", 3, lambda patch: patch.setattr(outside_cells, "_cached_columns", lambda *args: []),
                _pivot_cache_workbook),
            5: ("b6e3d9f2a417", 4, _detectors_before_obfuscated_emails, _obfuscated_email_workbook),
            6: ("c9f4e1a7b2d6", 5, _detectors_before_signed_footers, _signed_workbook),
            7: ("f2b7d4c9a6e1", 6, _detectors_before_person_labels, _payee_workbook),
            8: ("a7d3e9c1f5b8", 7, _reader_before_other_parts, _number_format_workbook),
            8.1: ("a7d3e9c1f5b8", 7, _detectors_before_party_columns, _penalty_workbook),  # reader 8's second change
            9: ("f6b2d8a4c1e9", 8, _detectors_before_case_titles, _case_title_workbook),
            10: ("e8c4a1f7d2b9", 9, _detectors_before_register_cues, _register_workbook)}


def _states(people) -> dict[str, str]:
    status = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": people.entry["id"]})
    return {res["name"]: res["state"] for res in status["resources"]}


def _public(people) -> set[str]:
    return {res["name"] for res in tk.get_action("package_show")({"user": ""}, {"id": people.entry["id"]})["resources"]}


@pytest.mark.usefixtures("storage")
@pytest.mark.parametrize("reader", sorted(_READERS))
def test_workbooks_scanned_by_the_old_reader_are_held_and_rescanned(people, monkeypatch, tmp_path, reader):
    before, old, unread, workbook = _READERS[reader]
    migrate_privacy(before, forward=False)  # the database as the old reader left it
    # with the scan column today's model writes, added later (c9f4e1a7b2d6, which adds it if missing)
    model.Session.execute(sa.text("ALTER TABLE harbin_privacy_scan ADD COLUMN IF NOT EXISTS settings jsonb"))
    model.Session.commit()
    model_module.TextCheck.__table__.create(model.Session.get_bind(), checkfirst=True)  # and the texts' marks (c1e7a4b9d2f6)
    try:
        _scan_and_publish_by_the_old_reader(people, monkeypatch, old, unread, workbook(tmp_path))
    finally:
        migrate_privacy()
    assert _public(people) == set()  # both held behind their rescans
    assert _states(people) == {"办件量统计.xlsx": "pending", "公开统计.csv": "pending"}
    assert len(jobs.requeue_orphans(minutes=0)) == 2  # what the scheduler does for scans without a job
    run_queued_jobs()
    model.Session.expire_all()
    assert _states(people) == {"办件量统计.xlsx": "personal", "公开统计.csv": "clear"}
    assert _public(people) == {"公开统计.csv"}


def _scan_and_publish_by_the_old_reader(people, monkeypatch, old: int, unread, workbook: bytes) -> None:
    with monkeypatch.context() as old_reader:
        for module in (jobs, model_module, kept_exemptions):
            old_reader.setattr(module, "READER", old)
        unread(old_reader)
        upload(people.entry["id"], people.editor, workbook, "办件量统计.xlsx", "XLSX")
        upload(people.entry["id"], people.editor, "区,人数\r\n道里区,3\r\n".encode(), "公开统计.csv", "CSV")
        run_scans(people.entry["id"])
        assert _states(people) == {"办件量统计.xlsx": "clear", "公开统计.csv": "clear"}
        publish(people, people.entry["id"])
    assert _public(people) == {"办件量统计.xlsx", "公开统计.csv"}


@pytest.mark.usefixtures("storage")
def test_a_scan_by_the_old_reader_finishing_after_the_migration_does_not_count(people, monkeypatch):
    """A worker still running the old code (reader 2) during a rolling upgrade finishes its scan
    after the migration: the file is not clear by it, only by a scan of the current reader."""
    with monkeypatch.context() as old_reader:
        for module in (jobs, model_module, kept_exemptions):
            old_reader.setattr(module, "READER", 2)
        upload(people.entry["id"], people.editor, "区,人数\r\n道里区,3\r\n".encode(), "公开统计.csv", "CSV")
        run_scans(people.entry["id"])
    assert _states(people) == {"公开统计.csv": "unscanned"}
    tk.get_action("harbin_privacy_scan")({"user": people.editor}, {"id": people.entry["id"]})
    run_scans(people.entry["id"])
    assert _states(people) == {"公开统计.csv": "clear"}

