"""A bank card number alone in a note (outside probe, issue 16 finding 2): 备注 holds the bare
number (6222021001123456789, or grouped 6222 0210 …) in two rows. Two cards among sixty notes is below
the share that rules out chance for a column of numbers, but a column of notes is no column of
serials: it is found, and the notes column masked whole; a column of random serials (one in ten passes Luhn)
stays unflagged."""
from __future__ import annotations

import html
import random

from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .agency_workbooks import LIMITS, agency_sheet, copy_texts, flagged_by_header, footer, scan_and_mask
from .samples import bank_card

ROWS = 60
NOTES = {8: "{card}", 13: "{grouped}"}


def _grouped(card: str) -> str:
    return " ".join(card[start:start + 4] for start in range(0, len(card), 4))


def _payroll(path) -> list[str]:
    """A 工资代发 sheet whose notes hold two bare cards; returns them."""
    import openpyxl

    rng = random.Random(5)
    workbook = openpyxl.Workbook()
    sheet = agency_sheet(workbook, "代发明细", ["序号", "姓名", "发放金额", "交易流水号", "备注"])
    cards = []
    for number in range(1, ROWS + 1):
        note = rng.choice(["已核实", "材料齐全", "本人领取", ""])
        if number in NOTES:
            cards.append(bank_card(rng))
            note = NOTES[number].format(card=cards[-1], grouped=_grouped(cards[-1]))
        serial = str(rng.randrange(3, 7)) + "".join(str(rng.randrange(10)) for _ in range(rng.choice([15, 17, 18])))
        sheet.append([number, "刘*", round(1500 + rng.random() * 800, 2), serial, note])
    footer(sheet)
    workbook.save(path)
    return cards


def test_bare_cards_in_notes_are_found_and_masked(tmp_path):
    cards = _payroll(tmp_path / "2025年3月工资代发明细.xlsx")
    result, target = scan_and_mask(tmp_path / "2025年3月工资代发明细.xlsx", tmp_path)
    flagged = flagged_by_header(result)
    assert flagged.get("备注") == ["bank_card"] and "交易流水号" not in flagged, flagged
    copy = html.unescape(copy_texts(target))  # the copy writes characters as references (&#24050;)
    assert not [card for card in cards if card in copy or _grouped(card) in copy]
    assert "已**" in copy and "已核实" not in copy  # a column of notes with a finding is masked whole (default_rules)
    assert not scan_file(str(target), LIMITS, strict=True).personal
