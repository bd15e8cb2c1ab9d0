"""Chinese full-text search through the real Solr with CKAN's stock schema."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk
from ckan.lib.search.common import make_connection

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry

from ckanext.harbin_opendata.common import cjk_search as search


class TestBigrams:
    def test_runs_split_on_non_han_characters(self):
        assert search.cjk_runs("哈尔滨市PM2.5日报（道里区）") == ["哈尔滨市", "日报", "道里区"]

    def test_bigrams_overlap(self):
        assert search.bigrams("营业执照") == ["营业", "业执", "执照"]
        assert search.bigrams("水") == ["水"]

    def test_index_fields_cover_nested_text_but_not_stored_blobs(self):
        fields = search.cjk_index_fields({
            "title": "供水水质",
            "res_name": ["管网末梢水"],
            "data_items": [{"name": "余氯"}],
            "validated_data_dict": '{"title": "不应索引"}',
            "owner_org": "hrb-gsjt",
        })
        bigrams = fields[search.BIGRAM_FIELD].split()
        assert {"供水", "水水", "水质", "管网", "末梢", "余氯"} <= set(bigrams)
        assert "索引" not in bigrams
        assert set(fields[search.CHAR_FIELD].split()) >= {"供", "余", "氯"}

    @pytest.mark.parametrize("query, expected", [
        ("营业执照", '"营业 业执 执照"'),
        ("水质", "水质"),
        ("水", "水"),
        ("营业执照 CSV", '"营业 业执 执照" CSV'),
        ("CSV营业执照", 'CSV "营业 业执 执照"'),
        ('"企业登记信息"', '"企业 业登 登记 记信 信息"'),
        ("tags:市场监管", "tags:市场监管"),
        ("air quality", "air quality"),
    ])
    def test_query_rewrite(self, query, expected):
        assert search.cjk_query(query) == expected


def _search(q: str) -> list[str]:
    result = tk.get_action("package_search")({}, {"q": q, "rows": 50})
    return sorted(d["name"] for d in result["results"])


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestChineseSearchThroughSolr:
    def test_chinese_word_inside_a_title_is_found(self):
        org = Agency(title="哈尔滨市市场监督管理局")
        licences = CatalogEntry(
            owner_org=org["id"], title="哈尔滨市企业营业执照登记信息", notes="全市新设立企业的登记注册信息。"
        )
        clinics = CatalogEntry(owner_org=org["id"], title="哈尔滨市医疗机构名录", notes="医院和社区卫生服务中心。")

        # The dataset really is a document in the Solr core, not a database lookup.
        solr_docs = make_connection().search(q=f'id:"{licences["id"]}"', fl="id,title")
        assert [doc["title"] for doc in solr_docs] == ["哈尔滨市企业营业执照登记信息"]

        assert _search("营业执照") == [licences["name"]]
        assert _search("登记注册") == [licences["name"]]
        # both words are required; when no entry holds both, the search is widened to either
        # (common/widened_search.py, test_widened_search.py)
        assert _search("营业执照 医疗") == sorted([licences["name"], clinics["name"]])
        assert len(_search("哈尔滨市")) == 2
        assert _search("执照登记") == [licences["name"]]  # any substring of the title
        assert _search("执照名录") == []  # characters of both titles, but no title holds them

    def test_single_character_query(self):
        water = CatalogEntry(title="出厂水水质检测结果")
        CatalogEntry(title="公交线路信息")
        assert _search("水") == [water["name"]]

    def test_without_the_feature_stock_ckan_does_not_find_chinese_words(self, ckan_config, monkeypatch):
        monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.search.cjk", False)
        CatalogEntry(title="哈尔滨市企业营业执照登记信息")
        assert _search("营业执照") == []
