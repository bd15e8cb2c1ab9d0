"""Outside debug mode a page asks webassets for a bundle's addresses once per process, not once per
page (asset_urls.py, issue 20): the second search page compares no source file with its built file,
and links the same stylesheets and scripts as the first."""
from __future__ import annotations

import re

import pytest
from webassets.bundle import Bundle

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry

_ASSET_LINK = re.compile(r'(?:href|src)="([^"]*/webassets/[^"]*)"')


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_a_second_page_links_the_same_assets_without_checking_them(app, monkeypatch):
    CatalogEntry(owner_org=Agency()["id"], title="哈尔滨市公共停车场泊位数据")
    first = app.get("/dataset/", query_string={"q": "停车"}).body
    checked: list[Bundle] = []
    real_build = Bundle._build

    def counted(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003 - webassets' signature
        checked.append(self)
        return real_build(self, *args, **kwargs)

    monkeypatch.setattr(Bundle, "_build", counted)
    second = app.get("/dataset/", query_string={"q": "停车"}).body
    links = _ASSET_LINK.findall(first)
    assert len(links) >= 5 and any(link.endswith(".css") or ".css?" in link for link in links)
    assert _ASSET_LINK.findall(second) == links
    assert checked == []
