"""Personal data an ODS holds outside its cells besides its notes and footers (test_workbook_text):
its author, user-defined properties, validation lists, hyperlink targets, named expressions, and
the copy of the cells an embedded chart draws (kept when the cells are deleted)."""
from __future__ import annotations

import zipfile

import pytest

from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .agency_workbooks import LIMITS
from .test_workbook_text import _ods
from .workbook_parts import with_parts

_ROOT = "<office:document-content "
_NAMESPACES = ('xmlns:xlink="http://www.w3.org/1999/xlink" '
               'xmlns:chart="urn:oasis:names:tc:opendocument:xmlns:chart:1.0" ')
_META = ('<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
         'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
         '<office:meta><meta:initial-creator>{creator}</meta:initial-creator><dc:creator>{creator}</dc:creator>'
         '<meta:user-defined meta:name="{name}">{value}</meta:user-defined></office:meta></office:document-meta>')
_CHART = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:chart><table:table '
          'table:name="local-table"><table:table-rows>{rows}</table:table-rows></table:table></office:chart>'
          '</office:body></office:document-content>')


def _content(path, before_table: str = "", in_cell: str = "", after_table: str = "") -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml").decode().split("?>", 1)[1]
    content = content.replace(_ROOT, _ROOT + _NAMESPACES, 1).replace("<table:table ", before_table + "<table:table ", 1)
    content = content.replace("哈尔滨市第1粮油有限公司</text:p>", f"哈尔滨市第1粮油有限公司{in_cell}</text:p>", 1)
    return {"content.xml": content.replace("</table:table>", "</table:table>" + after_table, 1)}


def _validation(names: str) -> str:
    items = ";".join(f"&quot;{name}&quot;" for name in names.split(","))
    return (f'<table:content-validations><table:content-validation table:name="val1" '
            f'table:condition="of:cell-content-is-in-list({items})"/></table:content-validations>')


def _chart(values: list[str]) -> dict[str, str]:
    rows = "".join(f"<table:table-row><table:table-cell><text:p>{value}</text:p></table:table-cell></table:table-row>"
                   for value in values)
    return {"Object 1/content.xml": _CHART.format(rows=rows)}


def _parts(place: str, path, personal: bool) -> dict[str, str]:
    name, phone = ("张伟", "13812345678") if personal else ("道里区民政局", "0451-12345")
    return {
        "author": lambda: {"meta.xml": _META.format(creator=name, name="备注", value="无")},
        "property": lambda: {"meta.xml": _META.format(creator="办公室", name="联系电话", value=phone)},
        "validation": lambda: _content(path, before_table=_validation(f"{name},李娜" if personal else "是,否")),
        "link": lambda: _content(path, in_cell=f'<text:a xlink:href="tel:{phone}">电话</text:a>'),
        "named_expression": lambda: _content(path, after_table=(
            '<table:named-expressions><table:named-expression table:name="联系人" '
            f'table:expression="of:=&quot;{name} {phone}&quot;"/></table:named-expressions>')),
        "chart": lambda: _chart(["联系电话", phone, "13912345678" if personal else "0451-23456"]),
    }[place]()


@pytest.mark.parametrize("personal", [True, False], ids=["personal", "ordinary"])
@pytest.mark.parametrize("place", ["author", "property", "validation", "link", "named_expression", "chart"])
def test_text_of_an_ods_outside_its_cells_is_scanned(tmp_path, place, personal):
    plain, path = tmp_path / "plain.ods", tmp_path / "企业名录.ods"
    _ods(plain)
    with_parts(plain, path, _parts(place, plain, personal))
    result = scan_file(str(path), LIMITS)
    assert result.tables and result.personal is personal, [column for column in result.columns if column["kinds"]]


def test_an_ods_embedding_an_ole_object_is_unreadable_not_clear(tmp_path):
    from ckanext.harbin_opendata.common.tabular.errors import TableError

    plain, path = tmp_path / "plain.ods", tmp_path / "企业名录.ods"
    _ods(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for member in source.infolist():
            target.writestr(member, source.read(member.filename))
        target.writestr("Object 1", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(TableError) as error:
        scan_file(str(path), LIMITS)
    assert error.value.params == {"kind": "embedded"}
