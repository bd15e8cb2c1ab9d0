"""Every user-facing string of the suite is translated into Chinese and English."""
from __future__ import annotations

import pathlib

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import ckanext.harbin_opendata as package

ROOT = pathlib.Path(package.__file__).parent
DOMAIN = "ckanext-harbin_opendata"
METHODS = [("**/tests/**", "ignore"), ("**.py", "python"), ("**/templates/**.html", "ckan.lib.extract:extract_ckan")]


def _catalog(locale: str, suffix: str):
    path = ROOT / "i18n" / locale / "LC_MESSAGES" / f"{DOMAIN}{suffix}"
    with path.open("rb") as f:
        return read_po(f, locale=locale) if suffix == ".po" else read_mo(f)


def _source_strings() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT), METHODS):
        found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("locale", ["zh_Hans_CN", "en"])
def test_catalog_has_every_source_string_translated(locale):
    catalog = _catalog(locale, ".po")
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id and m.string}
    missing = _source_strings() - translated
    assert not missing, f"run scripts/i18n.py and translate: {sorted(missing)}"
    assert "Harbin Public Data Open Platform" in translated  # the extraction found something


@pytest.mark.parametrize("locale", ["zh_Hans_CN", "en"])
def test_compiled_catalog_matches_source_catalog(locale):
    po, mo = _catalog(locale, ".po"), _catalog(locale, ".mo")
    assert _pairs(po) == _pairs(mo)


def _pairs(catalog) -> dict:
    def plain(text):  # plural forms are lists in one reader and tuples in the other
        return text if isinstance(text, str) else tuple(text)
    return {plain(m.id): plain(m.string) for m in catalog if m.id}


def test_chinese_is_chinese():
    catalog = _catalog("zh_Hans_CN", ".po")
    assert catalog["Harbin Public Data Open Platform"].string == "哈尔滨市公共数据开放平台"


def test_words_ckans_catalog_gets_wrong_are_ours():
    """CKAN's zh_Hans_CN says 登记 (to record) for Register and 请确认行动 (a military action) for its
    confirm dialog; our catalog said 用户数 (number of users) for Users, which CKAN's user pages put in
    their titles (管理 - admin - 用户数)."""
    catalog = _catalog("zh_Hans_CN", ".mo")
    assert {word: catalog[word].string for word in ("Register", "Please Confirm Action", "Users")} == \
        {"Register": "注册", "Please Confirm Action": "请确认操作", "Users": "用户"}
