"""Each detector accepts real shapes and refuses look-alikes; the column-wise (Arrow) rules agree
with the exact ones cell by cell."""
from __future__ import annotations

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ckanext.harbin_opendata.privacy.masking import mask_value
from ckanext.harbin_opendata.privacy.scan import detectors
from ckanext.harbin_opendata.privacy.scan.columns import ColumnFindings
from ckanext.harbin_opendata.privacy.scan.files import DEFAULT_KINDS
from ckanext.harbin_opendata.privacy.scan.names import is_name_header, looks_like_name
from ckanext.harbin_opendata.privacy.scan.vectorized import classify

from .samples import resident_id_with


@pytest.mark.parametrize("value, ok", [
    ("11010519491231002X", True),      # the GB 11643 example
    ("11010519491231002x", True),
    ("110105 19491231 002X", True),    # written with spaces
    ("110105-19491231-002X", True),    # or dashes
    ("110105194912310021", False),     # wrong check character
    ("990105194912310025", False),     # no such province
    ("110105194913310029", False),     # month 13
    ("110105210012310023", False),     # born in the future
    ("110105491231002", True),         # 15-digit legacy
    ("110105491331002", False),
    ("1101051949123100", False),
])
def test_resident_id(value, ok):
    assert detectors.is_resident_id(value) is ok


@pytest.mark.parametrize("prefix", ["810000", "820000", "830000", "923156", "953840"])
def test_permits_and_foreign_permanent_resident_ids(prefix):
    """Hong Kong, Macao and Taiwan residence permits (81/82/83), and the 2023 foreign permanent
    resident ID: 9, the issuing province, the nationality code."""
    value = resident_id_with(prefix, "19851103", "021")
    assert detectors.is_resident_id(value)
    assert [finding.kind for finding in detectors.find_all(f"证件号码{value}。")] == ["resident_id"]


@pytest.mark.parametrize("value, ok", [("13812345678", True), ("+86 138-1234-5678", True), ("8613812345678", True),
                                       ("0086 13812345678", True), ("12812345678", False), ("1381234567", False),
                                       ("0451-86300000", False)])
def test_mobile(value, ok):
    assert detectors.is_mobile(value) is ok


@pytest.mark.parametrize("value, ok", [("0451-86123456", True), ("(0451)86123456", True), ("010-12345678", True),
                                       ("0451-8612345", True), ("86123456", False), ("2025-03-01", False)])
def test_landline(value, ok):
    assert detectors.is_landline(value) is ok


@pytest.mark.parametrize("value, ok", [("6222021234567890128", True), ("6222021234567890129", False), ("4111111111111111", True),
                                       ("6212 2640 0000 0000 008", None), ("1234567812345670", False)])
def test_bank_card(value, ok):
    if ok is None:  # a spaced UnionPay number: valid or not by its Luhn digit
        assert detectors.is_bank_card(value) == detectors.is_bank_card(value.replace(" ", ""))
    else:
        assert detectors.is_bank_card(value) is ok


@pytest.mark.parametrize("value, ok", [("zhang@example.org", True), ("zhangsan@例子.中国", True), ("li.si@哈尔滨.公司", True),
                                       ("hrbzwfw#163.com", True), ("zhang(at)example.org", True), ("li[AT]qq.com", True),
                                       ("user@localhost", False), ("z****@qq.com", False), ("@example.org", False),
                                       ("3#楼", False), ("C#.NET", False), ("z****#qq.com", False)])
def test_email_with_international_domains(value, ok):
    assert detectors.is_email(value) is ok


def test_find_all_in_free_text_without_overlaps():
    text = "联系人：张三，身份证11010519491231002X，手机13812345678，卡号4111111111111111，邮箱zhang@example.org"
    assert [(f.kind, f.value) for f in detectors.find_all(text)] == [
        ("person_name", "张三"), ("resident_id", "11010519491231002X"), ("mobile", "13812345678"),
        ("bank_card", "4111111111111111"), ("email", "zhang@example.org")]


def test_a_number_whose_groups_run_into_the_next_is_found_after_it():
    """Groups of digits one after another: 12 5678 2301 0319 8503 reads as an 18-digit number that
    is no ID; the ID that starts inside it (2301 0319 8503 1212 39) is found all the same."""
    found = detectors.find_all("12 5678 2301 0319 8503 1212 39")
    assert [(finding.kind, finding.value) for finding in found] == [("resident_id", "2301 0319 8503 1212 39")]


@pytest.mark.parametrize("name, ok", [("张伟", True), ("欧阳娜娜", True), ("阿卜杜热依木·买买提", True), ("王 伟", True),
                                      ("南岗区", False), ("白菜", False), ("市场监管", False), ("2025年", False)])
def test_name_shapes(name, ok):
    assert looks_like_name(name) is ok


@pytest.mark.parametrize("header, ok", [("姓名", True), ("申请人姓名", True), ("联系人", True), ("法定代表人", True),
                                        ("Name", True), ("获奖者", True), ("受助者", True), ("奖项得主", True),
                                        ("企业名称", False), ("名称", False), ("数据项名称", False), ("生产者名称", False),
                                        ("是否获奖者", False), ("获奖作品", False)])
def test_name_headers(header, ok):
    assert is_name_header(header) is ok


