"""Facets and Chinese search of catalog fields, through the real Solr."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _facets(**params) -> dict[str, dict[str, int]]:
    result = tk.get_action("package_search")({}, {
        "facet.field": ["data_domain", "organization", "res_format", "update_frequency", "open_type"],
        "rows": 0, **params})
    return {field: {item["name"]: item["count"] for item in facet["items"]}
            for field, facet in result["search_facets"].items()}


@pytest.fixture
def catalog(with_plugins, clean_db, clean_index):
    health, weather = Agency(name="hrb-wjw"), Agency(name="hrb-qxj")
    CatalogEntry(owner_org=health["id"], data_domain="health", update_frequency="quarterly",
                 data_formats=["CSV", "XLSX"])
    CatalogEntry(owner_org=health["id"], data_domain="health", update_frequency="monthly",
                 open_type="conditional", open_conditions="签订协议后开放。", data_formats=["API"])
    CatalogEntry(owner_org=weather["id"], data_domain="meteorology", update_frequency="daily",
                 data_formats=["CSV"], resources=[{"url": "http://example.org/a.json", "format": "JSON"}])


@pytest.mark.usefixtures("catalog")
def test_facet_counts():
    facets = _facets()
    assert facets["data_domain"] == {"health": 2, "meteorology": 1}
    assert facets["organization"] == {"hrb-wjw": 2, "hrb-qxj": 1}
    assert facets["update_frequency"] == {"quarterly": 1, "monthly": 1, "daily": 1}
    assert facets["open_type"] == {"unconditional": 2, "conditional": 1}
    # declared formats and resource formats in one facet
    assert facets["res_format"] == {"CSV": 2, "XLSX": 1, "API": 1, "JSON": 1}


@pytest.mark.usefixtures("catalog")
def test_filtering_by_facet():
    assert _facets(fq='data_domain:"health" AND update_frequency:"monthly"')["open_type"] == {"conditional": 1}
    assert tk.get_action("package_search")({}, {"fq": 'res_format:"XLSX"'})["count"] == 1


@pytest.mark.usefixtures("catalog", "with_request_context")
def test_facet_labels_are_chinese():
    result = tk.get_action("package_search")({}, {"facet.field": ["data_domain", "update_frequency"], "rows": 0})
    labels = {item["name"]: item["display_name"] for facet in result["search_facets"].values()
              for item in facet["items"]}
    assert labels["health"] == "卫生健康" and labels["meteorology"] == "气象"
    assert labels["quarterly"] == "每季度" and labels["daily"] == "每日"


def test_chinese_search_in_abstract_and_data_item_names():
    entry = CatalogEntry(title="哈尔滨市医疗机构名录", notes="全市依法执业的医疗机构。",
                         data_items=[{"name": "核定床位数", "type": "integer"}])
    CatalogEntry(title="哈尔滨市公交线路信息", notes="全市公交线路。")

    def names(q: str) -> list[str]:  # an exact answer's names (none when the search had to be relaxed)
        answer = tk.get_action("package_search")({}, {"q": q})
        return [] if answer.get("harbin_widened") else [d["name"] for d in answer["results"]]

    assert names("床位") == [entry["name"]]       # data item name
    assert names("依法执业") == [entry["name"]]   # abstract
    assert names("医疗机构") == [entry["name"]]   # title
    assert names("床位 公交") == []  # no entry holds both: a relaxed answer (either word), marked so
    relaxed = tk.get_action("package_search")({}, {"q": "床位 公交"})
    assert relaxed["harbin_widened"] is True and relaxed["count"] == 2


def test_dataset_page_facets_in_chinese_and_english(app):
    CatalogEntry(data_domain="transport", update_frequency="realtime")
    zh = app.get("/dataset/").body
    assert "数据领域" in zh and "交通" in zh and "更新周期" in zh and "实时" in zh and "开放类型" in zh
    en = app.get("/en/dataset/").body
    assert "Data domain" in en and "Transport" in en and "Real time" in en and "Open type" in en


@pytest.mark.usefixtures("catalog")
def test_unknown_address_parameters_show_no_filter_pill(app):
    page = app.get("/dataset/", query_string={"data_domain": "health", "utm_source": "wechat"}).body
    assert '<span class="facet">数据领域:</span>' in page
    assert "None:" not in page and 'pill">wechat' not in page
