"""The related-term list and the wider query forms built from it (no Solr: see test_widened_search)."""
from __future__ import annotations

import pytest

from ckanext.harbin_opendata.common import related_terms
from ckanext.harbin_opendata.common.cjk_widening import EXACT, RELATED, expanded_query, relaxed_query
from ckanext.harbin_opendata.common.related_terms import RelatedTermsError, Terms, load, split_known

TERMS = Terms({"公交车": ("公交线路", "公共交通"), "看病": ("医院",)}, frozenset({"哈尔滨市"}))


class TestTheShippedList:
    def test_it_loads_within_the_brief_s_size(self):
        terms = load([related_terms.SHIPPED])
        pairs = sum(map(len, terms.related.values()))
        assert 100 <= pairs <= 400
        assert {"公交", "公共交通", "公交线路"} <= set(terms.related["公交车"])
        assert {"医疗机构", "医院", "诊所"} <= set(terms.related["就医"])
        assert "社会保险" in terms.related["社保"] and "气象" in terms.related["天气"]
        assert terms.too_common("哈尔滨市") and terms.too_common("尔滨市") and not terms.too_common("公交")

    def test_an_operator_file_adds_to_it(self, tmp_path):
        mine = tmp_path / "mine.yaml"
        mine.write_text("related:\n  公交车: [电车, 公交]\n  冰雕: [冰雪大世界]\ncommon: [松花江]\n", encoding="utf-8")
        terms = load([related_terms.SHIPPED, mine])
        assert terms.related["公交车"][-1] == "电车" and terms.related["公交车"].count("公交") == 1
        assert terms.related["冰雕"] == ("冰雪大世界",) and "松花江" in terms.common

    @pytest.mark.parametrize("text", [
        "related: [公交]\n",  # not a mapping of words
        "related:\n  公交车: 公交\n",  # not a list
        "related:\n  bus: [公交]\n",  # not Chinese
        "related:\n  公交车: [车]\n",  # one character
        "synonyms:\n  公交车: [公交]\n",  # another key
        "related: {公交车: [公交\n",  # not YAML
    ])
    def test_a_file_of_another_form_is_refused_with_its_name(self, tmp_path, text):
        bad = tmp_path / "bad.yaml"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(RelatedTermsError, match="bad.yaml"):
            load([bad])

    def test_a_missing_file_is_refused(self, tmp_path):
        with pytest.raises(RelatedTermsError, match="absent.yaml"):
            load([tmp_path / "absent.yaml"])


@pytest.mark.parametrize("run, words", [
    ("公交车", ["公交车"]),
    ("哈尔滨公交车线路", ["哈尔滨", "公交车", "线路"]),
    ("哪里看病", ["哪里", "看病"]),
    ("营业执照", ["营业执照"]),
])
def test_a_run_is_cut_around_listed_words(run, words):
    assert split_known(run, TERMS.related) == words


class TestExpandedQuery:
    def test_a_listed_word_is_met_by_its_related_terms_in_lower_tiers(self):
        assert expanded_query("公交车", TERMS) == (
            f'+(("公交 交车")^={EXACT} OR "公交 交车" OR ("公交 交线 线路" OR "公共 共交 交通")^={RELATED}'
            ' OR "公交 交线 线路" OR "公共 共交 交通")')

    def test_every_word_stays_required(self):
        query = expanded_query("看病 CSV", TERMS)
        assert query.startswith("+((看病)^=") and query.endswith(' +"CSV"')

    @pytest.mark.parametrize("q", ["营业执照", "air quality", "tags:公交车", "公交车 OR 地铁", "公交车*", '"公交车',
                                   "-公交车", "公交车^2"])
    def test_unlisted_words_and_solr_syntax_are_left_to_cjk_query(self, q):
        assert expanded_query(q, TERMS) is None


    def test_only_a_word_as_typed_is_looked_up(self):
        assert expanded_query("哪里看病", TERMS) is None  # left to cjk_query: found as it is, if at all
        assert expanded_query("哪里 看病", TERMS).startswith(f"+((哪里)^={EXACT} OR 哪里) +((看病)^={EXACT}")


class TestRelaxedQuery:
    def test_listed_words_are_cut_out_of_a_sentence(self):
        assert relaxed_query("哪里看病", TERMS) == relaxed_query("哪里 看病", TERMS)
        assert "(看病)^=1000" in relaxed_query("哪里看病", TERMS)

    def test_any_word_is_enough_and_a_quoted_phrase_stays_required(self):
        query = relaxed_query('"企业登记" 营业执照 医疗', TERMS)
        assert query.startswith('+"企业 业登 登记" +(((')
        assert ' OR ((医疗)^=' in query

    @pytest.mark.parametrize("word, parts", [
        ("公交车", ["公交", "交车"]),
        ("执照名录", ["执照名", "照名录"]),
        ("医疗机构名单", ["医疗机构", "疗机构名", "机构名单"]),
    ])
    def test_a_long_word_is_met_by_its_parts_holding_half_its_bigrams(self, word, parts):
        from ckanext.harbin_opendata.common.cjk_search import word_query

        query = relaxed_query(word, TERMS)
        assert all(f" OR {word_query(part)}" in query for part in parts)

    def test_common_words_and_single_characters_alone_are_dropped(self):
        assert relaxed_query("哈尔滨市 看病 难", TERMS) == relaxed_query("看病 难", TERMS)
        assert '"哈尔 尔滨 滨市"' not in relaxed_query("哈尔滨市的飞船", TERMS)  # nor a part holding one
        assert relaxed_query("哈尔滨市", TERMS) is None

    @pytest.mark.parametrize("q", ["看病", "水", "执照", "tags:医疗机构 名录"])
    def test_nothing_to_relax(self, q):
        assert relaxed_query(q, TERMS) is None
