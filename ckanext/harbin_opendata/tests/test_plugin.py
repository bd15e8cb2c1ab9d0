"""The base plugin loads in stock CKAN 2.11 next to the plugins the suite builds on."""
from __future__ import annotations

import pytest

import ckan.plugins as p
import ckan.plugins.toolkit as tk


@pytest.mark.usefixtures("with_plugins")
@pytest.mark.parametrize(
    "plugin", ["harbin_opendata", "scheming_datasets", "harvest", "ckan_harvester", "dcat", "activity"]
)
def test_plugin_is_loaded(plugin: str):
    assert p.plugin_loaded(plugin)


@pytest.mark.usefixtures("with_plugins")
def test_config_declarations_are_registered():
    assert tk.config["ckanext.harbin_opendata.search.cjk"] is True
    assert tk.config["ckanext.harbin_opendata.jobs.queue"] == "harbin_opendata:default"


@pytest.mark.usefixtures("with_plugins", "with_request_context")
def test_platform_name_helper_defaults_to_translated_name(ckan_config, monkeypatch):
    assert tk.h.harbin_platform_name() == "哈尔滨市公共数据开放平台"
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.platform_name", "冰城数据")
    assert tk.h.harbin_platform_name() == "冰城数据"
