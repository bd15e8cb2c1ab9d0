"""Names in free text (a 备注 column, a note, a feedback message) after the label of a person in a deed,
a payment, a lease or a ruling (收款人：王建国, 户名王建国, 被执行人王建国), with or without a colon, and
without a label where the text addresses a person (经王建国同志审核, 王建国（户主）, 王建国先生).
Ordinary sentences with the same words (业主委员会, 代理人制度, 户名不符, 全体同志) stay clear."""
from __future__ import annotations

import csv
import io

import pytest

from ckanext.harbin_opendata.privacy.scan.detectors import find_all
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .agency_workbooks import LIMITS, scan_and_mask
from .ordinary_sentences import ADDRESSED_SENTENCES, PERSON_LABEL_SENTENCES
from .samples import write_csv


def _names(text: str) -> list[str]:
    return [finding.value for finding in find_all(text) if finding.kind == "person_name"]


def _covered(text: str, name: str) -> bool:
    """The name is found (a name with the middle dot may be found with the word before it: masked too)."""
    return any(name in found for found in _names(text))


@pytest.mark.parametrize("text, name", [
    ("收款人：王建国", "王建国"), ("户名王建国", "王建国"), ("持卡人：李淑芬，卡号见附件", "李淑芬"), ("业主王建国已签字", "王建国"),
    ("代理人：欧阳娜娜", "欧阳娜娜"), ("被执行人刘振华，案号（2024）黑0102执123号", "刘振华"), ("承租人：张桂兰", "张桂兰"),
    ("责任人：赵德胜", "赵德胜"), ("户主王建国", "王建国"), ("开户名：孙丽萍", "孙丽萍"), ("委托人王建国本人签字", "王建国"),
    ("受托人：周敏", "周敏"), ("继承人：王淑珍", "王淑珍"), ("出租人：李国庆", "李国庆"), ("购房人 刘洋", "刘洋"),
    ("借款人王建国于2024年3月还清", "王建国"), ("担保人：陈志强", "陈志强"), ("联系人员：马丽", "马丽"),
    ("持卡人：阿卜杜热依木·买买提", "阿卜杜热依木·买买提"), ("户名：\n王建国", "王建国"),
    ("收款人：Zhang Wei", "Zhang Wei"), ("户名 WANG JIANGUO", "WANG JIANGUO"), ("制表：Li Na", "Li Na"),
])
def test_a_name_after_a_persons_label_is_found(text, name):
    assert _covered(text, name), _names(text)


@pytest.mark.parametrize("text, name", [
    ("经王建国同志审核", "王建国"), ("由王建国同志负责", "王建国"), ("王建国（户主）", "王建国"), ("王建国(法人)", "王建国"),
    ("王建国先生来电反映", "王建国"), ("已电话告知李淑芬女士", "李淑芬"), ("家庭成员：刘振华（户主）、李梅", "刘振华"),
    ("陪同欧阳娜娜女士办理", "欧阳娜娜"), ("委托阿卜杜·买买提先生代办", "阿卜杜·买买提"),
])
def test_a_name_addressed_as_a_person_is_found(text, name):
    assert _covered(text, name), _names(text)


@pytest.mark.parametrize("text, names", [
    ("制表人：市场科", []), ("审核人：信息科", []), ("填报人：综合办公室", []), ("制表人：宣传科", []), ("统计人：财务处", []),
    ("制表人：王建科", ["王建科"]), ("审核人：李科", ["李科"]), ("制表人：于建科", ["于建科"]),
])
def test_an_office_after_a_signers_label_is_no_name(text, names):
    """A penalty list's footer 制表人：市场科 (the probe's penalty_mixed.csv) named an office, not a person."""
    assert _names(text) == names


def test_ordinary_sentences_with_a_persons_label_or_an_address_name_no_one():
    sentences = PERSON_LABEL_SENTENCES + ADDRESSED_SENTENCES
    assert len(sentences) > 2000
    assert [(text, _names(text)) for text in sentences if _names(text)] == []


_HEADER = ["序号", "街道", "补贴金额（元）", "备注", "说明"]
_NOTES = ["收款人：王建国", "户名李淑芬，代领", "经刘振华同志审核", "张桂兰（户主）", "被执行人赵德胜", "持卡人：Sun Liping"]
_DECOYS = ["业主委员会代收", "代理人制度试点", "户名不符已退回", "责任人员已落实", "全体同志签字确认", "收款人账号有误"]


def test_a_remarks_column_with_labelled_names_is_flagged_and_masked(tmp_path):
    rows = [["哈尔滨市南岗区2025年住房租赁补贴发放登记表", "", "", "", ""], _HEADER]
    rows += [[str(n), "花园街道", "600.00", _NOTES[n % 6] if n % 3 == 0 else "", _DECOYS[n % 6]] for n in range(1, 61)]
    source = write_csv(tmp_path / "租赁补贴.csv", rows)
    result, target = scan_and_mask(source, tmp_path)
    kinds = {column["header"]: column["kinds"] for column in result.columns}
    assert kinds["备注"] == ["person_name"] and kinds["说明"] == [], kinds
    copy = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    text = "\n".join(",".join(row) for row in copy)
    assert not [name for name in ("王建国", "李淑芬", "刘振华", "张桂兰", "赵德胜", "Sun Liping") if name in text], text
    assert {row[4] for row in copy[2:]} == set(_DECOYS)


@pytest.mark.parametrize("note", _NOTES)
def test_one_labelled_name_among_ordinary_remarks_flags_the_column(tmp_path, note):
    rows = [_HEADER] + [[str(n), "花园街道", "600.00", note if n == 17 else _DECOYS[n % 6], ""] for n in range(1, 41)]
    columns = scan_file(write_csv(tmp_path / "租赁补贴.csv", rows), LIMITS).columns
    assert {column["header"]: column["kinds"] for column in columns}["备注"] == ["person_name"]
