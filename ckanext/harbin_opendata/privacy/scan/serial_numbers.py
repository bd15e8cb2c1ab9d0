"""Order and case numbers that look like mobiles. Agency systems number their records with 11 digits
starting 13-19 (办件编号 15120300017, 12345 工单 流水号 18120312345): under a header naming such a
number, the column's 11-digit cells are mobiles only when they are clearly mobiles. The rule, on the
cells' first three digits (the carrier's 号段):

- every cell starts with a prefix carriers issue (a serial starting 140 or 154 is no mobile), and
- the prefixes are varied as mobiles' are: at least three of them (as many as the cells, for one or
  two cells), the most common one in less than half the cells. A system's numbers run on from one
  prefix (consecutive, or sharing a date or office code at their start), mobiles spread over
  130-199.

Under any other header (手机, 联系电话, 编号, none) a mobile counts as before: fail closed."""
from __future__ import annotations

import re
from collections import Counter

__all__ = ["is_serial_header", "serial_run", "CARRIER_PREFIXES"]

_SERIAL_HEADER = re.compile(r"订单(?:编)?号|流水号|业务(?:编)?号|办件(?:编)?号|受理(?:编)?号|工单(?:编)?号|"
                            r"快递单号|运单号|发票(?:号码|代码)|单据(?:编)?号")
# The first three digits of mainland mobiles (工信部 号段: 130-139, 145-149, 150-153, 155-159, 162,
# 165-167, 170-178, 180-189, 190-193, 195-199).
CARRIER_PREFIXES = frozenset({*range(130, 140), *range(145, 150), 150, 151, 152, 153, *range(155, 160), 162,
                              165, 166, 167, *range(170, 179), *range(180, 190), 190, 191, 192, 193,
                              *range(195, 200)})
_LEAST_PREFIXES = 3


def is_serial_header(header: str) -> bool:
    """A header naming an order, case, work-order or invoice number (订单号, 办件编号, 发票号码)."""
    return bool(_SERIAL_HEADER.search(header))


def serial_run(prefixes: Counter) -> bool:
    """Whether 11-digit cells with these first three digits (counts by prefix) are a system's numbers
    rather than mobiles (the rule above)."""
    cells = sum(prefixes.values())
    if not cells:
        return False
    if any(prefix not in CARRIER_PREFIXES for prefix in prefixes):
        return True
    return len(prefixes) < min(_LEAST_PREFIXES, cells) or 2 * max(prefixes.values()) >= cells > 2
