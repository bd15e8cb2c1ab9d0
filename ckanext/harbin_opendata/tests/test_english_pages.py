"""English pages in English: the <title>'s suffix, the reuse cases' address without its slash."""
from __future__ import annotations

import re

import pytest


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_english_title_suffix_and_showcase_address(app):
    for path in ("/en/", "/en/dataset/", "/en/showcase"):
        titles = re.findall(r"<title>(.*?)</title>", app.get(path).body, re.S)
        assert titles and titles[0].strip().endswith("Harbin Public Data Open Platform"), (path, titles)
    assert re.findall(r"<title>(.*?)</title>", app.get("/dataset/").body, re.S)[0].strip().endswith("哈尔滨市公共数据开放平台")
    assert app.get("/en/showcase", follow_redirects=False).status_code == 200
