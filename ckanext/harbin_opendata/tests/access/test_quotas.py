"""Quotas counted in Redis: a key's call past its daily quota, or past its rate in one second,
is answered 429 with Retry-After and a message in the reader's language; the limit depends on the
open type of the entry read."""
from __future__ import annotations

import uuid

import pytest

import ckan.plugins.toolkit as tk

from ...access import quota

HEADER = "X-App-Key"


@pytest.fixture
def key(conditional):
    return tk.get_action("harbin_access_key_create")({"user": conditional.people.editor}, {"name": "配额"})["key"]


@pytest.mark.ckan_config("ckanext.harbin_opendata.access.daily_quota.conditional", 3)
@pytest.mark.ckan_config("ckanext.harbin_opendata.access.rate_per_second.conditional", 1000)
def test_the_daily_quota_answers_429_exactly_past_the_limit(conditional, key, app):
    url = f"/api/action/package_show?id={conditional.entry['id']}"
    assert [app.get(url, headers={HEADER: key}).status_code for _ in range(3)] == [200, 200, 200]
    refused = app.get(url, headers={HEADER: key})
    assert refused.status_code == 429 and 0 < int(refused.headers["Retry-After"]) <= 86401
    assert "每日限额" in refused.json["error"]["message"]
    download = app.get(f"/en/dataset/{conditional.entry['name']}/resource/{conditional.uploaded['id']}/download",
                       headers={HEADER: key})
    assert download.status_code == 429 and "daily quota of 3 calls" in download.body
    assert app.get(url).status_code == 200  # without the key: the public metadata, as for anyone


@pytest.mark.ckan_config("ckanext.harbin_opendata.access.daily_quota.unconditional", 2)
@pytest.mark.ckan_config("ckanext.harbin_opendata.access.daily_quota.conditional", 1)
def test_limits_follow_the_open_type(conditional, key, app):
    search = "/api/action/package_search?q=*:*"  # searches count as unconditional
    assert [app.get(search, headers={HEADER: key}).status_code for _ in range(3)] == [200, 200, 429]
    entry = f"/api/action/package_show?id={conditional.entry['name']}"
    assert [app.get(entry, headers={HEADER: key}).status_code for _ in range(2)] == [200, 429]
    listed = tk.get_action("harbin_access_key_list")({"user": conditional.people.editor}, {})
    assert listed[0]["used_today"] == 5


@pytest.mark.ckan_config("ckanext.harbin_opendata.access.rate_per_second.conditional", 2)
def test_the_rate_refuses_the_call_past_it_within_one_second(with_plugins):
    key_id, now = str(uuid.uuid4()), 1_900_000_000.25
    assert quota.spend(key_id, "conditional", now) is None
    assert quota.spend(key_id, "conditional", now + 0.5) is None
    refused = quota.spend(key_id, "conditional", now + 0.7)
    assert refused is not None and refused.retry_after == 1 and " 2 " in refused.message
    assert quota.spend(key_id, "conditional", now + 1) is None  # the next second
