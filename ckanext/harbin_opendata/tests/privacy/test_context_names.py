"""People's names known by their context in public texts (probe3 H2, M1, M2): catalog texts, resources,
data requests and reuse cases took 由王建国整理, 王建国，男，…, 王建国家, 如 刘德华, 由其子张伟代领,
李秀梅同志, 李秀梅工作室, a name beside a landline, Contact Wang Jianguo, and an extra 联系人 | 王建国,
and published them on the page, in DCAT and the feed. Each is refused with the field named; the
catalog words, places, firms and offices of the decoy corpora stay clear (measured: none flagged)."""
from __future__ import annotations

import time

import pytest
import yaml

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.privacy.context_names import context_names
from ckanext.harbin_opendata.privacy.metadata_check import REFUSED_KINDS
from ckanext.harbin_opendata.privacy.public_text import found_kinds, masked
from ckanext.harbin_opendata.privacy.text_names import exactly_a_name
from ckanext.harbin_opendata.tests.factories import CatalogEntry

from . import catalog_texts as texts
from .ordinary_sentences import ADDRESSED_SENTENCES, LABEL_SENTENCES, OTHER_SENTENCES, PERSON_LABEL_SENTENCES
from .test_metadata_agencies import LANGUAGES, PERSONAL_ZH, _api
from .test_stored_texts_fail_closed import checked_again_by_the_upgrade
from .test_text_names import _DEMO, _demo_texts

# The texts probe3 published (H2 entry and resource texts, M1 request titles, M2 a case's texts),
# and the same shapes written otherwise.
PROBED = ("Contact Wang Jianguo", "道里区中央大街88号3单元502室 王建国家", "本数据由王建国整理。", "王建国，男，1985年3月出生。",
          "如 刘德华", "由其子张伟代领", "本表由李秀梅录入", "联系人 Wang Jianguo", "王建国，男，汉族", "王建国户",
          "李秀梅 0451-86301234", "请公开李秀梅同志的信访答复", "王建国家低保金额数据", "Wang Jianguo household subsidy data",
          "本案例由王建国开发，王建国，男，1985年3月出生。", "李秀梅工作室")
SHAPES = ("经王建国审核", "委托李秀梅办理", "女儿李娜签收", "例如：王建国", "比如刘德华、张学友", "李秀梅，女，汉族",
          "王建国（男，1985年出生）", "表彰张伟同志", "关于王建国家的低保申请", "王建国家庭情况", "请联系李秀梅（0451-86301234）",
          "0451-86301230转王建国", "Contact: Zhang Wei", "Mr. Wang Jianguo", "联系人：Li Xiumei", "Zhang Wei's household")
# Offices, places, firms and words in the same contexts: public, not a person.
DECOYS = ("王岗镇人民政府", "李宁体育用品有限公司", "张家口市", "本数据由市数据局整理", "由各区县统计局提供", "由王岗镇人民政府提供",
          "由金融办提供", "由高新区管委会负责", "经市政府同意", "经李同志核实", "由李宁公司提供", "向全体同志致敬", "公安同志",
          "各位女士先生", "欧阳先生来电", "国家低保标准", "王家店", "全国家庭收入调查", "文明家庭评选", "单亲家庭", "低保户",
          "万元户", "常住户", "文明户", "边缘户", "危房户", "平安户", "企业家", "中华人民共和国家庭教育促进法", "千家万户", "党建工作室", "劳模创新工作室",
          "王岗镇家庭农场", "如有疑问请联系", "如何办理。", "例如：营业执照", "如：哈尔滨市", "如 王岗镇", "如 低保户、五保户",
          "市数据局 0451-86300000", "咨询电话 0451-86300000", "王岗镇人民政府 0451-57000000", "值班室 0451-86300000",
          "市民政局社会救助处 0451-86300000", "哈尔滨市 0451-12345678", "热线 0451-86300000转8001", "0451-86300000转人工",
          "请联系数据资源处（0451-86300000）", "张家口 0313-1234567", "王岗镇，男女比例", "统计对象，男性居多",
          "按性别（男、女）统计", "其中，男，1200人", "由其子女代领", "由其家属代领", "其父母健在", "配偶信息",
          "Contact Harbin Data Bureau", "Contact: Daoli District Office", "Name: Wang Gang Town",
          "Contact Zhang Zhuang Village committee", "Fang Zheng County household survey", "Sun Island park",
          "Compiled by Harbin Bureau of Statistics", "Ma Jia Gou River", "Low-income household subsidy data",
          "Family planning special assistance")


@pytest.mark.parametrize("text", PROBED + SHAPES)
def test_names_known_by_their_context_are_found(text):
    assert "person_name" in found_kinds(text, REFUSED_KINDS), text
    assert "王建国" not in masked(text) and "Jianguo" not in masked(text) and "李秀梅" not in masked(text)


def test_a_household_named_after_a_person_is_a_name():
    assert exactly_a_name("王建国户") and exactly_a_name("王建国家")
    assert not any(map(exactly_a_name, ("低保户", "张家", "万元户", "个体户", "文明户", "王岗户", "企业家")))


def _all_demo_texts() -> list[str]:
    def strings(value):
        if isinstance(value, str):
            yield value
        for inner in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
            yield from strings(inner)
    return [text for path in sorted(_DEMO.glob("*.yaml")) for text in strings(yaml.safe_load(path.read_text()))]


