"""Personal data an old XLS holds outside its cells: page headers and footers and notes are read
from its records (notes with xlrd); a text box, which no maintained package reads, makes the file
unreadable rather than clear. The masked copy, written cell by cell, keeps none of it."""
from __future__ import annotations

import pytest

from ckanext.harbin_opendata.common.tabular.errors import TableError
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .agency_workbooks import LIMITS, copy_texts, scan_and_mask
from .xls_files import xls_workbook

_ROWS = [["序号", "企业名称", "注册资本（万元）"]] + [[str(number), f"哈尔滨市第{number}粮油有限公司", "1234567.89"]
                                              for number in range(1, 41)]
_PLANTED = {"header": {"header": "&L联系人：张伟 13812345678"}, "footer": {"footer": "制表人：张伟 13812345678"},
            "note": {"notes": [("道里区民政局", "联系人：张伟 13812345678")]},
            "note_author": {"notes": [("张伟", "请核对第5行金额")]}, "even_footer": {"even_footer": "制表人：张伟 13812345678"},
            "chart": {"chart": ["联系电话", "13812345678", "13912345678", "张伟"]}, "last_saved_by": {"user": "张伟"},
            "author": {"author": "张伟"}, "defined_name": {"names": {"联系人": "张伟 13812345678"}}}


def _saved(tmp_path, **outside) -> str:
    path = tmp_path / "企业名录.xls"
    path.write_bytes(xls_workbook(_ROWS, "企业名录", **outside))
    return str(path)


def test_an_xls_with_a_page_number_footer_and_an_ordinary_note_is_not_personal(tmp_path):
    path = _saved(tmp_path, header="&C2025年企业名录", footer="第 &P 页，共 &N 页", even_footer="第 &P 页",
                  notes=[("道里区民政局", "单位：万元，数据截至2025年3月31日")], chart=["注册资本", "道里区", "南岗区"],
                  user="Administrator", author="道里区民政局", names={"名录": "道里区民政局"})
    result = scan_file(path, LIMITS)
    assert result.tables and not result.personal, [column for column in result.columns if column["kinds"]]


@pytest.mark.parametrize("place", sorted(_PLANTED))
def test_personal_data_in_an_xls_outside_its_cells_blocks_and_stays_out_of_the_masked_copy(place, tmp_path):
    result, target = scan_and_mask(_saved(tmp_path, **_PLANTED[place]), tmp_path)
    assert result.personal, f"{place}: not found"
    copy = copy_texts(target)
    assert "13812345678" not in copy and "张伟" not in copy, place


def test_an_xls_with_a_text_box_is_unreadable_not_clear(tmp_path):
    with pytest.raises(TableError) as error:
        scan_file(_saved(tmp_path, boxes=["联系人：张伟 13812345678"]), LIMITS)
    assert error.value.params == {"kind": "xls_text"}  # "save it as XLSX"


def test_an_xls_embedding_an_object_is_unreadable_not_clear(tmp_path):
    with pytest.raises(TableError) as error:
        scan_file(_saved(tmp_path, author="办公室", embedded=True), LIMITS)
    assert error.value.params == {"kind": "embedded"}
