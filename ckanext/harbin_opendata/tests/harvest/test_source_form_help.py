"""The harvest source form explains its configuration (walk finding F-M1: a bare “Configuration”
box, nothing said of value maps or of each source type's keys): keys for every type and an example
per type, in Chinese and English; every example is a configuration its harvester accepts."""
from __future__ import annotations

import html
from types import SimpleNamespace

import lxml.html
import pytest

from ckan.tests import factories

from ..factories import Agency
from ..web import csrf_token, logged_in_client


@pytest.fixture
def operator(with_plugins, clean_db, clean_index):
    """A sysadmin and an agency, without the harvest fixture's request context (whose translations
    would stay those of the first page asked for)."""
    return SimpleNamespace(sysadmin=factories.Sysadmin(name="harvest_operator")["name"],
                           agency=Agency(name="hrb-scjgj", title="哈尔滨市市场监督管理局"))


def _examples(page: str) -> list[tuple[str, str]]:
    return [(node.get("data-source-type"), node.text_content())
            for node in lxml.html.fromstring(page).find_class("harbin-config-example")]


def test_the_form_explains_the_configuration_in_both_languages(operator, app):
    client = logged_in_client(app, operator.sysadmin)
    zh, en = client.get("/harvest/new").body, client.get("/en/harvest/new").body
    assert 'aria-describedby="config-help"' in zh and "<code>value_maps</code>" in zh
    assert "留空则按默认设置采集" in zh and "每种来源类型都可用的配置项" in zh
    assert "leave it empty to harvest with the defaults" in html.unescape(en) and "Keys for every source type" in en
    assert {kind for kind, _ in _examples(zh)} == {"harbin_spreadsheet", "harbin_json_api", "harbin_ckan", "harbin_dcat"}


def test_every_example_is_accepted_by_its_harvester(harbin, server, app):
    page = logged_in_client(app, harbin.sysadmin).get("/harvest/new").body
    examples = _examples(page)
    assert len(examples) == 5
    for number, (kind, config) in enumerate(examples):
        created = harbin.source(f"example-{number}", server.url + "/catalog", kind, config)
        assert created["source_type"] == kind, (kind, config)


def test_a_wrong_configuration_is_answered_in_the_pages_language(operator, server, app):
    client = logged_in_client(app, operator.sysadmin)
    for prefix, expected in (("", "无法识别的配置项：colums"), ("/en", "Unknown configuration keys: colums.")):
        page = client.get(f"{prefix}/harvest/new").body
        answer = client.post(f"{prefix}/harvest/new", data={
            "_csrf_token": csrf_token(page), "url": server.url + "/catalog.xlsx", "title": "目录清单",
            "name": f"wrong-config{prefix.strip('/')}", "source_type": "harbin_spreadsheet", "frequency": "MANUAL",
            "config": '{"colums": {"title": "目录名称"}}', "owner_org": operator.agency["id"], "save": "save"})
        assert answer.status_code == 200 and expected in html.unescape(answer.body), answer.body[-3000:]
