"""A conditional entry (有条件开放) is no open data: its sidebar shows the open type and its
conditions, the licence as what applies once an application is approved, and no open-data badge
(walk F-A2: "Creative Commons Attribution" + OPEN DATA beside "apply for access")."""
from __future__ import annotations

import re

import pytest

from ckanext.harbin_opendata.tests.factories import CatalogEntry


def _sidebar_licence(html: str) -> str:
    return re.search(r'<section class="module module-narrow module-shallow license">(.*?)</section>', html, re.S).group(1)


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
@pytest.mark.parametrize("prefix, words", [("", ("有条件开放", "开放条件：", "申请获批后按以下许可提供文件：")),
                                           ("/en", ("Open on conditions", "Conditions of use:",
                                                    "Files are given after an approved application, under:"))])
def test_a_conditional_entry_shows_its_conditions_not_an_open_data_badge(app, prefix, words):
    entry = CatalogEntry(open_type="conditional", open_conditions="签订特种设备数据使用协议后，仅限安全监管研究使用。",
                         license_id="cc-by")
    sidebar = _sidebar_licence(app.get(f"{prefix}/dataset/{entry['name']}").body)
    assert all(word in sidebar for word in words) and "特种设备数据使用协议" in sidebar
    assert "od_80x15" not in sidebar and "opendefinition.org/okd" not in sidebar


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_an_unconditional_entry_keeps_its_open_data_badge(app):
    entry = CatalogEntry(open_type="unconditional", license_id="cc-by")
    sidebar = _sidebar_licence(app.get(f"/dataset/{entry['name']}").body)
    assert "od_80x15" in sidebar and "有条件开放" not in sidebar
