"""People's names in the table shapes agencies publish that a column's header or its share of single
names missed (outside probe H2, H4, H0b): a 行政处罚 公示 whose party column mixes people with firms,
several names in one cell, a name with the person's landline, pinyin names under 英文名 or 备注, and
a month × person pivot whose header cells are the names. Firms, districts and anonymised names stay clear."""
from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from ckanext.harbin_opendata.privacy.masked_copy import write_masked
from ckanext.harbin_opendata.privacy.masking import default_rules
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .agency_workbooks import LIMITS, agency_sheet, flagged_by_header, scan_and_mask

_PEOPLE = ["王建国", "李秀英", "张伟", "刘淑芬", "赵德胜", "陈桂兰", "杨晓东", "周玉梅", "吴志强", "孙丽华"]
_PINYIN = ["Wang Jianguo", "Li Xiuying", "Zhang Wei", "Liu Shufen", "Zhao Desheng", "Chen Guilan", "Yang Xiaodong",
           "Zhou Yumei", "Wu Zhiqiang", "Sun Lihua"]
_FIRMS = ["黑龙江省龙江食品有限责任公司", "哈尔滨市南岗区佳佳超市", "哈尔滨市道里区鑫源商贸有限公司", "道里区李秀英副食店",
          "哈尔滨市香坊区红星农民专业合作社", "哈尔滨市道外区老街饭店", "黑龙江北大荒米业有限公司", "哈尔滨市平房区东轻五金门市",
          "哈尔滨市松北区恒通汽车修理厂", "哈尔滨市呼兰区兴隆建材经营部", "哈尔滨市南岗区某某商店"]


def _gbk_csv(path, rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("gbk"))
    return str(path)


def _penalties(path, parties: list[str], header: str = "行政相对人名称") -> str:
    """A 行政处罚 公示 as a market regulator exports it: title, 截止日期 row, header; people have no credit code."""
    rows = [["哈尔滨市道里区市场监督管理局行政处罚信息公示", "", "", "", "", ""], ["数据截止日期：2026年11月30日", "", "", "", "", ""],
            ["行政处罚决定书文号", header, "统一社会信用代码", "违法行为类型", "处罚内容", "处罚日期"]]
    for number, party in enumerate(parties):
        code = "" if party in _PEOPLE else f"91230102MA1B{number:06d}X"
        rows.append([f"哈市监罚〔2026〕{100 + number}号", party, code, "销售过期食品", "罚款2000元", f"2026-10-{number + 1:02d}"])
    return _gbk_csv(path, rows)


def _masked_rows(source, result, tmp_path) -> list[list[str]]:
    target = tmp_path / "masked.csv"
    write_masked(str(source), LIMITS, str(target), default_rules(result.columns), result.columns, {})
    assert not scan_file(str(target), LIMITS, strict=True).personal
    return list(csv.reader(io.StringIO(target.read_text("utf-8-sig"))))


# 名称 and 企业名称 are a party's beside the credit-code column (a person has no code).
@pytest.mark.parametrize("header", ["行政相对人名称", "当事人名称", "被处罚单位名称", "申请人名称", "经营者名称", "名称", "企业名称"])
def test_people_beside_firms_in_a_party_column_are_found_and_only_they_masked(tmp_path, header):
    parties = _FIRMS[:3] + ["王建国"] + _FIRMS[3:7] + ["张伟"] + _FIRMS[7:]
    source = _penalties(tmp_path / "处罚公示.csv", parties, header)
    result = scan_file(source, LIMITS)
    assert flagged_by_header(result) == {header: ["person_name"]}
    [party] = [column for column in result.columns if column["header"] == header]
    assert party["counts"]["person_name"] == 2 and party["whole_kinds"] == []
    cells = {row[1] for row in _masked_rows(source, result, tmp_path)}
    assert {"王**", "张*"} <= cells and not {"王建国", "张伟"} & cells
    assert set(_FIRMS) <= cells  # registered names of businesses, 个体工商户 too, as published


def test_a_party_column_of_firms_and_anonymised_people_stays_clear(tmp_path):
    source = _penalties(tmp_path / "处罚公示.csv", _FIRMS + ["王某", "张某某"], "当事人名称")
    assert flagged_by_header(scan_file(source, LIMITS)) == {}


def test_party_headers_of_a_type_code_or_count_are_not_party_columns():
    from ckanext.harbin_opendata.privacy.scan.name_cells import is_party_header

    assert all(map(is_party_header, ["行政相对人名称", "当事人", "被处罚单位名称", "权利人名称", "经营者"]))
    assert not any(map(is_party_header, ["行政相对人类别", "当事人证件号码", "申请人数", "行政相对人代码", "经营者住所"]))


