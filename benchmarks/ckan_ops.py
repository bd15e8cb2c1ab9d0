"""One side of benchmarks/compare.py: times CKAN operations in this process under one configuration
(stock CKAN, or CKAN with the Harbin plugins) and prints the timings as JSON on the last line.

    .venv/bin/python benchmarks/ckan_ops.py --ini build/bench/harbin.ini --rounds 40
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
import uuid
from typing import Any, Callable

OPERATIONS = ["package_create", "package_show", "package_update", "package_search (facets)",
              "dataset page (anonymous)", "search page (anonymous)"]
# A word both sides find the same entries for: stock CKAN finds nothing for 停车场 (three
# characters), the Harbin search finds every entry; comparing those would time different work.
QUERY = "停车"


def _harbin(plugins: list[str]) -> bool:
    return "harbin_metadata" in plugins


def _entry(number: int, org_id: str, harbin: bool, run: str) -> dict[str, Any]:
    """The same catalog entry for both sides: Harbin fields as schema fields, or as extras."""
    fields = {
        "resource_code": f"3{int(run, 16) % 100000:05d}/{number:06d}", "data_domain": "transport",
        "update_frequency": "monthly", "open_type": "unconditional", "desensitization_status": "not_required",
        "data_formats": ["CSV"], "data_items": [{"name": "站点名称", "type": "string"}, {"name": "泊位数", "type": "integer"}],
    }
    base = {"name": f"bench-{run}-{number}", "title": f"哈尔滨市基准测试停车场数据{number}", "owner_org": org_id,
            "notes": "全市公共停车场名称、地址和泊位数。", "license_id": "cc-by",
            "tags": [{"name": "停车"}, {"name": "交通"}],
            "resources": [{"url": f"https://data.harbin.invalid/parking-{number}.csv", "format": "CSV",
                           "name": "停车场名录"}]}
    if harbin:
        return {**base, **fields}
    return {**base, "extras": [{"key": key, "value": json.dumps(value, ensure_ascii=False)}
                               for key, value in fields.items()]}


class _Statements:
    """SQL statements sent to the database, counted per timed call (an engine event listener)."""

    def __init__(self) -> None:
        self.count = 0
        self.samples: dict[str, list[int]] = {}

    def listen(self) -> None:
        import sqlalchemy as sa

        import ckan.model as model

        sa.event.listen(model.meta.engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args: Any) -> None:
        self.count += 1


STATEMENTS = _Statements()
PROFILE: dict[str, Any] = {}  # operation name → cProfile.Profile, with --profile


def _timed(fn: Callable[[], Any], name: str = "") -> float:
    before = STATEMENTS.count
    profile = PROFILE.get(name)
    if profile:
        profile.enable()
    start = time.perf_counter()
    fn()
    elapsed = (time.perf_counter() - start) * 1000
    if profile:
        profile.disable()
    STATEMENTS.samples.setdefault(name, []).append(STATEMENTS.count - before)
    return elapsed


def _summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"median": statistics.median(ordered), "p95": ordered[max(0, int(len(ordered) * 0.95) - 1)],
            "n": len(ordered)}


def _publish(tk: Any, ids: list[str], submitter: str, reviewer: str) -> None:
    import ckan.model as model
    from ckanext.harbin_opendata.privacy.jobs import run_queued
    from ckanext.harbin_opendata.privacy.model import FAILED, QUEUED, RUNNING, latest_scans

    for entry_id in ids:
        # the worker's part: the linked files cannot be fetched, so they could not be checked, which
        # stops publication (privacy.require_scan) until a reviewer exempts them with a reason.
        # A running deployment's privacy worker may have taken the scans: wait for them (≤ 2 min).
        deadline = time.monotonic() + 120
        while True:
            run_queued(entry_id)
            model.Session.expire_all()
            scans = latest_scans(entry_id).values()
            if all(scan.state not in (QUEUED, RUNNING) for scan in scans) or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        for scan in scans:
            if scan.state == FAILED:
                tk.get_action("harbin_privacy_exempt")({"user": reviewer}, {
                    "scan_id": scan.id, "reason": "基准测试：链接的文件为虚构地址"})
        tk.get_action("harbin_review_submit")({"user": submitter}, {"id": entry_id})
        tk.get_action("harbin_review_publish")({"user": reviewer}, {"id": entry_id})


def run(ini: str, rounds: int, profile: str = "") -> dict[str, Any]:
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    config = load_config(ini)
    app = make_app(config)
    flask_app = app._wsgi_app
    plugins = config["ckan.plugins"]
    plugins = plugins.split() if isinstance(plugins, str) else list(plugins)
    harbin = _harbin(plugins)
    timings: dict[str, list[float]] = {name: [] for name in OPERATIONS}
    STATEMENTS.listen()
    if profile:
        import cProfile

        PROFILE.update({name: cProfile.Profile() for name in OPERATIONS})
    with flask_app.test_request_context():
        import ckan.plugins.toolkit as tk

        run_id = uuid.uuid4().hex[:6]
        admin = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
        reviewer = tk.get_action("user_create")({"ignore_auth": True}, {
            "name": f"bench-reviewer-{run_id}", "email": f"r-{run_id}@bench.invalid", "password": f"Bench-{uuid.uuid4().hex}"})["name"]
        import ckan.model as model

        model.User.get(reviewer).sysadmin = True
        model.repo.commit()
        org = {"name": f"bench-org-{run_id}", "title": "哈尔滨市基准测试局"}
        if harbin:
            org.update(agency_kind="government", district="230100")
            from ckanext.harbin_opendata.metadata.uscc import check_character

            first17 = f"11230100{int(run_id, 16) % 10 ** 8:08d}A"
            org["credit_code"] = first17 + check_character(first17)
        org_id = tk.get_action("organization_create")({"user": admin}, org)["id"]
        ids, names = [], []
        for number in range(rounds):
            entry = _entry(number, org_id, harbin, run_id)
            timings["package_create"].append(_timed(
                lambda: ids.append(tk.get_action("package_create")({"user": admin}, entry)["id"]), "package_create"))
            names.append(entry["name"])
        if harbin:  # public like stock CKAN's entries: through the review workflow
            _publish(tk, ids, admin, reviewer)
        # Both sides start the timed operations from the same session state, as a request does from
        # an empty one: without this the entries stock CKAN created stay loaded in the session
        # (package_show sent 0 statements, which no request can), while _publish had the Harbin
        # side's reloaded.
        model.Session.remove()
        for number, entry_id in enumerate(ids):
            timings["package_show"].append(_timed(
                lambda: tk.get_action("package_show")({"user": ""}, {"id": entry_id}), "package_show"))
            timings["package_update"].append(_timed(lambda: tk.get_action("package_patch")(
                {"user": reviewer}, {"id": entry_id, "notes": f"更新后的摘要 {number}"}), "package_update"))
            timings["package_search (facets)"].append(_timed(lambda: tk.get_action("package_search")({"user": ""}, {
                "q": QUERY, "rows": 20, "facet.field": json.dumps(["organization", "tags", "res_format", "license_id"])}),
                "package_search (facets)"))
        found = tk.get_action("package_search")({"user": ""}, {"q": QUERY})["count"]
    from werkzeug.test import Client
    from werkzeug.wrappers import Response

    client = Client(app, Response)  # the whole middleware stack, as a browser meets it
    for name in names:
        timings["dataset page (anonymous)"].append(_timed(
            lambda: _ok(client.get(f"/dataset/{name}")), "dataset page (anonymous)"))
        timings["search page (anonymous)"].append(_timed(
            lambda: _ok(client.get(f"/dataset/?q={QUERY}")), "search page (anonymous)"))
    if profile:
        for name, recorded in PROFILE.items():
            recorded.dump_stats(f"{profile}/{name.split()[0]}-{'page' if 'page' in name else 'action'}.prof")
    return {"plugins": plugins, "found": found,
            "operations": {name: {**_summary(values), "statements": statistics.median(STATEMENTS.samples[name])}
                           for name, values in timings.items()},
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _ok(response: Any) -> None:
    if response.status_code != 200:
        raise RuntimeError(f"HTTP {response.status_code}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ini", required=True)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--profile", default="", help="write each operation's cProfile statistics to this folder")
    args = parser.parse_args()
    result = run(args.ini, args.rounds, args.profile)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
