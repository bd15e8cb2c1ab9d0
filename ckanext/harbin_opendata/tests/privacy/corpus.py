"""A corpus of agency files as they really arrive: title and subtitle rows, merged cells, trailing
commas, ragged rows, footers (制表人/审核人), several and hidden sheets, GBK, UTF-8 with BOM and
UTF-16, workbooks written without a dimension, an archive, JSON records, a file whose declared
format lies, and a PDF. Each file plants personal data in named columns (every ID form, minority and
pinyin names, names inside contact text, IDN e-mail, landlines beside people) next to look-alike
decoys (file numbers, 统一社会信用代码, amounts, dates, office phones of a directory without
people). `PLANTED` says which columns hold personal data; every other column is a decoy."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field

from .corpus_stacked import stacked_files
from .samples import resident_id_with

__all__ = ["CorpusFile", "corpus", "planted_values"]

_IDS = [resident_id_with("230102", "19941221", "944"), resident_id_with("230103", "19680305", "112"),
        resident_id_with("810000", "19900101", "011"), resident_id_with("923156", "19851103", "021")]
_IDS_WRITTEN = [f"{_IDS[0][:6]} {_IDS[0][6:14]} {_IDS[0][14:]}", _IDS[1], f"{_IDS[2][:6]}-{_IDS[2][6:14]}-{_IDS[2][14:]}",
                _IDS[3], "230102680305112"]  # the last: a 15-digit legacy ID
_NAMES = ["王伟", "阿卜杜热依木·买买提", "欧阳娜娜", "司马相如之", "Zhang Wei"]
_MOBILES = ["13812345678", "+86 139-1234-5678", "15004512345", "18646001234", "13945678901"]
_CARDS = ["6222021234567890128", "6212264000000000008", "4111111111111111", "6222021234567890128",
          "6217000010001234566"]
_CREDIT_CODES = ["91230100MA1B2C3D4E", "12230100MB0000000X", "11230100000000000Y", "91230102MA19XQ0A4K",
                 "52230100MJ0000000A"]
_FILE_NUMBERS = ["HRB202500000123", "HRB202500000124", "2025030112345678", "202503011234567890", "20250301000123"]


@dataclass
class CorpusFile:
    name: str
    declared: str  # the format the agency declared (may be wrong)
    body: bytes
    planted: dict[str, set[str]] = field(default_factory=dict)  # table → column headers with personal data
    values: list[str] = field(default_factory=list)  # personal values that must never reach the public


def _csv(rows: list[list[str]], encoding: str, delimiter: str = ",") -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return text.getvalue().encode(encoding)


def _register_rows() -> list[list[str]]:
    """办件登记表: two title lines with trailing commas, the register, a footer with names."""
    rows = [["哈尔滨市某局政务服务办件登记表", "", "", "", "", "", "", "", ""],
            ["数据截止日期：2025年12月31日", "", "", "", "", "", "", "", ""],
            ["序号", "办件编号", "申请人", "身份证号", "联系电话", "银行账号", "统一社会信用代码", "金额（元）", "备注"]]
    for number in range(40):
        note = "联系人：刘洋，电话13700001111" if number == 7 else ("已办结" if number % 2 else "")
        rows.append([str(number + 1), _FILE_NUMBERS[number % 5], _NAMES[number % 5], _IDS_WRITTEN[number % 5],
                     _MOBILES[number % 5], _CARDS[number % 5], _CREDIT_CODES[number % 5], f"{1200 + number}.50", note])
    rows.append(["制表人：赵敏", "", "审核人：钱进", "", "", "", "", "", ""])
    return rows


def _register() -> CorpusFile:
    return CorpusFile("办件登记表.csv", "CSV", _csv(_register_rows(), "gbk"),
                      {"": {"申请人", "身份证号", "联系电话", "银行账号", "备注", "序号"}},
                      [*_IDS_WRITTEN, *_NAMES[:4], *_MOBILES, _CARDS[0], _CARDS[1], "刘洋", "13700001111", "赵敏", "钱进"])


def _workbook_without_dimension(rows: list[list[str]]) -> bytes:
    """An XLSX written by a tool that omits the sheet dimension (readers that trust it see 4 columns)."""
    def cell(column: int, row: int, value: str) -> str:
        ref = chr(ord("A") + column) + str(row)
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    sheet_rows = "".join(f'<row r="{r + 1}">' + "".join(cell(c, r + 1, v) for c, v in enumerate(row) if v) + "</row>"
                         for r, row in enumerate(rows))
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '</Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        '<sheet name="发放明细" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData>{sheet_rows}</sheetData></worksheet>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


def _subsidy_rows() -> list[list[str]]:
    rows = [["2025年度惠民补贴发放明细", "", "", "", "", "", "", "", "", ""],
            ["数据截止日期：2025年12月31日", "", "", "", "", "", "", "", "", "单位：元"],
            ["序号", "街道", "姓名", "性别", "金额", "发放日期", "项目编号", "身份证号码", "手机", "银行账号"]]
    for number in range(30):
        rows.append([str(number + 1), ["道里区中央大街", "南岗区果戈里大街", "香坊区"][number % 3], _NAMES[number % 4],
                     "男" if number % 2 else "女", f"{300 + number}", f"2025-0{number % 9 + 1}-15",
                     _FILE_NUMBERS[number % 5], _IDS[number % 4], _MOBILES[number % 5], _CARDS[number % 5]])
    return rows


def _subsidy_workbook() -> CorpusFile:
    """Merged title, a subtitle row with 单位：元 at the far right, a clean summary sheet and a hidden
    sheet of names."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "发放明细"
    for row in _subsidy_rows():
        sheet.append(row)
    sheet.merge_cells("A1:J1")
    summary = workbook.create_sheet("汇总")
    summary.append(["街道", "人数", "金额合计"])
    summary.append(["道里区中央大街", 10, 3150.5])
    hidden = workbook.create_sheet("核对名单")
    hidden.sheet_state = "hidden"
    hidden.append(["姓名", "联系方式"])
    hidden.append(["孙丽", "0451-86001234"])
    hidden.append(["周强", "13604511234"])
    out = io.BytesIO()
    workbook.save(out)
    return CorpusFile("补贴发放.xlsx", "XLSX", out.getvalue(),
                      {"发放明细": {"姓名", "身份证号码", "手机", "银行账号"}, "核对名单": {"姓名", "联系方式"}},
                      [*_IDS, *_NAMES[:4], "孙丽", "周强", "13604511234", "0451-86001234"])


