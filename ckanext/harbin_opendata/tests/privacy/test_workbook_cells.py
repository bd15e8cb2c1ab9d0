"""Card, account and ID numbers an agency officer typed into workbook cells as numbers (issue 16):
Excel keeps 15 significant digits, so no Luhn or check digit is left to confirm them. Under a card,
account or ID header any such number is one; without a helpful header a column of numbers cut to
15 significant digits is flagged (fail closed). The masked copy keeps neither the digits nor the
float form; amounts, credit codes, order numbers and dates stay unflagged."""
from __future__ import annotations

import datetime as dt
import random

from .agency_workbooks import agency_sheet, copy_texts, footer, scan_and_mask
from .samples import bank_card, resident_id

ROWS = 40


def _typed(digits: str) -> float:
    """The number Excel stores when the digits are typed into a cell: 15 significant digits, the
    rest become zeros (6222021234567890123 → 6222021234567890000)."""
    return float(digits[:15] + "0" * (len(digits) - 15))


def _numeric_id(rng: random.Random) -> str:
    """An ID number that can be typed as a number (no X check character)."""
    while not (person := resident_id(rng))[-1].isdigit():
        pass
    return person


def _numbers_workbook(path, seed: int = 16) -> dict[str, list[str]]:
    """Cards, accounts and IDs typed as numbers under their headers (sheet 发放明细) and without a
    helpful header (sheet 附表); returns the typed digits by column."""
    import openpyxl

    rng = random.Random(seed)
    workbook = openpyxl.Workbook()
    typed: dict[str, list[str]] = {"银行卡号": [], "银行账号": [], "身份证号": [], "公民身份号码": [], "号码": [], "编码": []}
    sheet = agency_sheet(workbook, "发放明细", ["序号", "银行卡号", "银行账号", "身份证号", "公民身份号码", "补贴金额",
                                                "统一社会信用代码", "订单编号", "发放日期"])
    for number in range(1, ROWS + 1):
        card = bank_card(rng)
        card = card if len(card) == 19 else card + "123"[:19 - len(card)]  # 19 digits, Luhn or not
        account = "3500" + "".join(str(rng.randrange(10)) for _ in range(15))  # 19-digit account, no Luhn
        person = _numeric_id(rng)
        legacy = person[:6] + person[8:17]  # 15-digit legacy form: region, YYMMDD, sequence
        for key, value in (("银行卡号", card), ("银行账号", account), ("身份证号", person), ("公民身份号码", legacy)):
            typed[key].append(value)
        sheet.append([number, _typed(card), _typed(account), _typed(person), float(legacy), 1234567.89,
                      "91230100MA1ABCDE1X", "".join(str(rng.randrange(10)) for _ in range(18)),
                      dt.datetime(2025, 3, 1 + number % 28)])
    footer(sheet)
    extra = workbook.create_sheet("附表")
    extra.append(["序号", "号码", "编码", "金额", "数量", "订单号", "日期"])
    for number in range(1, ROWS + 1):
        card, person = bank_card(rng), _numeric_id(rng)
        typed["号码"].append(card)
        typed["编码"].append(person)
        extra.append([number, _typed(card), _typed(person), 25_000_000.0 + number * 1000.5, 1234567.89,
                      "".join(str(rng.randrange(10)) for _ in range(18)), dt.datetime(2024, 12, number % 28 + 1)])
    workbook.save(path)
    return typed


def test_numbers_typed_under_card_account_and_id_headers_are_found_and_masked(tmp_path):
    path = tmp_path / "发放明细.xlsx"
    typed = _numbers_workbook(path)
    result, target = scan_and_mask(path, tmp_path)
    found = {(column["sheet"], column["header"]): column for column in result.columns}
    flagged = {key: column["kinds"] for key, column in found.items() if column["kinds"]}
    print(f"\nflagged: {flagged}")
    assert "bank_card" in flagged[("发放明细", "银行卡号")] and "bank_card" in flagged[("发放明细", "银行账号")]
    assert "resident_id" in flagged[("发放明细", "身份证号")] and "resident_id" in flagged[("发放明细", "公民身份号码")]
    assert found[("发放明细", "银行账号")]["counts"].get("bank_card") == ROWS
    assert "check" in found[("发放明细", "银行账号")]["reasons"]["bank_card"]  # no Luhn possible: said so
    assert found[("发放明细", "银行账号")]["examples"]["bank_card"][0].startswith("3500")  # masked examples shown
    assert all("*" in example for example in found[("发放明细", "银行账号")]["examples"]["bank_card"])
    # no helpful header: numbers Excel cut to 15 significant digits, fail closed
    assert flagged.get(("附表", "号码")) and flagged.get(("附表", "编码"))
    decoys = [("发放明细", "补贴金额"), ("发放明细", "统一社会信用代码"), ("发放明细", "订单编号"), ("发放明细", "发放日期"),
              ("附表", "金额"), ("附表", "数量"), ("附表", "订单号"), ("附表", "日期"), ("附表", "序号")]
    assert not [key for key in decoys if key in flagged]
    copy = copy_texts(target)
    for column, values in typed.items():
        for digits in values:
            number = _typed(digits) if len(digits) > 15 else float(digits)
            forms = {digits, digits[:15], repr(number), str(int(number)), f"{number:.15g}"}
            kept = [form for form in forms if form in copy]
            assert not kept, (column, digits, kept)


def test_numbers_exported_to_csv_in_e_form(tmp_path):
    """Excel's "save as CSV" writes a long number as the cell shows it: 6.22202E+18."""
    path = tmp_path / "发放明细.csv"
    rows = ["序号,银行卡号,号码,补贴金额,订单编号"] + [
        f"{number},6.22202E+18,6.21700{number % 10}E+18,1234567.89,{202503010000000000 + number}" for number in range(1, 41)]
    path.write_text("\n".join(rows), encoding="utf-8")
    result, _ = scan_and_mask(path, tmp_path)
    flagged = {column["header"]: column["kinds"] for column in result.columns if column["kinds"]}
    assert flagged == {"银行卡号": ["bank_card"], "号码": ["bank_card"]}
