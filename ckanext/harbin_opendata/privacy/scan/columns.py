"""Column-level findings: which columns of a table hold personal data, how many cells, examples
(masked), and the decision. Random numbers pass a check rule now and then, so a kind found in whole
cells counts when its share of the column is above what chance gives; personal data inside longer
text always counts. A masked copy is scanned strictly: any finding counts, and so does a value
masked too lightly (light_masks.py). An agency's own masking is held to the same rule in any file: an
ID masked too lightly anywhere, any kind under an ID, name or phone header (ColumnFindings.light_header)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

import pyarrow as pa
import pyarrow.compute as pc

from ..masking import mask_value
from .detectors import find_all, reading_forms
from .documents import KIND as DOCUMENT_KIND, is_document_header
from .home_addresses import KIND as ADDRESS_KIND, is_home_address_header
from .light_masks import MASK_CHARACTERS, light_masks
from .name_cells import is_entity_name_header, is_party_header
from .names import is_english_name_header, is_id_header, is_name_header, is_person_number_header
from .serial_numbers import is_serial_header, serial_run
from .vectorized import BatchCounts

__all__ = ["ColumnFindings", "settle_table"]

_EXAMPLES = 3
_CHECKED_KINDS = frozenset({"resident_id", "bank_card", "vehicle_plate", "address"})  # checked one by one
# Least share of a column's non-empty cells that must be whole cells of a kind (chance gives less:
# random 16-19 digit numbers pass Luhn one time in ten; random 11-digit numbers rarely start 13-19).
_SHARE = {"resident_id": 0.0005, "mobile": 0.01, "landline": 0.01, "bank_card": 0.15, "email": 0.0,
          "vehicle_plate": 0.01, "address": 0.01}
_CARD_HEADER = ("卡号", "账号", "帐号", "账户", "帐户", "存折", "银行", "card", "account")
# Least share of a column's non-empty cells that are numbers cut to 15 significant digits (vectorized.py)
# for the column to hold cards or IDs without a header saying so: numbers written exactly by a program
# sometimes round to 15 digits too (a serial number's binary value), a column typed into Excel always does.
_CUT_SHARE = 0.5
# A whole number a program wrote as a floating-point value (6217000010001234.0): under an order or
# case number's header (流水号) it is the system's number, Luhn or not (random serials pass one time
# in ten; an ID number in it is still checked); under any other header the card in it is found as before.
_PROGRAM_FLOAT = re.compile(r"^\s*[0-9]{16,19}\.0+\s*$")
_PERSON_NUMBER_SHARE = 0.1  # of a column under a person-number header: numbers shaped as IDs (_ids_by_header)
# Why such a finding cannot be checked, shown with it.
NUMBER_REASON = ("stored as a number: Excel keeps 15 significant digits, so no Luhn or check digit can be verified; "
                 "flagged by its {by}")
FLOAT_REASON = ("stored by a program as a floating-point number, which keeps 16 or 17 significant digits: the "
                "last digits and the Luhn digit are lost; flagged by its {by}")
SPLIT_REASON = "split over two adjacent columns: their cells joined are valid ID numbers in most rows"
LIGHT_REASON = "masked too lightly: more of the value is shown than its kind's mask keeps"
# Cells that may hold a value masked too lightly: a mask character, and 8 digits (a mobile's mask
# shows 7) or an at-sign; the others never reach light_masks.
_MASKED_RE2 = f"[{MASK_CHARACTERS}]"
_MANY_DIGITS_RE2 = "(?:[0-9０-９][^0-9０-９]*){8}|[@#＠＃]|[(（\\[【] ?[Aa][Tt]"
# A name masked so that more than its surname shows (王*国, 欧阳*明, 李秀*): a name's mask keeps one character.
_LIGHT_NAME_RE2 = f"^\\s*[\\x{{4e00}}-\\x{{9fff}}]+{_MASKED_RE2}+[\\x{{4e00}}-\\x{{9fff}}]|^\\s*[\\x{{4e00}}-\\x{{9fff}}]{{2,}}{_MASKED_RE2}+\\s*$"
_LIGHT_NAME = re.compile(rf"^\s*(?:[\u4e00-\u9fff]+[{MASK_CHARACTERS}]+[\u4e00-\u9fff][\u4e00-\u9fff{MASK_CHARACTERS}]*"
                         rf"|[\u4e00-\u9fff]{{2,}}[{MASK_CHARACTERS}]+)\s*$")
_PHONE_HEADER = re.compile(r"电话|手机|联系方式|联系电话|phone|mobile|tel", re.IGNORECASE)
FORM_REASON = "to the right of a person label in a form laid out label | value (姓名 | 王建国)"
SPLIT_PHONE_REASON = "split over adjacent columns: their cells joined are {kind} numbers in most rows"
_NAME_HEADER_SHARE = 0.2
_NAME_SHAPED_SHARE = 0.6
_NAME_DISTINCT = 20
# Columns beside people's data make landlines personal (a household's phone); alone they are the
# office numbers agencies publish.
_PEOPLE = {"person_name", "resident_id"}


@dataclass
class ColumnFindings:
    table: str
    column: int
    header: str
    strict: bool = False
    beside_credit_codes: bool = False  # the table has a column of credit codes (name_cells.py)
    cells: int = 0
    counts: Counter = field(default_factory=Counter)  # whole cells, by kind
    embedded: Counter = field(default_factory=Counter)  # inside longer text, by kind
    examples: dict[str, list[str]] = field(default_factory=dict)  # masked
    name_cells: int = 0
    id_cells: int = 0
    card_cells: int = 0
    long_numbers: int = 0  # cells that are a number of 16-19 digits (grouped or not), cards or not
    cut: Counter = field(default_factory=Counter)  # numbers cut to 15 significant digits, by kind
    floated: int = 0  # of the cut card numbers: those a program stored as floating-point values
    documents: int = 0  # under a document header (护照号码, 军官证号): cells shaped like a document's number
    home_addresses: int = 0  # under a home-address header (住址, 户籍地址): cells naming a place (home_addresses.py)
    split: Counter = field(default_factory=Counter)  # cells that are a part of a number split over adjacent columns, by kind
    form_names: int = 0  # cells right of a form's person label (姓名 | 王建国: form_labels.py)
    light: Counter = field(default_factory=Counter)  # values masked too lightly (strict scans), by kind
    line_cells: int = 0  # of `cells`: in title, header and footer lines
    line_found: Counter = field(default_factory=Counter)  # of those, the cells holding each kind
    line_hits: Counter = field(default_factory=Counter)  # of `counts` and `embedded`: those of these lines
    name_sampled: int = 0
    name_shaped: int = 0
    name_values: set[str] = field(default_factory=set)
    party_names: int = 0  # under a party's header (当事人名称): cells that are a person's name (name_cells.py)
    mobile_prefixes: Counter = field(default_factory=Counter)  # 11-digit cells taken for mobiles, by first three digits
    decided: list[str] = field(default_factory=list)

    @property
    def name_header(self) -> bool:
        return is_name_header(self.header)

    @property
    def names_by_shape(self) -> bool:
        """Under a name header in English only cells shaped as names count (names.is_english_name_header)."""
        return is_english_name_header(self.header)

    @property
    def party_header(self) -> bool:
        party = is_party_header(self.header) or self.beside_credit_codes and is_entity_name_header(self.header)
        return party and not self.name_header

    @property
    def id_header(self) -> bool:
        return is_id_header(self.header)

    @property
    def person_number_header(self) -> bool:
        return is_person_number_header(self.header)

    @property
    def document_header(self) -> bool:
        return is_document_header(self.header)

    @property
    def home_address_header(self) -> bool:
        return is_home_address_header(self.header)

    @property
    def serial_header(self) -> bool:
        return is_serial_header(self.header)

    @property
    def card_header(self) -> bool:
        return any(word in self.header.lower() for word in _CARD_HEADER)

    def _example(self, kind: str, value: str) -> None:
        if len(self.examples.setdefault(kind, [])) < _EXAMPLES:
            self.examples[kind].append(mask_value(kind, value))

    def absorb(self, batch: BatchCounts, kinds: frozenset[str]) -> None:
        """Add one batch's counts; its texts are checked one by one here."""
        self.cells += batch.cells
        for kind, count in batch.whole.items():
            self.counts[kind] += count
            for value in batch.examples.get(kind, []):
                self._example(kind, value)
        self.name_cells += batch.name_cells
        self.id_cells += batch.id_cells
        self.card_cells += batch.card_cells
        self.long_numbers += batch.long_numbers
        self.cut.update(batch.cut)
        self.floated += batch.floated
        for kind, values in batch.examples.items():  # examples of numbers found without a check
            if kind not in batch.whole:
                for value in values:
                    self._example(kind, value)
        self.name_sampled += batch.name_sampled
        self.name_shaped += batch.name_shaped
        self.party_names += batch.party_names
        if len(self.name_values) < 2 * _NAME_DISTINCT:
            self.name_values.update(batch.name_values)
        self.embedded.update(batch.embedded)
        self.mobile_prefixes.update(batch.mobile_prefixes)
        serials = self.serial_header
        for text in batch.texts:
            cards = not (serials and _PROGRAM_FLOAT.match(text))
            self.add_text(text, kinds if cards else kinds - {"bank_card"}, checked_kinds=_CHECKED_KINDS)

    def merge(self, later: "ColumnFindings") -> None:
        """Add the findings of later cells of the column, found apart (a scan process's batch): the
        same counts, examples and key order as if found here one after the other."""
        self.cells += later.cells
        self.name_cells += later.name_cells
        self.id_cells += later.id_cells
        self.card_cells += later.card_cells
        self.long_numbers += later.long_numbers
        self.name_sampled += later.name_sampled
        self.name_shaped += later.name_shaped
        self.party_names += later.party_names
        self.documents += later.documents
        self.home_addresses += later.home_addresses
        self.form_names += later.form_names
        self.mobile_prefixes.update(later.mobile_prefixes)
        self.floated += later.floated
        for mine, theirs in ((self.counts, later.counts), (self.embedded, later.embedded), (self.cut, later.cut),
                             (self.split, later.split), (self.light, later.light), (self.line_hits, later.line_hits)):
            for kind, count in theirs.items():  # zero counts too: a kind's key alone makes it found
                mine[kind] += count
        for kind, values in later.examples.items():  # masked already, the first of their batch
            kept = self.examples.setdefault(kind, [])
            kept.extend(values[:max(0, _EXAMPLES - len(kept))])
        if len(self.name_values) < 2 * _NAME_DISTINCT:  # absorb's rule, once per batch
            self.name_values.update(later.name_values)

    def add_text(self, text: str, kinds: frozenset[str], counted: bool = False,
                 checked_kinds: frozenset[str] | None = None, cell: bool = True) -> None:
        """One cell checked by the exact detectors: a whole-cell match or findings inside text.
        With `checked_kinds`, only those kinds are counted (the others were counted in bulk, the
        cell is here for its examples). A text that is no cell (a note, a property) has no column
        share to reach: all its findings count, as inside text."""
        findings = list(find_all(text, kinds))
        if checked_kinds is not None:
            for finding in findings:
                if finding.kind not in checked_kinds:
                    self._example(finding.kind, finding.value)
            findings = [finding for finding in findings if finding.kind in checked_kinds]
        if counted:
            self.cells += 1
        if checked_kinds is None:  # a batch's cells: check_masked
            self._add_light(text)
        whole = reading_forms(text).strip()  # a zero-width space around the value is no text
        if cell and len(findings) == 1 and reading_forms(findings[0].value) == whole \
                and findings[0].kind != "person_name":
            self.counts[findings[0].kind] += 1
            self.long_numbers += findings[0].kind == "bank_card"  # grouped (6222 0210 …): not a digits-only cell
            self._example(findings[0].kind, findings[0].value)
            return
        for finding in findings:
            if _weak(finding.value) and not self.strict and finding.value != text.strip() \
                    and not _ID_LABEL_BEFORE.search(text[:finding.start]):
                continue
            self.embedded[finding.kind] += 1
            self._example(finding.kind, finding.value)

    def add_line(self, text: str, kinds: frozenset[str]) -> None:
        """A cell of a title, header or footer line: checked as add_text does, and tallied apart
        (the page shows the data rows' cells and these apart)."""
        before = self.counts + self.embedded
        self.add_text(text, kinds, counted=True)
        after = self.counts + self.embedded
        self.line_cells += 1
        self.line_found.update(kind for kind in after if after[kind] > before[kind])
        self.line_hits.update(after - before)

    @property
    def light_header(self) -> bool:
        """A header under which every kind masked too lightly counts in any file (an agency's own
        已脱敏 register: 23010219850312****, 王*国, 1381234****); elsewhere only IDs do."""
        return self.strict or self.name_header or self.id_header or self.person_number_header \
            or bool(_PHONE_HEADER.search(self.header))

    def check_masked(self, cells: pa.Array) -> None:
        """The cells' values masked too lightly: a masked copy's (strict scans), and an agency's own
        masking in any file (an under-masked ID keeps region and birth date: personal data)."""
        if not (pa.types.is_string(cells.type) or pa.types.is_large_string(cells.type)):
            return
        masked = pc.fill_null(pc.match_substring_regex(cells, _MASKED_RE2), False)
        if not pc.any(masked).as_py():
            return
        cells = pc.filter(cells, masked)
        pattern = f"{_MANY_DIGITS_RE2}|{_LIGHT_NAME_RE2}" if self.name_header else _MANY_DIGITS_RE2
        for text in pc.filter(cells, pc.fill_null(pc.match_substring_regex(cells, pattern), False)).to_pylist():
            self._add_light(text)

    def _add_light(self, text: str) -> None:
        found = light_masks(text)
        if self.name_header and _LIGHT_NAME.match(text):
            found.append(("person_name", text.strip()))
        for kind, value in found:
            if kind != "resident_id" and not self.light_header:
                continue
            self.light[kind] += 1
            self.embedded[kind] += 1
            self._example(kind, value)

    def add_documents(self, numbers: pa.Array) -> None:
        """Cells under a document header shaped like a passport's or officer's card's number (documents.py)."""
        self.documents += len(numbers)
        for value in numbers.slice(0, _EXAMPLES).to_pylist():
            self._example(DOCUMENT_KIND, value)

    def add_home_addresses(self, addresses: pa.Array) -> None:
        """Cells under a home-address header that name a place (home_addresses.py)."""
        self.home_addresses += len(addresses)
        for value in addresses.slice(0, _EXAMPLES).to_pylist():
            self._example(ADDRESS_KIND, value)

    def add_split_ids(self, ids: pa.Array) -> None:
        """IDs split over this column and the one beside it (split_columns.py), joined."""
        self.add_split("resident_id", ids)

    def add_split(self, kind: str, numbers: pa.Array) -> None:
        """Numbers of a kind split over this column and the ones beside it (split_columns.py,
        split_phones.py), joined."""
        self.split[kind] += len(numbers)
        for value in numbers.slice(0, _EXAMPLES).to_pylist():
            self._example(kind, value)

    def add_form_names(self, names: pa.Array) -> None:
        """Names to the right of a form's person labels (form_labels.py): the column is masked cell
        by cell, its other values (男, 厨师) too."""
        self.form_names += len(names)
        for value in names.slice(0, _EXAMPLES).to_pylist():
            self._example("person_name", value)

    def add_name(self, text: str) -> None:
        """A bare name found outside a table's cells (a sheet's name, a comment's author)."""
        self.embedded["person_name"] += 1
        self._example("person_name", text.strip())

    def _whole_kinds(self) -> set[str]:
        found = set()
        for kind, count in self._counts_beyond_serials().items():
            share = 0.0 if kind == "bank_card" and self.card_header else _SHARE.get(kind, 0.0)
            strict = self.strict and kind != "bank_card"  # random serials pass Luhn one time in ten
            if count and (strict or count >= share * self.cells):
                found.add(kind)
        if self._ids_by_header():
            found.add("resident_id")
        if self.card_cells:  # any long number under a card or account header is one
            found.add("bank_card")
        found.update(kind for kind, count in self.split.items() if count)  # a part of a number in most rows
        if self.documents:  # any document-shaped cell under a document header is one
            found.add(DOCUMENT_KIND)
        if self.home_addresses:  # any place under a home-address header is one
            found.add(ADDRESS_KIND)
        if self._cut_enough():
            found.update(kind for kind, count in self.cut.items() if count)
        return found

    def _counts_beyond_serials(self) -> Counter:
        """Whole cells by kind, without the 11-digit cells under an order or case number's header
        that are a system's numbers rather than mobiles (serial_numbers.py)."""
        if not (self.serial_header and serial_run(self.mobile_prefixes)):
            return self.counts
        return self.counts - Counter(mobile=sum(self.mobile_prefixes.values()))

    def _ids_by_header(self) -> bool:
        """Any ID-shaped number under an ID header is one; under a person-number header (人员编号, ID)
        the numbers keeping an ID's region and birth date must be a share of the column: one
        system-made number in a few thousand (a snowflake id) begins so by chance."""
        if self.person_number_header:
            return bool(self.id_cells) and self.id_cells >= _PERSON_NUMBER_SHARE * self.cells
        return bool(self.id_cells)

    def _cut_enough(self) -> bool:
        return bool(self.cells) and sum(self.cut.values()) >= _CUT_SHARE * self.cells

    def reasons(self) -> dict[str, str]:
        """Why a kind was found though the column's own cells pass no check rule: numbers stored as
        numbers (no check digit left), an ID split over two columns."""
        found = {}
        if self.card_cells > self.counts.get("bank_card", 0):
            found["bank_card"] = self._card_reason().format(by="card or account header")
        if self.id_cells > self.counts.get("resident_id", 0) and self.cut.get("resident_id"):
            found["resident_id"] = NUMBER_REASON.format(by="ID header")
        for kind in self.light:
            found.setdefault(kind, LIGHT_REASON)
        if self.form_names:
            found.setdefault("person_name", FORM_REASON)
        for kind, count in self.split.items():
            if count:
                found.setdefault(kind, SPLIT_REASON if kind == "resident_id" else SPLIT_PHONE_REASON.format(kind=kind))
        if self._cut_enough():
            for kind, count in self.cut.items():
                if count and kind not in found and count > self.counts.get(kind, 0):
                    reason = self._card_reason() if kind == "bank_card" else NUMBER_REASON
                    found[kind] = reason.format(by="share of the column's cells (no helpful header)")
        return found

    def _card_reason(self) -> str:
        """Why card numbers cannot be checked: most were stored by a program as floating-point
        values (6.222021001123457e+18), or typed into Excel (15 significant digits)."""
        return FLOAT_REASON if 2 * self.floated > self.cut.get("bank_card", 0) else NUMBER_REASON

    def _names(self) -> bool:
        if self.name_header and self.cells and self.name_cells >= (1 if self.strict else _NAME_HEADER_SHARE * self.cells):
            return True
        enough_values = len(self.name_values) >= min(_NAME_DISTINCT, max(2, 0.3 * self.name_shaped))
        return bool(self.name_sampled) and self.name_shaped >= _NAME_SHAPED_SHARE * self.name_sampled and enough_values

    def whole_kinds(self) -> set[str]:
        """Kinds held by the column's cells themselves (not only inside text): the column is masked
        cell by cell."""
        found = self._whole_kinds()
        if self._names() or self.form_names:
            found.add("person_name")
            if not self.examples.get("person_name"):
                for value in sorted(self.name_values)[:_EXAMPLES]:
                    self._example("person_name", value)
        return found

    def _lone_cards(self) -> set[str]:
        """A card number alone in a cell of a column of other things (备注: 6222021001123456789): below
        the share that rules out chance, but most of the column's card-length numbers pass Luhn, which
        random serials do one time in ten. Found as inside text: masked where it is ("mask_found")."""
        cards = self.counts.get("bank_card", 0)
        return {"bank_card"} if cards and 2 * cards > self.long_numbers else set()

    def _party_names(self) -> set[str]:
        """People's names in a party's column of firms (当事人名称): found one by one, whatever their
        share, and masked where they are ("mask_found": the firms' names stay)."""
        return {"person_name"} if self.party_names else set()

    def kinds(self) -> list[str]:
        """The kinds of personal data this column holds (landlines settled per table)."""
        return sorted(self.whole_kinds() | set(self.embedded) | self._lone_cards() | self._party_names())

    def _shown_counts(self) -> dict[str, int]:
        """Whole cells by kind, with the cells that made a name or ID column one by its header or
        its content (they match no exact rule: the page showed 姓名 "0 / 5")."""
        counts = dict(self.counts)
        if self._names() and not counts.get("person_name"):
            counts["person_name"] = self.name_cells if self.name_header else self.name_shaped
        elif self._party_names():
            counts["person_name"] = self.party_names
        if self.form_names:
            counts["person_name"] = max(counts.get("person_name", 0), self.form_names)
        if self._ids_by_header():
            counts["resident_id"] = max(counts.get("resident_id", 0), self.id_cells)
        if self.card_cells:
            counts["bank_card"] = max(counts.get("bank_card", 0), self.card_cells)
        for kind, count in self.split.items():
            counts[kind] = max(counts.get(kind, 0), count)
        if self.documents:
            counts[DOCUMENT_KIND] = self.documents
        if self.home_addresses:
            counts[ADDRESS_KIND] = max(counts.get(ADDRESS_KIND, 0), self.home_addresses)
        if self._cut_enough():
            for kind, count in self.cut.items():
                counts[kind] = max(counts.get(kind, 0), count)
        return counts

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.table, "column": self.column, "header": self.header, "cells": self.cells,
                "counts": self._shown_counts(), "embedded": dict(self.embedded), "examples": self.examples,
                "kinds": self.decided, "whole_kinds": sorted(self.whole_kinds() & set(self.decided)),
                "line_cells": self.line_cells, "line_found": dict(self.line_found), "data_kinds": _data_kinds(self),
                "reasons": {kind: text for kind, text in self.reasons().items() if kind in self.decided}}


