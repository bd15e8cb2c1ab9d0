"""Fixtures of the harvester tests: a real local HTTP server serving the sources, Harbin agencies,
and harvest sources run synchronously through ckanext-harvest's stages."""
from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any, Iterator

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.harvest.runner import run_source
from ckanext.harbin_opendata.tests.factories import Agency
from ckanext.harbin_opendata.tests.http_server import SourceServer

from . import samples

@pytest.fixture
def server() -> Iterator[SourceServer]:
    with SourceServer() as running:
        yield running


@pytest.fixture
def harbin(with_plugins, clean_db, clean_index, with_request_context):
    """The agencies of the samples, a sysadmin, and helpers to make and run harvest sources."""
    sysadmin = factories.Sysadmin(name="harvest_admin")
    agencies = {key: Agency(name=name, title=title, credit_code=code)
                for key, (name, title, code) in samples.AGENCIES.items()}

    def source(name: str, url: str, source_type: str, config: str = "", owner: str = "scjg") -> dict[str, Any]:
        # The samples list several agencies' entries: these sources may write into any agency.
        config = _allowing_every_agency(config)
        return tk.get_action("harvest_source_create")({"user": sysadmin["name"]}, {
            "name": name, "title": f"测试来源 {name}", "url": url, "source_type": source_type,
            "config": config, "frequency": "MANUAL", "owner_org": agencies[owner]["id"]})

    return SimpleNamespace(sysadmin=sysadmin["name"], agencies=agencies, source=source, run=run_source)


def _allowing_every_agency(config: str) -> str:
    try:
        parsed = json.loads(config) if config.strip() else {}
    except ValueError:
        return config  # a broken configuration, for the tests of its messages
    if not isinstance(parsed, dict):
        return config
    return json.dumps({"allowed_agencies": ["*"], **parsed}, ensure_ascii=False)


def entries(source_id: str | None = None) -> list[model.Package]:
    """Active catalog entries, by resource code."""
    query = model.Session.query(model.Package).filter(model.Package.type == "dataset",
                                                      model.Package.state == "active")
    return sorted(query.all(), key=lambda p: p.extras.get("resource_code", ""))


def review_state(package_id: str) -> str:
    from ckanext.harbin_opendata.review.model import ReviewEntry

    model.Session.expire_all()
    return model.Session.get(ReviewEntry, package_id).state
