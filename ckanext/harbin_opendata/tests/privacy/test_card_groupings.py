"""Card numbers grouped as bank slips and UnionPay cards print them (issue 16): the BIN and 13 digits
(621226 4100011335373), 6-6-7, and 4-4-4-4-3 with full-width spaces or dashes, Luhn-checked; amounts,
dates, 统一社会信用代码, phones with an area code and order numbers beside them stay unflagged."""
from __future__ import annotations

import random

import pytest

from ckanext.harbin_opendata.privacy.public_text import found_kinds, masked
from ckanext.harbin_opendata.privacy.scan.detectors import find_all

from .agency_workbooks import flagged_in, write_gbk_csv
from .samples import bank_card

ROWS = 80
_GROUPINGS = (
    lambda card: f"{card[:6]} {card[6:]}",
    lambda card: f"{card[:6]}-{card[6:12]}-{card[12:]}",
    lambda card: "\u3000".join(card[start:start + 4] for start in range(0, 19, 4)),
    lambda card: "－".join(card[start:start + 4] for start in range(0, 19, 4)),
)


def _card19(rng: random.Random) -> str:
    while len(card := bank_card(rng)) != 19:
        pass
    return card


@pytest.mark.parametrize("grouping", range(len(_GROUPINGS)))
def test_a_grouped_card_is_found_in_text(grouping):
    text = f"补贴资金已存入一卡通{_GROUPINGS[grouping]('6212264100011335373')}，请查收"
    assert [finding.kind for finding in find_all(text)] == ["bank_card"]


def test_a_card_grouped_by_its_bin_in_a_feedback_message_is_found_and_masked():
    """The metadata and feedback check (public_text.py) uses the same detectors."""
    text = "退款请打到我的卡 621226 410001 1335373，谢谢"
    assert found_kinds(text) == ["bank_card"]
    assert "410001" not in masked(text) and "谢谢" in masked(text)


@pytest.mark.parametrize("text", [
    "621226 4100011335374",  # Luhn digit wrong
    "合同金额 450000 1234567.00元",
    "统一社会信用代码 91230102MA1C4D5E6X",
    "订单号 202503 120001 2345678",
    "咨询电话 0451-86661234 转 8012",
    "2025-03-12 至 2025-12-31",
])
def test_decoys_are_no_cards(text):
    assert [finding.kind for finding in find_all(text) if finding.kind == "bank_card"] == []


def _subsidy_list(path, rng: random.Random) -> None:
    """A 惠民惠农“一卡通” 发放明细 as a township exports it (GBK CSV, title line, total line):
    where each payment went in a note, grouped as the bank slip prints it."""
    lines = ["道里区2025年第一季度惠民惠农财政补贴资金“一卡通”发放明细",
             "序号,补贴项目,发放金额,发放说明,经办单位统一社会信用代码,咨询电话,业务流水号,发放日期"]
    for number in range(1, ROWS + 1):
        card = _GROUPINGS[number % len(_GROUPINGS)](_card19(rng))
        lines.append(f"{number},耕地地力保护补贴,{rng.randrange(300, 3000)}.{rng.randrange(100):02d},"
                     f"已存入一卡通 {card},11230102MB0{rng.randrange(10 ** 6):06d}X,0451-8666{rng.randrange(10 ** 4):04d},"
                     f"2025031{rng.randrange(10 ** 12):012d},2025-03-{number % 28 + 1:02d}")
    write_gbk_csv(path, [*lines, "合计,,,,,,,"])


def test_grouped_cards_in_notes_are_found_and_decoys_are_not(tmp_path):
    path = tmp_path / "一卡通发放明细.csv"
    _subsidy_list(path, random.Random(6))
    assert (flagged := flagged_in(path)) == {"发放说明": ["bank_card"]}, flagged


def _program_export(path, rng: random.Random) -> list[str]:
    """A payment system's CSV export whose program wrote numbers as binary floats: the payees'
    19-digit UnionPay cards under a field named by the system (扩展字段1), beside serials so written
    (snowflake ids, date-led order numbers, a region-led batch number); returns the cards' texts."""
    lines, cards = ["id,扩展字段1,交易流水号,订单号,批次号,金额"], []
    for number in range(1, ROWS + 1):
        cards.append(repr(float(_card19(rng))))
        snowflake = float(1_800_000_000_000_000_000 + rng.randrange(10 ** 17))
        order = float(f"2025031{rng.randrange(10 ** 12):012d}")
        batch = float(f"2301022025{rng.randrange(10 ** 9):09d}")
        lines.append(f"{number},{cards[-1]},{snowflake!r},{order!r},{batch!r},{rng.randrange(300, 3000)}.5")
    path.write_text("\n".join(lines), encoding="utf-8")
    return cards


def test_cards_a_program_stored_as_floats_are_found_and_float_serials_are_not(tmp_path):
    cards = _program_export(tmp_path / "payments.csv", random.Random(18))
    assert sum(len(card.split("e+18")[0]) > 16 for card in cards) > ROWS // 2  # mostly 16-17 significant digits
    flagged = flagged_in(tmp_path / "payments.csv")
    assert flagged == {"扩展字段1": ["bank_card"]}, flagged
