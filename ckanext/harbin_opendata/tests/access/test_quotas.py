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


@pytest.mark.ckan_config("ckanext.harbin_opendata.access.daily_quota.conditional", 3)
@pytest.mark.ckan_config("ckanext.harbin_opendata.access.rate_per_second.conditional", 1000)
def test_the_quota_is_the_users_whatever_credential_and_survives_key_rotation(conditional, key, app):
    """Probe 2 finding 6: an API token had no quota, and revoke + create reset the key's count."""
    editor = conditional.people.editor
    url = f"/api/action/package_show?id={conditional.entry['id']}"
    assert app.get(url, headers={HEADER: key}).status_code == 200
    old = tk.get_action("harbin_access_key_list")({"user": editor}, {})[0]["id"]
    tk.get_action("harbin_access_key_revoke")({"user": editor}, {"id": old})
    rotated = tk.get_action("harbin_access_key_create")({"user": editor}, {"name": "新密钥"})["key"]
    assert app.get(url, headers={HEADER: rotated}).status_code == 200
    token = tk.get_action("api_token_create")({"user": editor}, {"user": editor, "name": "脚本"})["token"]
    assert app.get(url, headers={"Authorization": token}).status_code == 200  # the 3rd call of the day
    refused = app.get(url, headers={"Authorization": token})
    assert refused.status_code == 429 and "每日限额" in refused.json["error"]["message"]
    assert app.get(url, headers={HEADER: rotated}).status_code == 429


@pytest.mark.ckan_config("ckanext.harbin_opendata.access.anonymous_calls_per_minute", 3)
def test_anonymous_data_calls_are_limited_per_address(conditional, app, clean_redis):
    """Counted per address per minute: the calls of the tests before in this minute are cleared first."""
    open_entry = tk.get_action("package_show")({"ignore_auth": True}, {"id": conditional.entry["id"]})
    calls = [f"/api/action/datastore_search_sql?sql=SELECT 1", "/api/action/datastore_search?resource_id=x",
             f"/dataset/{open_entry['name']}/resource/{conditional.uploaded['id']}/download"]
    assert all(app.get(call).status_code != 429 for call in calls)
    refused = app.get("/en/api/action/datastore_search?resource_id=x")
    assert refused.status_code == 429 and 0 < int(refused.headers["Retry-After"]) <= 60
    assert "limited to 3 a minute" in refused.json["error"]["message"]
    assert "每分钟" in app.get(calls[0]).json["error"]["message"]
    assert app.get("/api/action/package_search?q=*:*").status_code == 200  # metadata: not limited
    other = app.get(calls[1], environ_overrides={"REMOTE_ADDR": "198.51.100.9"})
    assert other.status_code != 429  # another address counts for itself