@pytest.mark.parametrize("kind, value, masked", [
    ("resident_id", "230102199001011234", "230102********1234"), ("mobile", "13812345678", "138****5678"),
    ("bank_card", "6222021234567890123", "622202*********0123"), ("person_name", "张三丰", "张**"),
    ("email", "zhang@example.org", "z****@example.org"), ("email", "hrbzwfw#163.com", "h******#163.com"),
    ("email", "zhang(at)example.org", "z****(at)example.org"), ("resident_id", "230102 19941221 944X", "230102 ******** 944X"),
    ("person_name", "阿卜杜热依木·买买提", "阿*****·***"), ("person_name", "Zhang Wei", "Z**** ***"),
    ("resident_id", "2301021994122194", "230102******2194"),  # not a valid ID: masked all the same
    ("", "任意文本", "任**本"),
])
def test_mask_value_keeps_the_shape(kind, value, masked):
    assert mask_value(kind, value) == masked


_CELLS = st.one_of(
    st.from_regex(r"\A[0-9]{11,19}\Z"), st.from_regex(r"\A[0-9]{17}[Xx]\Z"),
    st.builds(lambda v: v, st.sampled_from(["13812345678", "11010519491231002X", "6222021234567890128",
                                            "110105491231002", "4111111111111111", "zhang@example.org"])),
    st.text(alphabet="0123456789 -X@联系电话abc.", max_size=30),
    st.text(alphabet="0123456789 -.·/_\u00a0\u200b\t\u2013\u3000X", max_size=40),  # digit groups and separators
    # one run of digits inside text, as licence and certificate numbers are written (教民123011934514506号)
    st.builds(lambda before, run, after: before + run + after,
              st.sampled_from(["", "教民", "证号：", "No.", "a", "号码 ", "１"]),
              st.one_of(st.from_regex(r"\A[0-9]{15,19}\Z"), st.from_regex(r"\A[0-9]{17}[Xx]\Z"),
                        st.sampled_from(["11010519491231002X", "110105491231002", "4111111111111111",
                                         "6222021234567890128", "230102199412219443"])),
              st.sampled_from(["", "号", "X", "x", " 备注", "a", "。", "-1"])),
    # a contact label without a colon (or before a line break) and a name or an ordinary word
    st.builds(lambda label, gap, word, after: label + gap + word + after,
              st.sampled_from(["经办人", "申请人", "联系人", "办理人", "负责人", "户主"]),
              st.sampled_from(["", " ", "\n", "：\n", "：", "　"]),
              st.sampled_from(["李四", "刘德华", "欧阳娜娜", "阿卜杜·买买提", "员", "数", "信息", "签字", "王某", "于", "单位", "张科长"]),
              st.sampled_from(["", "已核实", "本人签字", "，", "\n138", "较上年增长", "1"])),
    # 11 digits starting 1[3-9] with separators anywhere, alone or beside other digits
    st.builds(lambda before, digits, cuts, separator, after: before + "".join(
        separator + digit if position in cuts else digit for position, digit in enumerate(digits)) + after,
              st.sampled_from(["", "联系", "1", " ", "a"]), st.from_regex(r"\A1[3-9][0-9]{9}\Z"),
              st.sets(st.integers(1, 10), max_size=3), st.sampled_from([" ", ".", "-", "  ", "·"]),
              st.sampled_from(["", " 证件", "2", " 5", ".8", "号"])),
)


@pytest.mark.parametrize("strict", [False, True])  # strict: a masked copy's rescan counts weak findings too
@settings(max_examples=60, deadline=None)
@given(st.lists(_CELLS, min_size=1, max_size=40))
def test_column_rules_agree_with_the_exact_detectors(strict, cells):
    """What classify counts over a column equals what the exact detectors find cell by cell."""
    bulk = ColumnFindings("", 0, "", strict=strict)
    bulk.absorb(classify(pa.array(cells, type=pa.string()), False, DEFAULT_KINDS, strict=strict), DEFAULT_KINDS)
    exact = ColumnFindings("", 0, "", strict=strict)
    for cell in cells:
        if cell:
            exact.add_text(cell, DEFAULT_KINDS, counted=True)
    assert (bulk.cells, dict(bulk.counts), dict(bulk.embedded)) == (exact.cells, dict(exact.counts), dict(exact.embedded))


@pytest.mark.parametrize("strict", [False, True])
def test_a_legacy_id_inside_text_goes_to_the_exact_detectors_only_when_it_can_count(strict):
    """教民110105491231002号: the 15 digits pass the legacy-ID rule, but inside other text such a number
    is weak (counted only by a strict scan); the bulk rules leave it out unless strict, with the
    same counts as the exact detectors either way."""
    cells = ["教民110105491231002号", "教民110105491231002号", "证号：110105491231002", "110105491231002"]
    counts = classify(pa.array(cells), False, DEFAULT_KINDS, strict=strict)
    assert len(counts.texts) == (3 if strict else 1)  # the labelled one (a name may follow a colon) always
    bulk = ColumnFindings("", 0, "", strict=strict)
    bulk.absorb(counts, DEFAULT_KINDS)
    exact = ColumnFindings("", 0, "", strict=strict)
    for cell in cells:
        exact.add_text(cell, DEFAULT_KINDS, counted=True)
    assert (bulk.cells, dict(bulk.counts), dict(bulk.embedded)) == (exact.cells, dict(exact.counts), dict(exact.embedded))


def test_numbers_cut_to_15_digits_keep_their_own_kind_in_the_examples():
    """A column mixing ID and card numbers typed as numbers (Excel kept 15 digits): each kind is
    counted and shown with its own values, not all under the kind found first."""
    ids = ["230102199412219000", "110105198001010000"]  # region and birth date: ID numbers
    cards = ["6222021234567890000", "4367421234567800"]  # no region and date: card numbers
    counts = classify(pa.array([ids[0], cards[0], ids[1], cards[1]]))
    assert (counts.cut["resident_id"], counts.cut["bank_card"]) == (2, 2)
    assert counts.examples["resident_id"] == ids
    assert counts.examples["bank_card"] == cards