def _directory() -> CorpusFile:
    """A contact list: names inside text under 联系人, IDN e-mail, landlines beside people, ragged rows."""
    rows = [["姓名", "联系人", "电子邮箱", "座机", "单位"],
            ["马超", "王芳（办公室）13812340000", "machao@例子.中国", "0451-86001111", "市卫健委"],
            ["林静", "李强 主任", "linjing@hrb.gov.cn", "(0451)86002222", "市教育局", "多余的一格"],
            ["何平", "张敏", "heping@example.公司", "0451-86003333"]]
    return CorpusFile("联系人名录.csv", "CSV", _csv(rows, "utf-8-sig"),
                      {"": {"姓名", "联系人", "电子邮箱", "座机"}},
                      ["马超", "林静", "何平", "王芳", "李强", "张敏", "machao@例子.中国", "heping@example.公司", "0451-86001111"])


def _relief_roster() -> CorpusFile:
    """低保对象花名册 as a district office keeps it: headers aligned with full-width spaces (姓　　名),
    names a surname list does not know (Mongol, Uyghur, pinyin), a person column named only by its
    ending (代领人), and ID numbers typed as numbers (Excel keeps 15 digits: the check character is
    lost, region and birth date stay)."""
    import openpyxl

    people = ["那仁图雅", "乌兰其其格", "古丽娜扎尔", "斯琴高娃", "Zhang Wei", "阿依古丽"]
    proxies = ["其木格", "Li Na", "萨仁", "托娅"]
    typed = [float(resident_id_with("230102", f"19{50 + n:02d}0{n % 9 + 1}1{n % 9}", f"{n:03d}")[:15] + "000")
             for n in range(len(people))]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "花名册"
    sheet.append(["道里区城乡最低生活保障对象花名册", "", "", "", "", "", ""])
    sheet.append(["填报单位：道里区民政局（盖章）", "", "", "", "填报日期：2025年12月", "", ""])
    sheet.append(["序　号", "姓　　名", "证件类型", "公民身份号码", "保障证号", "月保障金（元）", "代领人"])
    for number in range(24):
        sheet.append([number + 1, people[number % 6], "居民身份证", typed[number % 6], f"哈低保字2025第{number + 12:04d}号",
                      680 + number, proxies[number % 4] if number % 3 else ""])
    sheet.merge_cells("A1:G1")
    out = io.BytesIO()
    workbook.save(out)
    return CorpusFile("低保花名册.xlsx", "XLSX", out.getvalue(), {"花名册": {"姓　　名", "公民身份号码", "代领人"}},
                      [*people, *proxies, *(str(int(value)) for value in typed)])


