"""ID and card numbers a program stored in workbook cells as numbers (outside probe, issue 16): the
binary value keeps 17 significant digits, so 230108198508156213 is read back as 230108198508156200
and its check character is gone. A small 补贴发放 workbook "已脱敏" by its agency (names masked, the
numbers left) under the headers social-security and bank files use: every such number is found and
masked, the masked copy rescans clean, and the decoys (serials, credit codes, amounts) stay unflagged."""
from __future__ import annotations

import datetime as dt
import decimal
import random

from ckanext.harbin_opendata.privacy.scan.detectors import is_resident_id
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .agency_workbooks import LIMITS, agency_sheet, copy_texts, flagged_by_header, footer, scan_and_mask
from .samples import bank_card, person_name, resident_id

ROWS = 8  # too few for a chance check-character match to flag a column
ID_HEADERS = ["社会保障号码", "sfzh", "人员编号", "医保号", "证件号", "ID", "身份证"]
CARD_HEADERS = ["存折号", "账户", "账号", "卡号", "银行账户"]
DECOYS = ["序号", "发放金额", "统一社会信用代码", "业务流水号", "订单号", "发放日期"]


def _read_back(digits: str) -> str:
    """What the reader gives for the digits stored as a binary number: its shortest decimal form,
    17 significant digits at most (230108198508156213 → 230108198508156200)."""
    return str(int(decimal.Decimal(repr(float(digits)))))


def _numeric_id(rng: random.Random) -> str:
    """An ID number that can be stored as a number and whose check character is lost so (not by
    chance still valid)."""
    while not (person := resident_id(rng))[-1].isdigit() or is_resident_id(_read_back(person)):
        pass
    return person


def _masked_by_agency(path) -> list[str]:
    """The agency's "已脱敏" copy: names masked by hand, IDs and cards left as the numbers they were
    stored as; returns the numbers' digits."""
    import openpyxl

    rng = random.Random(1606)
    workbook = openpyxl.Workbook()
    sheet = agency_sheet(workbook, "补贴发放（已脱敏）", ["序号", "姓名", *ID_HEADERS, *CARD_HEADERS, *DECOYS[1:]])
    numbers = []
    for number in range(1, ROWS + 1):
        ids = [_numeric_id(rng) for _ in ID_HEADERS]
        cards = [bank_card(rng) for _ in CARD_HEADERS]
        numbers += ids + cards
        name = person_name(rng)
        serial = f"230102{dt.date(2025, 3, number):%Y%m%d}{number:04d}"  # region and date, as text
        sheet.append([number, name[0] + "*" * (len(name) - 1), *map(float, ids + cards), 1200.0 + number * 35.5,
                      "12230100MB1931726Q", serial, "".join(str(rng.randrange(10)) for _ in range(18)),
                      dt.datetime(2025, 3, number)])
    footer(sheet)
    workbook.save(path)
    return numbers


def test_ids_and_cards_read_back_from_numbers_are_found_and_masked(tmp_path):
    path = tmp_path / "道里区困难群众补贴发放明细（已脱敏）.xlsx"
    numbers = _masked_by_agency(path)
    assert all(_read_back(digits) != digits for digits in numbers if len(digits) == 18)  # precision was lost
    result, target = scan_and_mask(path, tmp_path)
    flagged = flagged_by_header(result)
    for header in ID_HEADERS:
        assert "resident_id" in flagged.get(header, []), header
    for header in CARD_HEADERS:
        assert flagged.get(header) == ["bank_card"], header
    assert not set(DECOYS) & set(flagged), flagged
    copy = copy_texts(target)
    assert not [digits for digits in numbers if _read_back(digits) in copy or digits[:15] in copy]
    assert not scan_file(str(target), LIMITS, strict=True).personal


def test_ids_read_back_without_a_helpful_header(tmp_path):
    """Under 号码: the column's numbers end in the 0 of the binary value and keep an ID's region and
    birth date (fail closed). So is a 19-digit UnionPay card so read back (62…, ending in the zeros of
    the binary value) in most of a column's cells; random 18-digit serials stay unflagged."""
    import openpyxl

    rng = random.Random(17)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["序号", "号码", "备用", "订单号"])
    for number in range(1, ROWS + 1):
        card = "6217" + "".join(str(rng.randrange(10)) for _ in range(15))  # a 19-digit debit card
        sheet.append([number, float(_numeric_id(rng)), float(card), "".join(str(rng.randrange(10)) for _ in range(18))])
    workbook.save(tmp_path / "附表.xlsx")
    result, _ = scan_and_mask(tmp_path / "附表.xlsx", tmp_path)
    flagged = flagged_by_header(result)
    assert flagged.get("号码") == ["resident_id"]
    numbers = next(column for column in result.columns if column["header"] == "号码")
    assert numbers["counts"]["resident_id"] == ROWS and "stored as a number" in numbers["reasons"]["resident_id"]
    assert flagged.get("备用") == ["bank_card"] and "订单号" not in flagged


def test_ids_in_e_form_under_person_number_headers(tmp_path):
    """Excel's "save as CSV" of the same workbook: 2.30108E+17 under 人员编号 or ID is an ID (only its
    region is left), a count or an amount is not."""
    path = tmp_path / "补贴发放.csv"
    rows = ["序号,人员编号,ID,医保号,发放金额,人数"] + [
        f"{number},2.30108E+17,4.40305E+17,{230102194811300000 + number * 1000},1235.5,{number}" for number in range(1, 9)]
    path.write_text("\n".join(rows), encoding="gbk")
    result, target = scan_and_mask(path, tmp_path)
    flagged = flagged_by_header(result)
    assert flagged == {"人员编号": ["resident_id"], "ID": ["resident_id"], "医保号": ["resident_id"]}
    copy = target.read_bytes().decode("utf-8-sig")
    assert "2.30108" not in copy and "4.40305" not in copy and "230102194811301000" not in copy


def test_system_ids_under_id_header_are_no_resident_ids(tmp_path):
    """A bare ID header over a system's 18-digit snowflake ids: one in a few thousand begins with a
    region and a birth date by chance (here 2 of 200), which is no share of the column."""
    rng = random.Random(9)
    rows = ["ID,事项名称,办结时间"] + [
        f"{14 * 10 ** 16 + rng.randrange(10 ** 16)},居民最低生活保障审批,2025-03-0{number % 9 + 1}" for number in range(198)]
    rows += ["140105199001011200,居民最低生活保障审批,2025-03-01", "150102198712310410,临时救助,2025-03-02"]
    path = tmp_path / "办件明细.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    result, _ = scan_and_mask(path, tmp_path)
    assert "ID" not in flagged_by_header(result)
