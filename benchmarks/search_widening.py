"""The cost of the Chinese search's widening (common/widened_search.py): package_search in this
process over the demo catalog's 36 titles and abstracts (demo/datasets.yaml), each query --rounds
times, as anonymous; median and 95th-percentile ms, SQL statements and Solr requests per search.

    .venv/bin/python benchmarks/search_widening.py --ini test-gwK.ini [--rounds 200] [--no-widen | --paired]

--no-widen sets ckanext.harbin_opendata.search.widen to false (every Chinese word required
literally: the query sent before the widening); --paired alternates the two, search by search, in
one process, so that the load of a shared machine falls on both alike. The entries are made once
per run (a test ini's database and Solr core: the tests clean both).
"""
from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import time
import uuid
from typing import Any, Optional

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
QUERIES = {
    "English, none": "air quality",
    "unlisted word, found as it is": "空气质量",
    "listed word, found as it is": "停车",
    "listed word, related terms only": "公交车",
    "nothing exact, relaxed": "医疗机构名单",
    "nonsense": "咖喱飞船",
}


class _Counter:
    def __init__(self) -> None:
        self.statements = 0
        self.solr = 0

    def listen(self) -> None:
        import pysolr
        import sqlalchemy as sa

        import ckan.model as model

        sa.event.listen(model.meta.engine, "before_cursor_execute", self._statement)
        search = pysolr.Solr.search

        def counted(solr: Any, *args: Any, **kwargs: Any) -> Any:
            self.solr += 1
            return search(solr, *args, **kwargs)
        pysolr.Solr.search = counted

    def _statement(self, *_args: Any) -> None:
        self.statements += 1


def _entries(org_id: str, run: str) -> list[dict[str, Any]]:
    demo = yaml.safe_load((ROOT / "ckanext/harbin_opendata/demo/datasets.yaml").read_text(encoding="utf-8"))
    demo = demo if isinstance(demo, list) else demo["datasets"]
    return [{"name": f"bench-search-{run}-{number}", "title": item["title"], "notes": item.get("notes") or "",
             "owner_org": org_id, "license_id": "cc-by", "resource_code": f"39{int(run, 16) % 10000:04d}/{number:06d}",
             "data_domain": "transport", "update_frequency": "monthly", "open_type": "unconditional",
             "desensitization_status": "not_required", "data_formats": ["CSV"],
             "data_items": [{"name": "名称", "type": "string"}]}
            for number, item in enumerate(demo) if isinstance(item, dict) and item.get("title")]


def _summary(samples: dict[str, list[float]], result: dict[str, Any]) -> dict[str, Any]:
    ordered = sorted(samples["ms"])
    return {"count": result["count"], "widened": bool(result.get("harbin_widened")),
            "median_ms": round(statistics.median(ordered), 2), "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2),
            "statements": statistics.median(samples["sql"]), "solr_requests": statistics.median(samples["solr"])}


def run(ini: str, rounds: int, widen: Optional[bool]) -> dict[str, Any]:
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    config = load_config(ini)
    app = make_app(config)
    counter = _Counter()
    with app._wsgi_app.test_request_context():
        import ckan.model as model
        import ckan.plugins.toolkit as tk

        from benchmarks.ckan_ops import _publish
        from ckanext.harbin_opendata.metadata.uscc import check_character

        run_id = uuid.uuid4().hex[:6]
        admin = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
        reviewer = tk.get_action("user_create")({"ignore_auth": True}, {
            "name": f"bench-search-{run_id}", "email": f"s-{run_id}@bench.invalid",
            "password": f"Bench-{uuid.uuid4().hex}"})["name"]
        model.User.get(reviewer).sysadmin = True
        model.repo.commit()
        first17 = f"11230100{int(run_id, 16) % 10 ** 8:08d}A"
        org_id = tk.get_action("organization_create")({"user": admin}, {
            "name": f"bench-search-{run_id}", "title": "哈尔滨市基准测试局", "agency_kind": "government",
            "district": "230100", "credit_code": first17 + check_character(first17)})["id"]
        ids = [tk.get_action("package_create")({"user": admin}, entry)["id"] for entry in _entries(org_id, run_id)]
        _publish(tk, ids, admin, reviewer)
        model.Session.remove()
        counter.listen()
        report: dict[str, Any] = {}
        fq = f'owner_org:"{org_id}"'  # this run's entries only
        modes = (False, True) if widen is None else (widen,)
        for label, q in QUERIES.items():
            samples: dict[bool, dict[str, list[float]]] = {mode: {"ms": [], "sql": [], "solr": []} for mode in modes}
            results: dict[bool, Any] = {}
            for _ in range(rounds):
                for mode in modes:
                    tk.config["ckanext.harbin_opendata.search.widen"] = mode
                    before = (counter.statements, counter.solr)
                    start = time.perf_counter()
                    results[mode] = tk.get_action("package_search")({"user": ""}, {
                        "q": q, "fq": fq, "rows": 20, "facet.field": json.dumps(["organization", "tags", "res_format"])})
                    samples[mode]["ms"].append((time.perf_counter() - start) * 1000)
                    samples[mode]["sql"].append(counter.statements - before[0])
                    samples[mode]["solr"].append(counter.solr - before[1])
            report[label] = {"q": q, **{("widened" if mode else "literal"): _summary(samples[mode], results[mode])
                                        for mode in modes}}
    return {"widen": widen, "rounds": rounds, "queries": report}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ini", required=True)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--no-widen", action="store_true")
    parser.add_argument("--paired", action="store_true")
    args = parser.parse_args()
    widen = None if args.paired else not args.no_widen
    print(json.dumps(run(args.ini, args.rounds, widen), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
