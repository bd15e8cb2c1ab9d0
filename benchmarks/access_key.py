"""Benchmark of harbin_access's app keys: the latency a key adds (lookup of its digest, the quota
pipeline in Redis) to a file download and to package_show, against the same calls made without a
key (with the same user's CKAN API token), interleaved in one run. Not a test:

    flock /work/wt/cpu.lock .venv/bin/python benchmarks/access_key.py --ini test-local.ini [--rounds 300]

It makes a user, an agency (the user its editor) and one 无条件开放 entry with a linked file (never
scanned here, so the download answers 404 "no checked copy": the route's work without the file's
transfer), names starting with `bench-`, in the
configured database: use a test database, never a production one. Target (issue 22): the key's
added median ≤ 5 ms."""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import uuid
from typing import Any

sys.path.insert(0, os.path.dirname(__file__))
from ckan_ops import _entry  # noqa: E402 - the same entry as the other benchmarks

VARIANTS = ["api token", "app key"]


def _setup(tk: Any, model: Any) -> dict[str, Any]:
    run_id = uuid.uuid4().hex[:6]
    admin = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    user = tk.get_action("user_create")({"ignore_auth": True}, {
        "name": f"bench-user-{run_id}", "email": f"u-{run_id}@bench.invalid", "password": f"Bench-{uuid.uuid4().hex}"})
    from ckanext.harbin_opendata.metadata.uscc import check_character

    first17 = f"11230100{int(run_id, 16) % 10 ** 8:08d}A"
    org_id = tk.get_action("organization_create")({"user": admin}, {
        "name": f"bench-org-{run_id}", "title": "哈尔滨市基准测试局", "agency_kind": "government",
        "district": "230100", "credit_code": first17 + check_character(first17)})["id"]
    entry = tk.get_action("package_create")({"user": admin}, _entry(0, org_id, True, run_id))
    # the user edits for the agency: the draft entry is theirs to read (its linked file cannot be
    # scanned here, so it cannot be published)
    tk.get_action("organization_member_create")({"user": admin}, {
        "id": org_id, "username": user["name"], "role": "editor"})
    token = tk.get_action("api_token_create")({"user": user["name"], "ignore_auth": True},
                                              {"user": user["name"], "name": "bench"})["token"]
    key = tk.get_action("harbin_access_key_create")({"user": user["name"]}, {"name": "bench"})["key"]
    return {"entry": entry["name"], "resource": entry["resources"][0]["id"],
            "headers": {"api token": {"Authorization": token}, "app key": {"X-App-Key": key}}}


def _time(client: Any, url: str, headers: dict[str, str], status: int) -> float:
    start = time.perf_counter()
    response = client.get(url, headers=headers)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != status:
        raise RuntimeError(f"{url}: HTTP {response.status_code} {response.get_data(as_text=True)[:200]}")
    return elapsed


def run(ini: str, rounds: int) -> dict[str, Any]:
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    config = load_config(ini)
    for open_type in ("unconditional", "conditional"):  # measure the check, not the refusals
        config[f"ckanext.harbin_opendata.access.daily_quota.{open_type}"] = 10 ** 9
        config[f"ckanext.harbin_opendata.access.rate_per_second.{open_type}"] = 10 ** 9
    app = make_app(config)
    with app._wsgi_app.test_request_context():
        import ckan.model as model
        import ckan.plugins.toolkit as tk

        made = _setup(tk, model)
    from werkzeug.test import Client
    from werkzeug.wrappers import Response

    client = Client(app, Response)
    calls = {"download": (f"/dataset/{made['entry']}/resource/{made['resource']}/download", 404),
             "package_show": (f"/api/action/package_show?id={made['entry']}", 200)}
    samples = {(call, variant): [] for call in calls for variant in VARIANTS}
    for number in range(rounds + 20):  # the first 20 rounds warm the caches, not counted
        for call, (url, status) in calls.items():
            for variant in VARIANTS:
                elapsed = _time(client, url, made["headers"][variant], status)
                if number >= 20:
                    samples[(call, variant)].append(elapsed)
    medians = {key: statistics.median(values) for key, values in samples.items()}
    return {call: {"median_ms": {variant: round(medians[(call, variant)], 2) for variant in VARIANTS},
                   "key_minus_token_ms": round(medians[(call, "app key")] - medians[(call, "api token")], 2),
                   "key_over_token": round(medians[(call, "app key")] / medians[(call, "api token")], 3)}
            for call in calls} | {"rounds": rounds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ini", required=True)
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    print(json.dumps(run(args.ini, args.rounds), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
