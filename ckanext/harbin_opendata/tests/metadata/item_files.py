"""Tables as agencies upload them, for drafting data items: a GBK CSV with two title rows above the
header, a column of resident ID numbers, names, phones and remarks that sometimes hold personal data."""
from __future__ import annotations

import csv
import io

from ..privacy.samples import resident_id_with

__all__ = ["ALLOWANCE_HEADER", "allowance_csv", "PERSONAL_VALUES"]

ALLOWANCE_HEADER = ["序号", "户主姓名", "身份证号码", "家庭人口", "保障金额（元）", "发放日期", "所属街道", "联系电话", "备注"]
_IDS = [resident_id_with("230102", "19580314", "021"), resident_id_with("230102", "19671122", "043"),
        resident_id_with("230104", "19490806", "012"), resident_id_with("230102", "19750102", "155")]
_ROWS = [
    ["1", "王桂兰", _IDS[0], "2", "1260.50", "2025-03-28", "兆麟街道", "13845112233", ""],
    ["2", "李凤芝", _IDS[1], "3", "1890.00", "2025-03-28", "尚志街道", "0451-84623317", "代领人手机13936657788"],
    ["3", "赵德顺", _IDS[2], "1", "630.25", "2025-03-28", "兆麟街道", "18604512290", "新增"],
    ["4", "孙玉珍", _IDS[3], "4", "2520.00", "2025-03-29", "安静街道", "13069876543", ""],
]
PERSONAL_VALUES = [cell for row in _ROWS for cell in (row[1], row[2], row[7])] + ["13936657788"]


def allowance_csv() -> bytes:
    """道里区 低保金 register, as the civil-affairs office exports it from its Excel: GBK, two title rows."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(["哈尔滨市道里区2025年第一季度城乡居民最低生活保障金发放名册", "", "", "", "", "", "", "", ""])
    writer.writerow(["填报单位：哈尔滨市道里区民政局（盖章）", "", "", "", "", "填报日期：2025年4月2日", "", "", ""])
    writer.writerow(ALLOWANCE_HEADER)
    writer.writerows(_ROWS)
    return text.getvalue().encode("gbk")
