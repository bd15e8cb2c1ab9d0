"""Workbooks shaped as agencies make them (a merged title, a 单位/日期 subtitle, the header, footers
制表人/审核人), and what the privacy tests read back from a masked copy."""
from __future__ import annotations

import zipfile

from ckanext.harbin_opendata.common.tabular import Limits
from ckanext.harbin_opendata.privacy.masked_copy import write_masked
from ckanext.harbin_opendata.privacy.masking import default_rules
from ckanext.harbin_opendata.privacy.scan.files import ScanResult, scan_file

__all__ = ["LIMITS", "agency_sheet", "footer", "copy_texts", "scan_and_mask", "flagged_by_header", "flagged_in",
           "write_gbk_csv"]

LIMITS = Limits(max_unpacked_bytes=1 << 30)


def agency_sheet(workbook, title: str, header: list[str]):
    """The workbook's first sheet with the title rows and the header."""
    sheet = workbook.active
    sheet.title = title
    sheet.append(["哈尔滨市道里区2025年度困难群众生活补贴发放明细表"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(["填报单位：道里区民政局", None, None, "日期：2025年3月31日"])
    sheet.append(header)
    return sheet


def footer(sheet) -> None:
    """A blank row, then the signature line of an agency form."""
    sheet.append([])
    sheet.append(["制表人：", None, "审核人：", None, "单位（盖章）"])


def copy_texts(path) -> str:
    """Every text of a workbook file: the XML of each part, so sheet names, cells and anything else."""
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def scan_and_mask(path, tmp_path, confirmed=None) -> tuple[ScanResult, object]:
    """The scan of the workbook and its masked copy written with the default rules."""
    result = scan_file(str(path), LIMITS, confirmed=confirmed)
    target = tmp_path / "masked.xlsx"
    write_masked(str(path), LIMITS, str(target), default_rules(result.columns), result.columns, confirmed or {})
    return result, target


def flagged_by_header(result: ScanResult) -> dict[str, list[str]]:
    """The kinds found in each flagged column, by its header."""
    return {column["header"]: column["kinds"] for column in result.columns if column["kinds"]}


def flagged_in(path) -> dict[str, list[str]]:
    """The kinds found in each flagged column of the file at `path`, by its header."""
    return flagged_by_header(scan_file(str(path), LIMITS))


def write_gbk_csv(path, lines: list[str]) -> None:
    """CSV lines as an agency system exports them: GBK, CRLF."""
    path.write_bytes("\r\n".join(lines).encode("gbk"))