def _decoys_only() -> CorpusFile:
    """Nothing personal: a directory of offices with their public phones, credit codes, serials, amounts."""
    rows = [["单位名称", "统一社会信用代码", "办公电话", "项目编号", "预算金额", "批复日期", "所在区"]]
    for number in range(25):
        rows.append([f"哈尔滨市第{number + 1}中学", _CREDIT_CODES[number % 5], f"0451-8{number:03d}1234",
                     _FILE_NUMBERS[number % 5], f"{10000 + number * 37}.00", f"2025-03-{number % 28 + 1:02d}",
                     ["道里区", "南岗区", "道外区", "香坊区"][number % 4]])
    return CorpusFile("学校名录.csv", "CSV", _csv(rows, "gbk"), {})


def _disguised() -> list[CorpusFile]:
    """Personal data declared as something else: a CSV called TXT, a ZIP archive, JSON records,
    UTF-16 tab-separated text."""
    register = _csv(_register_rows()[2:20], "gbk")
    archive = io.BytesIO()
    member, placeholder = "2025年1月.csv".encode("gbk"), b"2025XX1XX.csv"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(placeholder.decode(), register)
    # Chinese Windows stores GBK names without the UTF-8 flag (zipfile would write UTF-8 and flag it).
    archive = io.BytesIO(archive.getvalue().replace(placeholder, member))
    records = [{"姓名": name, "身份证号": id_number, "手机号": phone}
               for name, id_number, phone in zip(_NAMES[:3], _IDS[:3], _MOBILES[:3])]
    unicode_text = _csv([["姓名", "身份证号"], [_NAMES[2], _IDS[1]], [_NAMES[0], _IDS[0]]], "utf-16", "\t")
    return [
        CorpusFile("说明.txt", "TXT", register, {"": {"申请人", "身份证号", "联系电话", "银行账号", "备注"}},
                   [_IDS[1], _NAMES[1]]),
        CorpusFile("附件.zip", "ZIP", archive.getvalue(),
                   {"2025年1月.csv": {"申请人", "身份证号", "联系电话", "银行账号", "备注"}}, [_IDS[1]]),
        CorpusFile("接口返回.json", "JSON", json.dumps({"code": 0, "data": {"list": records}}, ensure_ascii=False).encode(),
                   {"": {"姓名", "身份证号", "手机号"}}, [_IDS[0], "欧阳娜娜"]),
        CorpusFile("导出.tsv", "TSV", unicode_text, {"": {"姓名", "身份证号"}}, [_IDS[1]]),
        CorpusFile("无维度.xlsx", "XLSX", _workbook_without_dimension(_subsidy_rows()[2:12]),
                   {"发放明细": {"姓名", "身份证号码", "手机", "银行账号"}}, [_IDS[0], _CARDS[0]]),
    ]


def corpus() -> list[CorpusFile]:
    stacked = [CorpusFile(name, declared, body, planted, values)
               for name, declared, body, planted, values in stacked_files()]
    return [_register(), _subsidy_workbook(), _relief_roster(), _directory(), _decoys_only(), *_disguised(), *stacked]


def planted_values() -> set[str]:
    return {value for item in corpus() for value in item.values}