def test_decoys_and_the_catalog_corpora_are_clear():
    assert [text for text in DECOYS if found_kinds(text, REFUSED_KINDS)] == []
    prose = [*texts.ORDINARY_TITLES, *texts.ORDINARY_NOTES, *texts.AGENCY_DUTIES, *texts.ORDINARY_TAGS, *_demo_texts(),
             *_all_demo_texts(), *LABEL_SENTENCES, *OTHER_SENTENCES, *PERSON_LABEL_SENTENCES, *ADDRESSED_SENTENCES]
    assert len(prose) > 7000
    assert [text for text in prose if list(context_names(text))] == []


@pytest.mark.parametrize("prefix, words", LANGUAGES)
@pytest.mark.parametrize("field, value", [("title_en", "Contact Wang Jianguo"),
                                          ("spatial_coverage", "道里区中央大街88号3单元502室 王建国家"),
                                          ("notes", "本数据由王建国整理。王建国，男，1985年3月出生。")])
def test_an_entrys_texts_naming_people_are_refused(app, people, prefix, words, field, value):
    error = _api(app, prefix, people.editor, "package_patch", {"id": people.entry["id"], field: value})["error"]
    assert field in error and words in str(error[field]), error


@pytest.mark.parametrize("key, item, field", [
    ("data_items", {"name": "姓名", "type": "文本", "description": "如 刘德华"}, "description"),
    ("data_items", {"name": "备注", "type": "文本", "example": "由其子张伟代领"}, "example"),
    ("extras", {"key": "联系人", "value": "王建国"}, "value"),
])
def test_data_items_and_extras_naming_people_are_refused(app, people, key, item, field):
    error = _api(app, "", people.editor, "package_patch", {"id": people.entry["id"], key: [item]})["error"]
    assert key in error and field in error[key][0] and PERSONAL_ZH in str(error[key]), error


@pytest.mark.parametrize("field, value", [("description", "本表由李秀梅录入"), ("description", "联系人 Wang Jianguo"),
                                          ("description", "王建国，男，汉族"), ("name", "王建国户"),
                                          ("foo", "李秀梅 0451-86301234")])
def test_a_resources_texts_naming_people_are_refused(app, people, field, value):
    resource = {"package_id": people.entry["id"], "url": "https://data.harbin.gov.cn/files/list.csv", "format": "CSV",
                "name": "名单", field: value}
    error = _api(app, "", people.editor, "resource_create", resource)["error"]
    assert field in error and PERSONAL_ZH in str(error[field]), error


def test_an_offices_landline_and_label_stay(people):
    saved = tk.get_action("resource_create")({"user": people.editor}, {
        "package_id": people.entry["id"], "url": "https://data.harbin.gov.cn/files/list.csv", "format": "CSV",
        "name": "名单", "foo": "市民政局社会救助处 0451-86300000", "description": "本表由市民政局录入"})
    assert saved["foo"] == "市民政局社会救助处 0451-86300000"
    entry = tk.get_action("package_patch")({"user": people.editor}, {
        "id": people.entry["id"], "extras": [{"key": "联系人", "value": "数据资源管理处"}]})
    assert entry["extras"] == [{"key": "联系人", "value": "数据资源管理处"}]


def test_a_data_requests_title_naming_a_person_is_refused(app, people, clean_redis):
    for title in ("请公开李秀梅同志的信访答复", "王建国家低保金额数据", "Wang Jianguo household subsidy data"):
        body = {"kind": "data_request", "title": title, "description": "需要数据", "requester_contact": "0451-86300000",
                "organization": people.agency["name"]}
        refused = app.post("/api/3/action/harbin_feedback_create", json=body, status=409).json["error"]
        assert set(refused) == {"__type", "title"}, refused
    assert tk.get_action("harbin_feedback_list")({"user": ""}, {})["count"] == 0


@pytest.mark.parametrize("field, value", [("summary", "本案例由王建国开发，王建国，男，1985年3月出生。"), ("unit", "李秀梅工作室")])
def test_a_reuse_cases_texts_naming_people_are_refused(people, field, value):
    case = {"title": "低保数据可视化", "summary": "基于低保统计数据的可视化应用。", "unit": "哈尔滨工业大学", "kind": "app",
            "url": "https://example.org/app", "published": True, field: value}
    with pytest.raises(tk.ValidationError) as refused:
        tk.get_action("harbin_showcase_create")({"user": people.sysadmin}, case)
    assert set(refused.value.error_dict) == {field}


def test_texts_clean_by_rules_3_are_checked_again_by_rules_4(app, people, clean_index):
    entry = CatalogEntry(owner_org=people.agency["id"], name="hrb-relief-notes")
    findings = checked_again_by_the_upgrade(app, entry, "本数据由王建国整理。王建国，男，1985年3月出生。", 3, "b3e9d6a2f7c4")
    assert findings == [{"field": "notes", "kinds": ["person_name"]}]


@pytest.mark.parametrize("text", ["王建国家" * 25_000, "由王建国整理" * 16_000, "李秀梅 0451-86301234 " * 5_000,
                                  "Contact Wang Jianguo " * 5_000, "王建国，男，" * 16_000, "请公开李秀梅同志" * 12_000])
def test_a_long_text_is_checked_in_linear_time(text):
    started = time.process_time()
    masked(text)
    assert time.process_time() - started < 5
