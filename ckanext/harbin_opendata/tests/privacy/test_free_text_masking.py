"""Free text that carries people (issue 16, outside probe F3): a remarks column (备注) where the scan
found one labelled name and one mobile holds eight more names the detectors cannot tell from words
(王建国户, 由其子张伟代领, 阿不都·热合曼家庭新增); a fixed-width register line holds a name beside the ID
and mobile found on it. The default rules mask such a column whole, every row: masking only the
spans found published every other name next to an entry marked 已脱敏."""
from __future__ import annotations

import csv
import io

from ckanext.harbin_opendata.common.tabular import Limits
from ckanext.harbin_opendata.privacy.masked_copy import write_masked
from ckanext.harbin_opendata.privacy.masking import default_rules
from ckanext.harbin_opendata.privacy.scan.files import scan_file

LIMITS = Limits(max_unpacked_bytes=1 << 30)
NAMES = ("王建国", "李秀英", "张伟", "热合曼", "刘淑芬", "赵德胜", "陈桂兰", "杨晓东", "周玉梅", "吴志强")
_NOTES = ("王建国户，因病致贫", "户主李秀英已于10月去世，由其子张伟代领", "阿不都·热合曼家庭新增", "刘淑芬之女在读大学",
          "赵德胜 低保边缘户", "陈桂兰（独居老人）", "杨晓东申请停保", "周玉梅户，联系电话一三八四五一二三零零零",
          "吴志强户，因残致贫", "无")
_CAUSES = ("因病", "因残", "因学", "缺劳力", "因灾", "因病", "因残", "因学", "缺劳力", "无")


def _dibao_csv() -> bytes:
    """A 低保 list as a street office exports it: GBK, a title row, the notes typed by a clerk."""
    lines = ["道里区2026年11月城市最低生活保障金发放名册,,,,,", "序号,户号,保障人数,月保障金额（元）,致贫原因,备注"]
    lines += [f"{number},DL{number:04d},{number % 4 + 1},{650 * (number % 4 + 1)},{cause},{note}"
              for number, (cause, note) in enumerate(zip(_CAUSES, _NOTES), start=1)]
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


def _fixed_width_text() -> bytes:
    """A 不动产 register exported as fixed-width text: name, ID, address and mobile on each line."""
    ids = ("23010219600101100X", "230102196102041013", "230102196203071027", "230102196304101037",
           "230102196405131040")
    lines = ["不动产登记信息"] + [f"{name:<8}{number}  道里区中央大街{row}号1384512{3000 + row * 37:04d}"
                             for row, (name, number) in enumerate(zip(NAMES, ids), start=1)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _masked(tmp_path, name: str, content: bytes) -> tuple[dict[str, str], list[list[str]]]:
    source, target = tmp_path / name, tmp_path / "masked.csv"
    source.write_bytes(content)
    scan = scan_file(str(source), LIMITS)
    rules = default_rules(scan.columns)
    write_masked(str(source), LIMITS, str(target), rules, scan.columns, {})
    return rules, list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))


def test_a_notes_column_with_a_person_finding_is_masked_whole_in_every_row(tmp_path):
    rules, rows = _masked(tmp_path, "低保名册.csv", _dibao_csv())
    assert rules[":5"] == "mask"  # 备注: one labelled name and one mobile were found in it
    text = "\n".join(",".join(row) for row in rows)
    assert not [name for name in NAMES if name in text]
    notes = [row[5] for row in rows[2:12]]
    assert notes[0].startswith("王") and "*" in notes[0] and notes[-1] == "无"  # the shape stays, one character of it
    # Columns without findings are copied as written: causes, amounts, household numbers.
    assert rules[":4"] == "mask_found" and [row[4] for row in rows[2:12]] == list(_CAUSES)
    assert rows[2][:4] == ["1", "DL0001", "2", "1300"]


def test_a_fixed_width_line_keeps_no_name_beside_its_id(tmp_path):
    rules, rows = _masked(tmp_path, "不动产登记.txt", _fixed_width_text())
    assert set(rules.values()) == {"mask"}
    text = "\n".join(",".join(row) for row in rows)
    assert not [name for name in NAMES[:5] if name in text] and "中央大街" not in text
    assert "230102********100X" in text and "138****3037" in text  # the found data keep their shapes
