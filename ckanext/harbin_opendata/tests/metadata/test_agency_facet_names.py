"""English agency names all start "Harbin…": the agency facet shows them from their distinctive
part and the entry's breadcrumb keeps 60 letters, so no two agencies read "Harbin..." (walk F-A1)."""
from __future__ import annotations

import re

import pytest

from ckanext.harbin_opendata.common.agency_names import without_city
from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry

AGENCIES = {"hrb-zrzyj": ("哈尔滨市自然资源和规划局", "Harbin Municipal Bureau of Natural Resources and Planning"),
            "hrb-rsj": ("哈尔滨市人力资源和社会保障局", "Harbin Bureau of Human Resources and Social Security"),
            "hrb-scjg": ("哈尔滨市市场监督管理局", "Harbin Administration for Market Regulation")}


def test_the_city_is_dropped_only_when_something_is_left():
    assert without_city("Harbin Municipal Bureau of Natural Resources") == "Bureau of Natural Resources"
    assert without_city("Harbin Water Supply Group Co., Ltd.") == "Water Supply Group Co., Ltd."
    assert without_city("Harbin") == "Harbin" and without_city("Harbinger Data Lab") == "Harbinger Data Lab"


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_english_agency_facet_items_differ_and_the_breadcrumb_keeps_the_name(app):
    for name, (chinese, english) in AGENCIES.items():
        CatalogEntry(owner_org=Agency(name=name, title=chinese, title_en=english)["id"])
    html = app.get("/en/dataset/").body
    labels = re.findall(r'<span class="item-label">([^<]*)</span>', html)
    agency_labels = [label for label in labels if "Bureau" in label or "Administration" in label]
    assert len(agency_labels) == 3 and len(set(agency_labels)) == 3, labels
    assert not any(label.startswith("Harbin") for label in agency_labels)
    assert "哈尔滨市自然资源和规划局" in app.get("/dataset/").body  # Chinese facet unchanged

    entry = CatalogEntry(owner_org=Agency(name="hrb-scjg-2", title="哈尔滨市市场监督管理局二",
                                          title_en="Harbin Administration for Market Regulation")["id"])
    page = app.get(f"/en/dataset/{entry['name']}").body
    assert ">Harbin Administration for Market Regulation</a>" in page