def _register(path, header: str, cells: list[str]) -> str:
    rows = [["香坊区2026年临时救助发放明细", "", ""], ["序号", header, "金额（元）"]]
    rows += [[str(number + 1), cell, f"{600 + number}"] for number, cell in enumerate(cells)]
    return _gbk_csv(path, rows)


_FAMILIES = ["、".join(_PEOPLE[n:n + 3]) for n in range(8)] + ["阿不都·热合曼、古丽米热·艾则孜", "王建国，李秀英"]


@pytest.mark.parametrize("header, cells", [
    ("成员", _FAMILIES),
    ("联系方式", [f"{name} 0451-8600{n:04d}" for n, name in enumerate(_PEOPLE)]),
    ("联系方式", [f"{name}（1384512{n:04d}）" for n, name in enumerate(_PEOPLE)]),
    ("英文名", _PINYIN),
    ("备注", [name.upper() for name in _PINYIN]),
])
def test_names_in_lists_with_phones_or_in_pinyin_are_a_name_column_and_masked(tmp_path, header, cells):
    source = _register(tmp_path / "救助明细.csv", header, cells)
    result = scan_file(source, LIMITS)
    assert "person_name" in flagged_by_header(result).get(header, []), flagged_by_header(result)
    masked = "\n".join(row[1] for row in _masked_rows(source, result, tmp_path)[2:])
    assert not any(name in masked for name in _PEOPLE + _PINYIN + [name.upper() for name in _PINYIN]), masked


@pytest.mark.parametrize("header, cells", [
    ("涉及区域", ["道里区、南岗区", "香坊区、平房区", "松北区、呼兰区", "阿城区、双城区", "道外区、南岗区"] * 2),
    ("项目", ["项目、金额", "单位、时间", "全年、全市", "公示、公告", "汇总、明细"] * 2),
    ("英文名称", ["Harbin Bank", "Daoli District", "Songhua River", "Central Street", "Sun Island", "Ice City",
              "Harbin Institute", "North Park", "Bus Station", "City Hall"]),
    ("办公电话", [f"道里区民政局 0451-8676{n:04d}" for n in range(10)]),
])
def test_lists_of_places_and_words_and_offices_stay_clear(tmp_path, header, cells):
    assert flagged_by_header(scan_file(_register(tmp_path / "明细.csv", header, cells), LIMITS)) == {}


def _pivot(path, header: list[str]) -> None:
    workbook = openpyxl.Workbook()
    sheet = agency_sheet(workbook, "发放表", header)
    for month in range(1, 13):
        sheet.append([f"2026年{month}月", *([650] * (len(header) - 1))])
    workbook.save(path)


def test_a_pivot_by_person_is_found_and_its_columns_renamed_in_the_masked_copy(tmp_path):
    source = tmp_path / "发放表.xlsx"
    _pivot(source, ["月份", *_PEOPLE[:5], "合计"])
    result, target = scan_and_mask(source, tmp_path)
    assert flagged_by_header(result) == {name: ["person_name"] for name in _PEOPLE[:5]}
    rows = [list(row) for row in openpyxl.load_workbook(target).active.iter_rows(values_only=True)]
    assert rows[2] == ["月份", "人员1", "人员2", "人员3", "人员4", "人员5", "合计"]
    assert not {cell for row in rows for cell in row} & set(_PEOPLE) and rows[3][1] in ("650", 650)
    assert not scan_file(str(target), LIMITS, strict=True).personal


@pytest.mark.parametrize("header", [
    ["月份", "道里", "南岗", "道外", "香坊", "平房", "松北", "呼兰", "阿城", "合计"],
    ["县（市）", "尚志", "五常", "宾县", "依兰", "方正", "巴彦", "木兰", "通河", "延寿"],
    ["序号", "项目", "金额", "单位", "时间", "备注"],
])
def test_headers_of_districts_and_ordinary_words_stay_clear(tmp_path, header):
    source = tmp_path / "统计表.xlsx"
    _pivot(source, header)
    assert flagged_by_header(scan_file(str(source), LIMITS)) == {}


def test_a_title_naming_people_before_an_honorific_is_found_and_masked(tmp_path):
    source = _gbk_csv(tmp_path / "公示.csv", [["关于王建国等同志2026年度先进个人的公示", ""], ["单位", "人数"],
                                             ["道里区", "3"], ["南岗区", "2"]])
    result = scan_file(source, LIMITS)
    assert flagged_by_header(result) == {"单位": ["person_name"]}
    assert _masked_rows(source, result, tmp_path)[0][0] == "关于王**等同志2026年度先进个人的公示"


@pytest.mark.parametrize("text", ["关于全体同志的通知", "关于调整领导同志分工的通知", "坚持男女平等同志间互相尊重", "关于相关同志的通知"])
def test_titles_addressing_no_one_stay_clear(text):
    from ckanext.harbin_opendata.privacy.scan.detectors import find_all

    assert list(find_all(text)) == []
