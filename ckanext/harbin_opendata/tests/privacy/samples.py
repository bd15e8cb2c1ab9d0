"""Realistic tables with planted personal data and decoys that look like it, for the privacy tests."""
from __future__ import annotations

import csv
import datetime as dt
import io
import random

__all__ = ["write_csv", "resident_id", "resident_id_with", "mobile", "bank_card", "person_name", "table", "PERSONAL_COLUMNS"]

_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
_REGIONS = ["230102", "230103", "230104", "230108", "110105", "310115", "440305", "510107"]
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"


def resident_id(rng: random.Random) -> str:
    born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(80 * 365))
    first17 = f"{rng.choice(_REGIONS)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, _WEIGHTS)) % 11]


def resident_id_with(region: str, born: str, sequence: str) -> str:
    """A valid 18-character ID of the given region (or permit/foreigner prefix), birth date and sequence."""
    first17 = region + born + sequence
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, _WEIGHTS)) % 11]


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randrange(10 ** 9):09d}"


def _luhn_complete(body: str) -> str:
    total = 0
    for position, char in enumerate(reversed(body + "0")):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return body + str((10 - total % 10) % 10)


def bank_card(rng: random.Random) -> str:
    return _luhn_complete("62" + "".join(str(rng.randrange(10)) for _ in range(rng.choice([14, 16]))))


def person_name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice([1, 2])))


# The columns that hold personal data, and the kind each holds.
PERSONAL_COLUMNS = {"申请人姓名": "person_name", "身份证号": "resident_id", "联系电话": "mobile",
                    "银行卡号": "bank_card", "备注": "mobile"}


def table(rows: int, seed: int = 7) -> tuple[list[str], list[list[str]]]:
    """A subsidy payment register: personal columns plus decoys (random 18-digit order numbers,
    16–19 digit transaction serials, credit codes, amounts, dates, street addresses, school licence
    numbers whose 15 digits often look like a legacy ID number)."""
    rng = random.Random(seed)
    header = ["序号", "申请人姓名", "身份证号", "联系电话", "银行卡号", "订单编号", "交易流水号",
              "统一社会信用代码", "补贴金额", "发放日期", "所属街道", "备注", "办学许可证号"]
    body = []
    for number in range(1, rows + 1):
        remark = f"本人确认，联系{mobile(rng)}" if number % 50 == 0 else rng.choice(["", "已核实", "材料齐全"])
        body.append([
            str(number), person_name(rng), resident_id(rng), mobile(rng), bank_card(rng),
            "".join(str(rng.randrange(10)) for _ in range(18)),
            str(rng.randrange(3, 7)) + "".join(str(rng.randrange(10)) for _ in range(rng.choice([15, 17, 18]))),
            "91230102" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(10)),
            f"{rng.uniform(100, 5000):.2f}", f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            rng.choice(["中央大街", "红军街", "学府路", "和兴路"]) + f"{rng.randint(1, 300)}号", remark,
            "教民12301" + "".join(str(rng.randrange(10)) for _ in range(10)) + "号",
        ])
    return header, body


def write_csv(path, rows: list[list[str]]) -> str:
    """The rows as a UTF-8 CSV file at `path` (a pathlib.Path); its name, for scan_file."""
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8"))
    return str(path)