def _data_kinds(column: ColumnFindings) -> list[str]:
    """The decided kinds found in the data rows' cells, not only in title, header or footer lines
    (制表：刘建华 under 序号 makes no column of names: masking.default_rules)."""
    whole = column.whole_kinds()
    return [kind for kind in column.decided
            if kind in whole or column.counts[kind] + column.embedded[kind] > column.line_hits[kind]]


# An ID document's label right before a 15-digit number (旧证号230102850312123, 身份证：…) says it is one.
_ID_LABEL_BEFORE = re.compile(r"(?:身份证|证件|证号|身份号|公民身份|证照)(?:号码|号|编号)?[ \t\u3000]*[：:]?[ \t\u3000]*$")


def _weak(value: str) -> bool:
    # A 15-digit legacy ID has no check digit: inside longer text (licence numbers such as
    # 教民123010270000123) it is as likely a serial number, so only whole cells count.
    return len(value) == 15 and value.isdigit()


def settle_table(columns: Iterable[ColumnFindings]) -> None:
    """Decide every column of one table. Landlines count beside people's data (or when strict)."""
    columns = list(columns)
    for column in columns:
        column.decided = column.kinds()
    people = any(_PEOPLE & set(column.decided) for column in columns)
    for column in columns:
        if "landline" in column.decided and not (people or column.strict):
            column.decided.remove("landline")
