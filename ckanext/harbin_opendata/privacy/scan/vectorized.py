"""The detectors applied to a whole column at once (Arrow compute kernels and numpy): cells that
are only digits are checked by their length, region, birth date, check character or Luhn digit in
bulk; the few cells with digits or an @ inside other text go to the exact detectors one by one.
Same rules as detectors.py (the tests compare both on the same cells)."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .cell_bytes import any_holds, lone_runs
from .detectors import (CANDIDATE, CARD_BY_BIN, GROUP_SEPARATOR, ID_WEIGHTS, OPTIONAL_KINDS, PROVINCES, READING_FORMS_RE,
                        reading_forms)
from .name_cells import NAME_CELL_RE2, name_cell_parts, party_names
from .names import NAME_SHAPE_RE2, NOT_NAME_ENDING
from .pinyin_names import looks_like_pinyin_name
from .text_kinds import BatchCounts, count_text_kinds, text_pool

__all__ = ["BatchCounts", "classify", "valid_ids18"]

# Seven digits (separators between them allowed), an @ or a name label: cells without one hold none
# of the kinds (detectors.CANDIDATE, also RE2; a card number glued to a letter, X4111111111111111, is one).
_CANDIDATE_RE2 = CANDIDATE.pattern
_S = GROUP_SEPARATOR  # between digit groups (detectors.py)
_CHECKED_SHAPES = (rf"(?:^|[^0-9A-Za-z])[0-9](?:{_S}[0-9]){{16}}{_S}[0-9Xx]|"
                   rf"(?:^|[^0-9A-Za-z])[0-9]{{15}}(?:$|[^0-9A-Za-z])|(?:^|[^0-9])[3-6][0-9]{{3}}(?:{_S}[0-9]{{4}}){{2,3}}|"
                   rf"(?:^|[^0-9]){CARD_BY_BIN}")
_NOT_NAME_END_RE2 = f"[{NOT_NAME_ENDING}]$"
# Under an ID header: a run of 15-18 digits (separators between them allowed), whatever its check
# character; masked cells (*) never match.
_ID_SHAPED_RE2 = rf"(?:^|[^0-9])[0-9](?:{_S}[0-9]){{14,16}}(?:{_S}[0-9Xx])?(?:$|[^0-9])"
# A number stored in a workbook cell (or exported from one): Excel keeps 15 significant digits, so a
# card or account number typed as a number lost its Luhn digit and an ID its check character. Under
# a card or account header, any whole number of 15-19 digits (or its E+ form) is one, unchecked.
_E_FORM = r"[1-9](?:\.[0-9]{1,14})?[Ee]\+?"
# A program's floating-point value keeps 16-17 significant digits (6.222021001123457e+18).
_LONG_NUMBER_RE2 = rf"^(?:[0-9]{{15,19}}|[1-9](?:\.[0-9]{{1,16}})?[Ee]\+?1[4-8])$"
# Without a helpful header: a number cut to 15 significant digits (16-19 digits ending in the zeros
# Excel put in place of the rest, or its E+ form): no amount is that large, and a serial number cut
# so has lost its meaning anyway. Counted by kind; the column decides by their share (columns.py).
_CUT_RE2 = rf"^(?:[1-9][0-9]{{14}}0{{1,4}}|{_E_FORM}1[5-8])$"
# An ID read back from the binary value a program stored (17 significant digits: 230108198508156213
# as 2.301081985081562e+17, read as 230108198508156200) ends in 0; it counts as cut when its region
# and birth date survive. A card so read back is not told from a serial number stored as a number
# (the reader sees the same binary value): only a card or account header makes it one.
_READ_BACK_RE2 = r"^[1-9][0-9]{16}0$"
# Except a UnionPay card (BIN 62, 17-19 digits) so stored: the binary value keeps 16-17 significant
# digits (6.222021001123457e+18, or read back from a cell as 6222021001123457000). Serials so stored
# begin with a date, a region (23…) or a snowflake's 1, rarely 62, and the column counts only when
# most of its cells are such numbers (columns.py, as cut numbers). Cards of 16 digits (Visa 4,
# Mastercard 5, most others) need no rule: a binary number holds them exactly, Luhn digit and all.
_FLOAT_CARD_RE2 = r"^(?:6\.2[0-9]{14,15}[Ee]\+?1[678]|62(?:[0-9]{14}0{2,3}|[0-9]{15}00))$"
# Under a person-number header (人员编号, 医保号, ID): an ID whose precision was lost, as an E+ form.
_ID_E_FORM_RE2 = rf"^{_E_FORM}1[47]$"
_ID_NUMBER_RE2 = rf"{_ID_SHAPED_RE2}|^{_E_FORM}1[4-7]$"  # or an ID typed as a number, exported as 2.30102E+17
_OPTIONAL_RE2 = {"vehicle_plate": r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z]",
                 "address": r"(?:路|街|道|巷|胡同|小区|村)[0-9０-９一二三四五六七八九十]+号"}
_PROVINCE_TABLE = np.zeros(100, dtype=bool)
_PROVINCE_TABLE[list(PROVINCES)] = True
_WEIGHTS = np.array(ID_WEIGHTS, dtype=np.int32)
_CHECK_VALUE = np.array([1, 0, 10, 9, 8, 7, 6, 5, 4, 3, 2])  # "10X98765432", X = 10
_DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
_DISTINCT_CAP = 2000
# Latin letters and the Chinese characters of GB 2312/GBK's range (Unicode 1.1): letters (\pL) in
# every Unicode version, never white space.
_COMMON_LETTER = r"[A-Za-z\x{4e00}-\x{9fa5}]"
_CHINESE_FIRST = r"^[\x{4e00}-\x{9fff}]"
_HAN_NAME_RE2 = r"^[\x{4e00}-\x{9fff}](?:[\x{4e00}-\x{9fff}]|[·•．][\x{4e00}-\x{9fff}]){0,5}$"
_EXAMPLES = 3  # as many as BatchCounts keeps
_NAME_SAMPLE = 2000
_NAME_CELL_BYTES = 160  # a list of up to about ten names
# Cells that may be several names, a name and a phone, or a pinyin name: a Latin letter first, or a
# Chinese character and then a separator or a digit (most cells of other columns are none).
_NAME_CELL_HINT = r"^[A-Za-z]|^[\x{4e00}-\x{9fff}]+[、，,;；/ (（:：0-9]"


def _digits(values: pa.Array, width: int) -> np.ndarray:
    """Rows of ASCII digits (0-9; X as 10) of equally long strings, as an (n, width) matrix."""
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int32, count=len(values) + 1, offset=values.offset * 4)
    data = np.frombuffer(values.buffers()[2], dtype=np.uint8)
    matrix = data[offsets[0]:offsets[0] + len(values) * width].reshape(-1, width).astype(np.int32) - 48
    matrix[matrix == ord("X") - 48] = 10
    matrix[matrix == ord("x") - 48] = 10
    return matrix


def _run_digits(data: np.ndarray, starts: np.ndarray, width: int) -> np.ndarray:
    """The digits (X as 10) of runs of `width` characters at these byte offsets, as an (n, width) matrix."""
    matrix = data[starts[:, None] + np.arange(width)].astype(np.int32) - 48
    matrix[matrix == ord("X") - 48] = 10
    matrix[matrix == ord("x") - 48] = 10
    return matrix


def _number(matrix: np.ndarray, start: int, stop: int) -> np.ndarray:
    weights = 10 ** np.arange(stop - start - 1, -1, -1)
    return matrix[:, start:stop] @ weights


def _date_ok(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    month_ok = (month >= 1) & (month <= 12)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    last = _DAYS[np.clip(month - 1, 0, 11)] + ((month == 2) & leap)
    return month_ok & (day >= 1) & (day <= last) & (year >= 1900) & (year <= dt.date.today().year)


def _id18(matrix: np.ndarray) -> np.ndarray:
    region = matrix[:, 0] * 10 + matrix[:, 1]
    foreign = (matrix[:, 0] == 9) & _PROVINCE_TABLE[matrix[:, 1] * 10 + matrix[:, 2]]
    body_ok = (matrix[:, :17] < 10).all(axis=1)
    birth = _date_ok(_number(matrix, 6, 10), _number(matrix, 10, 12), _number(matrix, 12, 14))
    check = _CHECK_VALUE[(np.minimum(matrix[:, :17], 9) @ _WEIGHTS) % 11] == matrix[:, 17]
    return (_PROVINCE_TABLE[region] | foreign) & body_ok & birth & check


def valid_ids18(values: pa.Array) -> np.ndarray:
    """Which of these cells (17 ASCII digits and a check character each) are valid 18-character IDs."""
    return _id18(_digits(values, 18)) if len(values) else np.zeros(0, dtype=bool)


def _id15(matrix: np.ndarray) -> np.ndarray:
    region = matrix[:, 0] * 10 + matrix[:, 1]
    return _PROVINCE_TABLE[region] & _date_ok(1900 + _number(matrix, 6, 8), _number(matrix, 8, 10),
                                              _number(matrix, 10, 12))


def _id_prefix(matrix: np.ndarray) -> np.ndarray:
    """Rows of 18 digits that begin as an ID does (region and birth date), whatever their last digits:
    an ID number whose precision was lost is still one (fail closed)."""
    region = _PROVINCE_TABLE[matrix[:, 0] * 10 + matrix[:, 1]] | (
        (matrix[:, 0] == 9) & _PROVINCE_TABLE[matrix[:, 1] * 10 + matrix[:, 2]])
    return region & _date_ok(_number(matrix, 6, 10), _number(matrix, 10, 12), _number(matrix, 12, 14))


def _plausible_ids(column: pa.Array, length: pa.Array, digit: pa.Array) -> pa.Array:
    """Cells that are an ID number by its region and birth date, check character or not: 18 digits
    (or 17 and an X), 15 (the legacy form), or an E+ form of either (precision lost in a CSV)."""
    found = np.zeros(len(column), dtype=bool)
    x_ending = _matching(column, pc.and_(pc.equal(length, 18), pc.invert(digit)), r"^[0-9]{17}[Xx]$")
    for width, shaped, rule in ((18, pc.or_(pc.and_(digit, pc.equal(length, 18)), x_ending), _id_prefix),
                                (15, pc.and_(digit, pc.equal(length, 15)), _id15)):
        rows = np.flatnonzero(shaped.to_numpy(zero_copy_only=False))
        if len(rows):
            found[rows] = rule(_digits(column.take(pa.array(rows)), width))
    return pc.or_(pa.array(found), _matching(column, pc.invert(digit), _ID_E_FORM_RE2))


def _mobile(matrix: np.ndarray) -> np.ndarray:
    return (matrix[:, 0] == 1) & (matrix[:, 1] >= 3)


def _card(matrix: np.ndarray) -> np.ndarray:
    reverse = matrix[:, ::-1].copy()
    doubled = reverse[:, 1::2] * 2
    reverse[:, 1::2] = np.where(doubled > 9, doubled - 9, doubled)
    return (matrix[:, 0] >= 3) & (matrix[:, 0] <= 6) & (reverse.sum(axis=1) % 10 == 0)


def _digits_card(matrix: np.ndarray) -> np.ndarray:
    return _card(matrix) & (matrix < 10).all(axis=1)


# A run inside other text is an ID by its region and birth date, whatever its check character
# (detectors.is_id_shaped: 户主证件230102196102041010); a whole cell by its check character.
_RUN_RULES = {15: (_id15,), 16: (_digits_card,), 17: (_digits_card,), 18: (_id_prefix, _digits_card),
              19: (_digits_card,)}
# A cell whose only digits are one run of 15-19 ASCII digits (or 17 and an X); cell_bytes.lone_runs
# finds where the run is (a pattern with a group to extract was the slowest step of the scan).
_LONE_RUN = r"^[^0-9０-９]*(?:[0-9]{17}[Xx]|[0-9]{15,19})[^0-9０-９Xx]*$"
# What the exact detectors can find in such a cell besides the run: an e-mail, a labelled name, or
# an ID document's label before it (旧证号230102850312123: the run is an ID, columns.py).
_BESIDE_RUN = r"[:：@#]|[\(\[（【] ?[Aa][Tt] ?[\)\]）】]|身份证|证件|证号|身份号|证照"
_BY_LENGTH = {18: (("resident_id", _id18),), 15: (("resident_id", _id15),), 11: (("mobile", _mobile),),
              16: (("bank_card", _card),), 17: (("bank_card", _card),), 19: (("bank_card", _card),)}


def _whole_digits(column: pa.Array, length: pa.Array, digit: pa.Array, counts: BatchCounts) -> pa.Array:
    """Cells of only ASCII digits (or 17 digits and X), by length; returns which cells were looked at.
    The cells of each length are read in place (numpy over the column's bytes)."""
    lengths, digits = length.to_numpy(), digit.to_numpy(zero_copy_only=False)
    x_ending = (lengths == 18) & ~digits & _ends_with_any(column, ("X", "x")).to_numpy(zero_copy_only=False)
    if x_ending.any():  # 17 digits and X: the regex only over the 18-byte cells ending in X
        x_ending[x_ending] = pc.match_substring_regex(column.filter(pa.array(x_ending)),
                                                      r"^[0-9]{17}[Xx]$").to_numpy(zero_copy_only=False)
    offsets = np.frombuffer(column.buffers()[1], dtype=np.int32, count=len(column) + 1, offset=column.offset * 4)
    for width, rules in _BY_LENGTH.items():
        selected = digits & (lengths == width)
        if width == 18:
            selected |= x_ending
        rows = np.flatnonzero(selected)
        if not len(rows):
            continue
        matrix = _run_digits(np.frombuffer(column.buffers()[2], dtype=np.uint8), offsets[rows], width)
        checked = np.zeros(len(rows), dtype=bool)
        for kind, rule in rules:
            hits = rule(matrix) & ~checked
            checked |= hits
            _add(counts, kind, column, rows[hits])
            if kind == "mobile":  # their carrier prefixes tell mobiles from a system's numbers (serial_numbers.py)
                prefixes, tallies = np.unique(_number(matrix[hits], 0, 3), return_counts=True)
                counts.mobile_prefixes.update(dict(zip(prefixes.tolist(), tallies.tolist())))
        rest = ~checked & (matrix < 10).all(axis=1)
        if width == 18 and rest.any():  # an 18-digit number that is no ID can be a card number (16-19 digits)
            hits = np.zeros(len(rows), dtype=bool)
            hits[rest] = _card(matrix[rest])
            _add(counts, "bank_card", column, rows[hits])
    return pa.array(digits | x_ending)


def _add(counts: BatchCounts, kind: str, column: pa.Array, rows: np.ndarray) -> None:
    """Whole cells of a kind (these rows of the column), with the first few as examples."""
    if len(rows):
        counts.add(kind, len(rows), column.take(pa.array(rows[:_EXAMPLES])))


def _names(column: pa.Array, nonempty: pa.Array, digit: pa.Array, name_header: bool, counts: BatchCounts,
           party_header: bool = False, names_by_shape: bool = False) -> None:
    """Name evidence: under a name header, every unmasked cell with letters (`names_by_shape`: only
    those shaped as names); under a party's header (name_cells.py), every cell that is a person's
    name; by content, the share of name-shaped cells among the first cells of the batch (a column
    is or is not a list of names)."""
    if name_header:
        lettered = pc.and_(_lettered(column, nonempty), pc.invert(pc.match_substring(column, "*")))
        counts.name_cells += _shaped_names(column, lettered) if names_by_shape else int(pc.sum(lettered).as_py() or 0)
    if party_header:
        found = party_names(pc.filter(column, nonempty))
        counts.party_names += len(found)
        counts.add_examples("person_name", found)
    sample = column.slice(0, _NAME_SAMPLE)
    length = pc.binary_length(sample)
    wordy = pc.and_(pc.invert(digit.slice(0, _NAME_SAMPLE)), _between(length, 4, _NAME_CELL_BYTES))
    counts.name_sampled = int(pc.sum(nonempty.slice(0, _NAME_SAMPLE)).as_py() or 0)
    if not pc.any(wordy).as_py():
        return
    candidates = pc.utf8_trim_whitespace(pc.filter(sample, wordy))
    # Every name shape begins with a Chinese character: the long pattern (costly to build at each
    # call) runs only when a candidate does (dates, amounts and codes do not).
    single = _matching(candidates, pc.and_(pc.less_equal(pc.binary_length(candidates), 40),
                                           pc.match_substring_regex(candidates, _CHINESE_FIRST)), NAME_SHAPE_RE2)
    single = pc.and_(single, pc.invert(_matching(candidates, single, _NOT_NAME_END_RE2)))
    names = pc.filter(candidates, single)
    counts.name_shaped += len(names)
    if len(names) and len(counts.name_values) < _DISTINCT_CAP:
        counts.name_values.update(pc.unique(names).slice(0, _DISTINCT_CAP).to_pylist())
    _name_cells(pc.filter(candidates, pc.invert(single)), counts)


def _shaped_names(column: pa.Array, lettered: pa.Array) -> int:
    """How many of the lettered cells are shaped as a name: 1 to 6 Chinese characters (a middle dot
    among them: 买买提·艾力), or a pinyin given name and surname (Zhang Wei, WANG Jianguo)."""
    cells = pc.utf8_trim_whitespace(column)
    han = _matching(cells, lettered, _HAN_NAME_RE2)
    latin = pc.filter(cells, pc.and_(lettered, pc.invert(han)))
    pinyin = {cell for cell in pc.unique(latin).to_pylist() if looks_like_pinyin_name(cell)}
    return int(pc.sum(han).as_py() or 0) + sum(cell in pinyin for cell in latin.to_pylist())


def _name_cells(candidates: pa.Array, counts: BatchCounts) -> None:
    """Cells holding several names, a name and a phone, or a pinyin name (name_cells.py): counted
    as name-shaped, each name a value of its own."""
    maybe = _matching(candidates, pc.match_substring_regex(candidates, _NAME_CELL_HINT), NAME_CELL_RE2)
    if not pc.any(maybe).as_py():
        return
    cells = pc.filter(candidates, maybe)
    parts = {cell: name_cell_parts(cell) for cell in pc.unique(cells).to_pylist()}
    named = [cell for cell in cells.to_pylist() if parts[cell]]
    counts.name_shaped += len(named)
    if len(counts.name_values) < _DISTINCT_CAP:
        counts.name_values.update(name for cell in set(named) for name in parts[cell])


def _lettered(column: pa.Array, nonempty: pa.Array) -> pa.Array:
    """Cells holding a letter (\pL): the Unicode class, whose pattern costs half a millisecond to
    build at each call, only over the cells without a Latin letter or a common Chinese character."""
    common = pc.match_substring_regex(column, _COMMON_LETTER)
    return pc.or_(common, _matching(column, pc.and_(nonempty, pc.invert(common)), r"\pL"))


def _texts(rest: pa.Array, kinds: frozenset[str], counts: BatchCounts, strict: bool) -> None:
    """Cells with letters and digits: ID and card shapes first (cells whose one run of digits no rule
    accepts are ruled out), then the kinds without a check rule counted in bulk over the rest (a few
    examples and the shaped cells go to the exact detectors)."""
    optional = "".join(f"|{_OPTIONAL_RE2[kind]}" for kind in OPTIONAL_KINDS if kind in kinds)  # few digits, if any
    candidates = pc.filter(rest, pc.match_substring_regex(rest, _CANDIDATE_RE2 + optional))
    if not len(candidates):
        return
    shaped = pc.match_substring_regex(candidates, _CHECKED_SHAPES)
    ruled_out = _ruled_out(candidates, shaped, strict) if pc.any(shaped).as_py() else shaped
    pool = text_pool(candidates, ruled_out, kinds)
    if len(pool):
        count_text_kinds(pool, kinds, counts)
    shaped = pc.and_(shaped, pc.invert(ruled_out))
    for kind in OPTIONAL_KINDS:
        if kind in kinds:
            shaped = pc.or_(shaped, pc.match_substring_regex(candidates, _OPTIONAL_RE2[kind]))
    counts.texts += pc.filter(candidates, shaped).to_pylist()


def _ruled_out(candidates: pa.Array, shaped: pa.Array, strict: bool) -> pa.Array:
    """Shaped cells whose only digits are one run of 15-19 ASCII digits (or 17 and an X) that no
    ID or card rule accepts (licence numbers such as 教民123011934514506号): the exact detectors
    would find nothing of the checked kinds in them. Unless strict, so are the cells whose run is a
    15-digit ID inside other text and that hold no e-mail or labelled name: the exact detectors
    find only that ID, and leave it as weak (columns.py). Every other shaped cell is checked one by
    one."""
    lone = pc.match_substring_regex(pc.filter(candidates, shaped), _LONE_RUN)
    if not pc.any(lone).as_py():
        return pc.replace_with_mask(shaped, shaped, lone)
    cells = pc.filter(pc.filter(candidates, shaped), lone)
    data, starts, lengths = lone_runs(cells)
    accepted = np.zeros(len(cells), dtype=bool)
    for width, rules in _RUN_RULES.items():
        selected = lengths == width
        if selected.any():
            matrix = _run_digits(data, starts[selected], width)
            accepted[selected] = np.logical_or.reduce([rule(matrix) for rule in rules])
    ruled_out = ~accepted
    weak = accepted & (lengths == 15)
    if not strict and weak.any():
        texts = pc.filter(cells, pa.array(weak))
        inside = pc.and_(pc.match_substring_regex(texts, _COMMON_LETTER),
                         pc.invert(pc.match_substring_regex(texts, _BESIDE_RUN)))
        ruled_out[weak] = inside.to_numpy(zero_copy_only=False)
    return pc.replace_with_mask(shaped, shaped, pc.replace_with_mask(lone, lone, pa.array(ruled_out)))


def _reading_forms(column: pa.Array) -> pa.Array:
    """The column as the detectors read it (full-width forms as ASCII, Unicode spaces and dashes as
    ASCII ones): one search over the whole column, then one test per cell only when it holds one
    (most columns hold none), and only the cells holding one are converted."""
    if not any_holds(column, READING_FORMS_RE):
        return column
    unread = pc.match_substring_regex(column, READING_FORMS_RE)
    if not pc.any(unread).as_py():
        return column
    converted = pa.array([reading_forms(cell) for cell in pc.filter(column, unread).to_pylist()], type=pa.string())
    return pc.replace_with_mask(column, unread, converted)


def _matching(column: pa.Array, maybe: pa.Array, pattern: str) -> pa.Array:
    """Which cells match the pattern, run only over the cells that may (`maybe`, a superset)."""
    if not pc.any(maybe).as_py():
        return maybe
    return pc.replace_with_mask(maybe, maybe, pc.match_substring_regex(pc.filter(column, maybe), pattern))


def _ends_with_any(column: pa.Array, endings: tuple[str, ...]) -> pa.Array:
    found = pc.ends_with(column, endings[0])
    for ending in endings[1:]:
        found = pc.or_(found, pc.ends_with(column, ending))
    return found


def _between(length: pa.Array, least: int, most: int) -> pa.Array:
    return pc.and_(pc.greater_equal(length, least), pc.less_equal(length, most))


def _cut_numbers(column: pa.Array, length: pa.Array, digit: pa.Array, counts: BatchCounts, id_header: bool) -> None:
    """Numbers cut to 15 significant digits, by kind: 18 digits with a region and a birth date are
    an ID number, and so is an E+ form of 15 or 18 digits under an ID header (`id_header`); any
    other a card number (each kind with its own examples). The pattern runs over
    the cells that can match it: 16-19 digits ending in 0, other text ending in 15 to 18 (the E+ form)."""
    cut = _matching(column, pc.or_(pc.and_(pc.and_(digit, _between(length, 16, 19)), pc.ends_with(column, "0")),
                                   pc.and_(pc.invert(digit), _ends_with_any(column, ("15", "16", "17", "18")))),
                    f"{_CUT_RE2}|{_READ_BACK_RE2}|{_FLOAT_CARD_RE2}")
    if not pc.any(cut).as_py():
        return
    values = pc.filter(column, cut)
    is_id = np.zeros(len(values), dtype=bool)
    eighteen = pc.and_(pc.equal(pc.binary_length(values), 18), pc.utf8_is_digit(values))
    if pc.any(eighteen).as_py():
        is_id[eighteen.to_numpy(zero_copy_only=False)] = _id_prefix(_digits(pc.filter(values, eighteen), 18))
    if id_header:
        is_id |= pc.match_substring_regex(values, _ID_E_FORM_RE2).to_numpy(zero_copy_only=False)
    cards = pc.match_substring_regex(values, f"{_CUT_RE2}|{_FLOAT_CARD_RE2}").to_numpy(zero_copy_only=False)
    for kind, selected in (("resident_id", is_id), ("bank_card", ~is_id & cards)):
        found = pc.filter(values, pa.array(selected))
        counts.cut[kind] += len(found)
        counts.add_examples(kind, found)
    floated = pc.and_(pc.match_substring_regex(values, _FLOAT_CARD_RE2), pc.invert(pc.match_substring_regex(values, _CUT_RE2)))
    counts.floated += int(np.count_nonzero(~is_id & floated.to_numpy(zero_copy_only=False)))


def classify(column: pa.Array, name_header: bool = False, kinds: frozenset[str] = frozenset(),
             id_header: bool = False, card_header: bool = False, strict: bool = True,
             person_number_header: bool = False, party_header: bool = False, names_by_shape: bool = False) -> BatchCounts:
    """Counts for one batch of one column (a string array without nulls). `strict`: the column is
    scanned strictly (columns.py), weak findings inside text count too. `person_number_header`: a
    header such as 人员编号 or ID (names.py), under which an ID number counts without its check.
    `party_header`: the party of a ruling or a permit (name_cells.py), whose names count one by one.
    `names_by_shape`: under the name header only cells shaped as names count (an English header)."""
    counts = BatchCounts()
    column = _reading_forms(column)
    length = pc.binary_length(column)
    nonempty = pc.greater(length, 0)
    counts.cells = int(pc.sum(nonempty).as_py() or 0)
    if not counts.cells:
        return counts
    digit = pc.and_(pc.utf8_is_digit(column), pc.string_is_ascii(column))
    counts.long_numbers = int(pc.sum(pc.and_(digit, _between(length, 16, 19))).as_py() or 0)
    looked_at = _whole_digits(column, length, digit, counts)
    others = pc.and_(nonempty, pc.invert(looked_at))
    if pc.any(others).as_py():
        rest = pc.filter(column, others)
        _texts(rest, kinds, counts, strict)
    _names(column, nonempty, digit, name_header, counts, party_header, names_by_shape)
    # Cells of only digits match these patterns by their length alone: the patterns run over the others.
    if id_header:
        id_numbers = pc.or_(pc.and_(digit, _between(length, 15, 18)),
                            _matching(column, pc.and_(nonempty, pc.invert(digit)), _ID_NUMBER_RE2))
        counts.id_cells = int(pc.sum(id_numbers).as_py() or 0)
    elif person_number_header:
        id_numbers = _plausible_ids(column, length, digit)
        counts.id_cells = int(pc.sum(id_numbers).as_py() or 0)
        counts.add_examples("resident_id", pc.filter(column, id_numbers))
    if card_header:
        long_numbers = pc.or_(pc.and_(digit, _between(length, 15, 19)),
                              _matching(column, pc.and_(nonempty, pc.invert(digit)), _LONG_NUMBER_RE2))
        counts.card_cells = int(pc.sum(long_numbers).as_py() or 0)
        counts.add_examples("bank_card", pc.filter(column, long_numbers))
    _cut_numbers(column, length, digit, counts, id_header or person_number_header)
    return counts
