"""Personal data an XLSX keeps about itself or copies from elsewhere, outside its sheets' cells: its
author and last editor, its manager, custom properties, hyperlink targets (mailto:, tel:), defined
names holding a constant, the names of chart sheets, data validation lists and prompts, hyperlink
tooltips, the cached cells of a link to another
workbook. The scan finds each and blocks the original; the masked copy keeps none of it."""
from __future__ import annotations

import pytest

from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .agency_workbooks import LIMITS, copy_texts, scan_and_mask
from .samples import resident_id_with
from .test_workbook_text import _plain_workbook
from .workbook_parts import app_properties, external_link_part, with_parts

_ID = resident_id_with("230102", "19900101", "123")


def _creator(workbook, sheet):
    workbook.properties.creator = "张伟"


def _pinyin_creator(workbook, sheet):
    workbook.properties.creator = "Zhang Wei"


def _pinyin_last_editor(workbook, sheet):
    workbook.properties.lastModifiedBy = "WANG Jianguo"


def _last_editor(workbook, sheet):
    workbook.properties.lastModifiedBy = "zhang.wei@example.com"


def _custom(workbook, sheet):
    from openpyxl.packaging.custom import StringProperty

    workbook.custom_doc_props.append(StringProperty(name="联系电话", value="13812345678"))


def _mailto(workbook, sheet):
    sheet["B5"].hyperlink = "mailto:zhang.wei@example.com"


def _tel(workbook, sheet):
    sheet["B5"].hyperlink = "tel:13812345678"


def _defined_name(workbook, sheet):
    from openpyxl.workbook.defined_name import DefinedName

    workbook.defined_names["联系人"] = DefinedName("联系人", attr_text='"张伟 13812345678"')


def _validation_list(workbook, sheet):
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(type="list", formula1='"张伟,李娜,王芳"')
    sheet.add_data_validation(validation)
    validation.add("B5:B43")


def _validation_prompt(workbook, sheet):
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(type="whole", prompt="有疑问请联系张伟 13812345678", showInputMessage=True)
    sheet.add_data_validation(validation)
    validation.add("D5:D43")


def _link_tooltip(workbook, sheet):
    from openpyxl.worksheet.hyperlink import Hyperlink

    sheet["B5"].hyperlink = Hyperlink(ref="B5", location="'企业名录'!A1", tooltip="联系人：张伟 13812345678")


def _chart_sheet(workbook, sheet):
    workbook.create_chartsheet("张伟")


def _id_formula(workbook, sheet):  # saved without computed values, as programs write workbooks
    sheet["F5"] = f'=CONCAT("{_ID[:6]}","{_ID[6:14]}","{_ID[14:]}")'


def _mobile_formula(workbook, sheet):
    sheet["F6"] = '="138"&"1234"&"5678"'


_PLANTED = {"creator": (_creator, "张伟"), "last_editor": (_last_editor, "zhang.wei@example.com"),
            "pinyin_creator": (_pinyin_creator, "Zhang Wei"), "pinyin_last_editor": (_pinyin_last_editor, "WANG Jianguo"),
            "custom": (_custom, "13812345678"), "mailto": (_mailto, "zhang.wei@example.com"),
            "tel": (_tel, "13812345678"), "defined_name": (_defined_name, "13812345678"),
            "chart_sheet": (_chart_sheet, "张伟"), "id_formula": (_id_formula, _ID),
            "mobile_formula": (_mobile_formula, "13812345678"), "validation_list": (_validation_list, "张伟"),
            "validation_prompt": (_validation_prompt, "13812345678"), "link_tooltip": (_link_tooltip, "13812345678")}
_ADDED = {"manager": (app_properties("张伟"), "张伟"),
          "connection": ({"xl/connections.xml": '<connections xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                                                '2006/main"><connection id="1" name="低保核对" type="1"><dbPr connection='
                                                f'"DSN=mzj;UID=hrb" command="SELECT * FROM db WHERE sfzh=\'{_ID}\'"/>'
                                                "</connection></connections>"}, _ID),
          "form_control": ({"xl/drawings/vmlDrawing9.vml": '<xml xmlns:v="urn:schemas-microsoft-com:vml"><v:shape>'
                            "<v:textbox><div><font>联系人：张伟<br>13812345678</font></div></v:textbox></v:shape></xml>"},
                           "13812345678"),
          "custom_xml": ({"customXml/item1.xml": "<documentManagement><Owner>张伟</Owner>"
                                                 "<Phone>13812345678</Phone></documentManagement>"}, "13812345678"),
          "external_link": (external_link_part([resident_id_with("230102", f"1990{month:02d}01", "123")
                                                for month in range(1, 13)]), _ID)}


def _saved(tmp_path, plant=None, parts=None):
    workbook, sheet = _plain_workbook()
    if plant:
        plant(workbook, sheet)
    path = tmp_path / "企业名录.xlsx"
    workbook.save(path)
    if parts:
        plain = tmp_path / "plain.xlsx"
        path.rename(plain)
        with_parts(plain, path, parts)
    return path


@pytest.mark.parametrize("place", sorted(_PLANTED) + sorted(_ADDED))
def test_personal_data_about_the_workbook_blocks_and_stays_out_of_the_masked_copy(place, tmp_path):
    plant, value = _PLANTED.get(place, (None, None))
    parts, value = _ADDED.get(place, (None, value))
    result, target = scan_and_mask(_saved(tmp_path, plant, parts), tmp_path)
    assert result.personal, f"{place}: not found"
    assert value not in copy_texts(target), place


def test_ordinary_properties_links_and_names_are_not_personal(tmp_path):
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    def plant(workbook, sheet):
        workbook.properties.creator = workbook.properties.lastModifiedBy = "道里区民政局"
        workbook.properties.lastModifiedBy = "Microsoft Office User"  # a program's default account, in English
        workbook.properties.title = "2025年企业名录"
        sheet["B5"].hyperlink = "http://www.harbin.gov.cn/col/col1/index.html"
        workbook.defined_names["名录"] = DefinedName("名录", attr_text="企业名录!$A$3:$E$43")
        sheet["F5"] = '=IF(E5>100,"大型","小型")&"企业"'  # a formula's words stay clear
        for name in ("单位", "区域", "万元", "金额", "数据区域"):  # shaped like names (单, 区, 万, 金 are surnames)
            workbook.defined_names[name] = DefinedName(name, attr_text="企业名录!$B$3")
        workbook.create_chartsheet("注册资本图")
        validation = DataValidation(type="list", formula1='"是,否"', prompt="请选择是否已核实", showInputMessage=True)
        sheet.add_data_validation(validation)
        validation.add("B5:B43")

    path = _saved(tmp_path, plant, app_properties("办公室"))
    result = scan_file(str(path), LIMITS)
    assert not result.personal, [column for column in result.columns if column["kinds"]]
