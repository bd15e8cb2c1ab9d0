"""Safe withdrawals: a listing that stops short withdraws nothing; more than the configured share
of a source's entries gone at once is held for a sysadmin's confirmation."""
from __future__ import annotations

import json

import pytest

import ckan.plugins.toolkit as tk
from ckan.cli.cli import ckan
from ckan.tests import factories

from . import samples
from ..http_server import Route
from .conftest import entries, review_state

PAGE = 2
CONFIG = {"list_path": "data.list", "fields": samples.JSON_FIELDS, "total_path": "data.total",
          "paging": {"param": "pageNo", "start": 1, "size_param": "pageSize", "size": PAGE},
          "defaults": {"desensitization_status": "not_required"}}


def _catalog(count: int) -> list[dict]:
    """A city catalog API's items: the sample rows, then more entries of the same agency."""
    base = [item for page in samples.json_pages(size=100) for item in json.loads(page)["data"]["list"]]
    items = list(base)
    for number in range(len(base), count):
        item = dict(base[number % len(base)])
        item["zymc"], item["zydm"] = f"{item['zymc']}（第{number}批）", f"309001/{number:06d}"
        items.append(item)
    return items[:count]


def _serve(server, items, total=None, empty_from=None):
    """Pages of PAGE items; from page `empty_from` on, the API answers an empty list while its own
    total still counts every item (as the real one did)."""
    pages = max(1, -(-len(items) // PAGE)) + 3
    for number in range(1, pages + 1):
        chunk = [] if empty_from and number >= empty_from else items[(number - 1) * PAGE:number * PAGE]
        body = {"code": 200, "data": {"total": len(items) if total is None else total, "list": chunk}}
        server.routes[f"/api/ml?pageNo={number}&pageSize={PAGE}"] = Route(
            json.dumps(body, ensure_ascii=False).encode(), content_type="application/json")
    return server.url + "/api/ml"


def test_a_listing_that_stops_short_withdraws_nothing(harbin, server):
    items = _catalog(12)
    source = harbin.source("city-api", _serve(server, items), "harbin_json_api", json.dumps(CONFIG))
    assert harbin.run(source["id"])["counts"] == {"created": 12}
    # Pages 3 and later come back empty while "total" still says 12.
    _serve(server, items, empty_from=3)
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"unchanged": 4}, summary
    assert "读到 4 条后，第 3 页" in summary["gather_errors"][0] and "未列出的 8 个条目均未撤回" in summary["gather_errors"][0]
    assert {review_state(p.id) for p in entries()} == {"submitted"}


def test_fewer_records_than_the_total_withdraw_nothing(harbin, server):
    items = _catalog(6)
    source = harbin.source("city-api", _serve(server, items), "harbin_json_api", json.dumps(CONFIG))
    harbin.run(source["id"])
    _serve(server, items[:5], total=6)  # the last page is short, the total unchanged
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"unchanged": 5} and "称有 6 条记录，但只列出了 5 条" in summary["gather_errors"][0]
    assert {review_state(p.id) for p in entries()} == {"submitted"}


def test_a_few_gone_are_withdrawn(harbin, server):
    items = _catalog(12)
    source = harbin.source("city-api", _serve(server, items), "harbin_json_api", json.dumps(CONFIG))
    harbin.run(source["id"])
    _serve(server, items[:11])  # 1 of 12 gone: 8% is under the 10% default
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"unchanged": 11, "withdrawn": 1} and summary["gather_errors"] == []
    assert sorted(review_state(p.id) for p in entries()).count("withdrawn") == 1


@pytest.mark.ckan_config("ckanext.harbin_opendata.harvest.withdraw_hold_percent", "25")
def test_many_gone_are_held_until_a_sysadmin_confirms(harbin, server, cli):
    items = _catalog(8)
    source = harbin.source("city-api", _serve(server, items), "harbin_json_api", json.dumps(CONFIG))
    harbin.run(source["id"])
    _serve(server, items[:4])  # half of the catalog gone, the listing itself complete
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"unchanged": 4, "held": 4}, summary
    assert "8 个条目中有 4 个（50%）" in summary["gather_errors"][0]
    assert "confirm-withdrawals city-api" in summary["gather_errors"][0]
    assert {review_state(p.id) for p in entries()} == {"submitted"}

    report = cli.invoke(ckan, ["harbin", "harvest", "report", "city-api"])
    assert "held: 4" in report.output and "confirm-withdrawals city-api" in report.output
    editor = factories.User()
    with pytest.raises(tk.NotAuthorized):
        tk.get_action("harbin_harvest_withdrawals_confirm")({"user": editor["name"]}, {"id": "city-api"})
    confirmed = cli.invoke(ckan, ["harbin", "harvest", "confirm-withdrawals", "city-api"])
    assert confirmed.exit_code == 0 and "4 entries withdrawn" in confirmed.output, confirmed.output
    assert sorted(review_state(p.id) for p in entries()).count("withdrawn") == 4
    assert harbin.run(source["id"])["counts"] == {"unchanged": 4}  # nothing held twice
    again = cli.invoke(ckan, ["harbin", "harvest", "confirm-withdrawals", "city-api"])
    assert again.exit_code != 0 and "没有暂缓的撤回" in again.output


@pytest.mark.ckan_config("ckanext.harbin_opendata.harvest.withdraw_hold_percent", "25")
def test_held_withdrawals_lapse_when_the_source_recovers(harbin, server):
    items = _catalog(8)
    source = harbin.source("city-api", _serve(server, items), "harbin_json_api", json.dumps(CONFIG))
    harbin.run(source["id"])
    _serve(server, items[:4])
    assert harbin.run(source["id"])["counts"]["held"] == 4
    _serve(server, items)
    assert harbin.run(source["id"])["counts"] == {"unchanged": 8}
    with pytest.raises(tk.ValidationError, match="没有暂缓的撤回"):
        tk.get_action("harbin_harvest_withdrawals_confirm")({"user": harbin.sysadmin}, {"id": source["id"]})
    assert {review_state(p.id) for p in entries()} == {"submitted"}
