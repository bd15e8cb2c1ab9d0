"""Chinese search as a citizen uses it, through the real Solr: everyday words find the entries that
say it otherwise, exact matches first, nothing for nonsense, facets that agree with the results,
and no unpublished entry (common/widened_search.py)."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.common.widened_search import WIDENED_KEY
from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry

# Titles and abstracts as in the demo catalog (demo/datasets.yaml), none holding the everyday word.
DEMO_LIKE = {
    "bus": ("哈尔滨市公交线路信息", "全市公交线路的线路名称、起讫站点、首末班时间、票价和运营单位。"),
    "clinics": ("哈尔滨市医疗机构名录", "全市依法执业的医疗机构名录，包括机构名称、机构类别、等级、地址和床位数。"),
    "schools": ("哈尔滨市中小学名录", "全市公办和民办中小学的名称、学段、办学性质、地址和所属区县。"),
    "air": ("哈尔滨市空气质量日报", "全市各国控监测站点每日空气质量指数、首要污染物和细颗粒物浓度。"),
    "parking": ("哈尔滨市公共停车场信息", "全市公共停车场的名称、位置、泊位数量和收费标准。"),
    "insurance": ("哈尔滨市社会保险经办机构信息", "各区县社会保险经办机构的名称、地址、咨询电话和办理业务范围。"),
    "weather": ("哈尔滨市气象站逐日观测数据", "国家基本气象站逐日气温、降水量和平均风速观测数据。"),
    "licences": ("哈尔滨市企业营业执照登记信息", "全市新设立企业的登记注册信息。"),
}


def _search(q: str, user: str = "", **more) -> dict:
    return tk.get_action("package_search")({"user": user}, {"q": q, "rows": 50, **more})


def _titles(result: dict) -> list[str]:
    return [entry["title"] for entry in result["results"]]


@pytest.fixture
def demo_like():
    agencies = [Agency(), Agency()]
    return {key: CatalogEntry(title=title, notes=notes, owner_org=agencies[i % 2]["id"])
            for i, (key, (title, notes)) in enumerate(DEMO_LIKE.items())}


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestEverydayWords:
    def test_an_everyday_word_finds_the_entry_that_says_it_otherwise(self, demo_like):
        # one catalog for every word (a catalog takes seconds to publish); each word's first result
        everyday = [("公交车", "bus"), ("坐公交车", "bus"), ("就医", "clinics"), ("看病", "clinics"),
                    ("学校", "schools"), ("雾霾", "air"), ("停车位", "parking"), ("社保", "insurance"),
                    ("天气", "weather"),
                    ("哈尔滨公交车线路", "bus"),  # a sentence without spaces: the listed word is found in it
                    ("哪里看病?", "clinics"), ("医疗机构名单", "clinics")]  # nothing exact: the closest entries
        found = {q: (_titles(result)[:1], result.get(WIDENED_KEY)) for q, result in
                 ((q, _search(q)) for q, _key in everyday)}
        assert found == {q: ([demo_like[key]["title"]], True) for q, key in everyday}

    def test_nonsense_still_finds_nothing(self, demo_like):
        nonsense = ["咖喱飞船", "哈尔滨飞船", "执照名录", "量子纠缠 咖喱", "哈尔滨市的飞船"]
        assert {q: _search(q)["count"] for q in nonsense} == dict.fromkeys(nonsense, 0)
        everything = _search("哈尔滨市")  # in every entry: found as it is, nothing widened
        assert (everything["count"], WIDENED_KEY in everything) == (8, False)

    def test_a_query_of_several_words_finds_the_entries_with_some_of_them(self, demo_like):
        result = _search("营业执照 医疗")
        assert set(_titles(result)) == {demo_like["licences"]["title"], demo_like["clinics"]["title"]}
        assert result[WIDENED_KEY] is True

    def test_english_queries_are_unchanged(self, demo_like):
        from ckanext.harbin_opendata.common.widened_search import rewrite

        for q in ("air quality bus", "bus -metro", "title:bus OR notes:air"):
            params = {"q": q}
            rewrite(params)
            assert params == {"q": q}  # as sent before: no parser, no other words
        result = _search("air quality bus")
        assert (result["count"], WIDENED_KEY in result) == (0, False)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestRanking:
    def test_exact_matches_rank_first_then_related_terms(self):
        # the related entry says 公交 five times, the exact one 公交车 once: tiers, not term counts, decide
        related = CatalogEntry(title="哈尔滨市公交线路信息", notes="公交线路、公交站点、公交票价、公交公司和公交首末班时间。")
        exact = CatalogEntry(title="哈尔滨市公交车辆运营信息", notes="全市运营车辆的车牌、车型和所属公司。")
        result = _search("公交车")
        assert _titles(result) == [exact["title"], related["title"]]
        assert WIDENED_KEY not in result  # an exact match: nothing to announce

    def test_the_exact_entry_stays_first_when_the_search_is_relaxed(self):
        CatalogEntry(title="哈尔滨市医疗机构名录", notes="医疗机构的名称和地址。")
        licences = CatalogEntry(title="哈尔滨市企业营业执照登记信息", notes="营业执照。")
        result = _search("营业执照 咖喱")
        assert _titles(result)[0] == licences["title"] and result[WIDENED_KEY] is True

    def test_without_widening_everyday_words_find_nothing(self, ckan_config, monkeypatch):
        monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.search.widen", False)
        CatalogEntry(title="哈尔滨市公交线路信息")
        assert _search("公交车")["count"] == 0 and _search("公交")["count"] == 1


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestWhatStaysCorrect:
    @pytest.mark.parametrize("q, count", [("天气", 1), ("公交车 就医 天气 雾霾", 4)])  # expanded; relaxed
    def test_the_facets_count_the_results(self, demo_like, q, count):
        result = _search(q, **{"facet.field": '["organization"]'})
        assert result["count"] == len(result["results"]) == count and result[WIDENED_KEY] is True
        organizations = {item["name"]: item["count"] for item in result["search_facets"]["organization"]["items"]}
        in_results = [entry["organization"]["name"] for entry in result["results"]]
        assert organizations == {name: in_results.count(name) for name in in_results}

    @pytest.mark.parametrize("q", ["公交车", "公交车 咖喱", "公交车站"])
    def test_an_unpublished_entry_never_appears(self, q):
        published = CatalogEntry(title="哈尔滨市公交线路信息")
        CatalogEntry(title="哈尔滨市公交站点信息", published=False)
        assert _titles(_search(q)) == [published["title"]]
        editor = factories.User()  # logged in, no agency: still only the published one
        assert _titles(_search(q, user=editor["name"])) == [published["title"]]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestSearchPage:
    def test_the_page_says_it_widened_the_search_in_both_languages(self, app):
        CatalogEntry(title="哈尔滨市公交线路信息")
        CatalogEntry(title="哈尔滨市公交车辆运营信息")
        assert "未找到“公交车站”的完全匹配，以下为相关结果" in app.get("/dataset/", query_string={"q": "公交车站"}).body
        english = app.get("/en/dataset/", query_string={"q": "公交车站"}).body
        assert "No exact match for “公交车站”; related results are shown below." in english
        assert "harbin-search-widened" not in app.get("/dataset/", query_string={"q": "公交车"}).body  # exact
        assert "harbin-search-widened" not in app.get("/dataset/", query_string={"q": "咖喱飞船"}).body  # none
