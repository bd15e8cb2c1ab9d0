"""A header in English that says name (name, full_name, contact person) heads people's names only when
its cells are shaped as names: a department list a program exported keeps its short codes under
`name` (jd 街道, hs 海事, jt 交通), which are nobody's; names in characters or pinyin under the same
header are found as before."""
from __future__ import annotations

from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .agency_workbooks import LIMITS, flagged_in

_CODES = [("jd", "街道办事处"), ("hs", "哈尔滨海事局"), ("jt", "市交通运输局"), ("sw", "市商务局"),
          ("ga", "市公安局"), ("mz", "市民政局"), ("rs", "市人力资源和社会保障局"), ("zj", "市住房和城乡建设局")]


def _csv(path, header: str, rows: list[str]) -> None:
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode("utf-8-sig"))


def test_short_codes_under_name_are_not_names(tmp_path):
    path = tmp_path / "bm_dm.csv"
    _csv(path, "id,name,bmmc,sxsl", [f"{number},{code},{department},{number * 13}"
                                      for number, (code, department) in enumerate(_CODES, start=1)])
    assert flagged_in(path) == {}


def test_names_under_name_are_found(tmp_path):
    people = ["王建国", "李秀英", "Zhang Wei", "买买提·艾力", "WANG Jianguo", "刘淑芬", "赵德胜", "陈桂兰"]
    path = tmp_path / "lxr.csv"
    _csv(path, "id,name,bmmc", [f"{number},{person},{department}"
                                for number, (person, (_, department)) in enumerate(zip(people, _CODES), start=1)])
    result = scan_file(str(path), LIMITS)
    name = next(column for column in result.columns if column["header"] == "name")
    assert name["kinds"] == ["person_name"] and name["counts"]["person_name"] == 8
