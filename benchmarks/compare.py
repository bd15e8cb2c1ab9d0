"""Stock CKAN against CKAN with the Harbin plugins, same data, same run, same services: median and
95th-percentile latency of each operation and their ratios (target: no ratio above 1.1), plus the
peak memory of each side. Run on demand from the repository root (services are started if needed):

    .venv/bin/python benchmarks/compare.py [--rounds 40] [--repeat 2]

Each side runs in its own process against its own fresh database and Solr site; the sides take
turns (--repeat) so that load from elsewhere on the machine falls on both.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[1]
# DATABASE: the two sides' databases are DATABASE_stock and DATABASE_harbin; another name (with
# HARBIN_BENCH_SOLR_CORE) lets a worktree measure without touching the shared benchmark's state.
DATABASE = os.environ.get("HARBIN_BENCH_DATABASE", "ckan_bench")
BUILD = ROOT / "build" / ("bench" if DATABASE == "ckan_bench" else DATABASE)
SOLR = "http://127.0.0.1:8983/solr"
CORE = os.environ.get("HARBIN_BENCH_SOLR_CORE", "ckan_bench")  # an existing core, e.g. a worktree's own test core
TARGET = 1.1  # issue 20: each ratio ≤ 1.1× stock CKAN
SIDES = {
    "stock": {"plugins": "activity", "views": "", "redis": 6},
    "harbin": {"plugins": None, "views": "harbin_table_preview", "redis": 7},  # None: test.ini's list
}


def _sh(*command: str) -> str:
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.stdout


def _solr_core() -> None:
    status = json.load(urllib.request.urlopen(f"{SOLR}/admin/cores?action=STATUS&core={CORE}&wt=json"))
    if not status["status"].get(CORE):
        home = ROOT / "build" / "solr-home"
        shutil.copytree(home / "ckan_test" / "conf", home / CORE / "conf", dirs_exist_ok=True)
        urllib.request.urlopen(f"{SOLR}/admin/cores?action=CREATE&name={CORE}&instanceDir={CORE}&wt=json")
    delete = urllib.request.Request(f"{SOLR}/{CORE}/update?commit=true", data=b"<delete><query>*:*</query></delete>",
                                    headers={"Content-Type": "text/xml"})
    urllib.request.urlopen(delete)


def _database(name: str) -> None:
    _sh("su", "postgres", "-c", f"dropdb --if-exists -p 5432 {name}")
    _sh("scripts/services.sh", name)


def _ini(side: str) -> pathlib.Path:
    settings = SIDES[side]
    test_ini = (ROOT / "test.ini").read_text()
    lines = ["[app:main]", "use = config:../../test.ini", f"ckan.site_id = bench_{side}",
             f"sqlalchemy.url = postgresql://ckan_default:pass@127.0.0.1:5432/{DATABASE}_{side}",
             f"solr_url = {SOLR}/{CORE}", f"ckan.redis.url = redis://127.0.0.1:6379/{settings['redis']}",
             f"ckan.harvest.mq.redis_db = {settings['redis']}", f"ckan.storage_path = %(here)s/storage-{side}",
             f"ckan.views.default_views = {settings['views']}",
             "ckanext.harbin_opendata.review.email_notifications = false"]
    if settings["plugins"]:
        lines.append(f"ckan.plugins = {settings['plugins']}")
    path = BUILD / f"{side}.ini"
    path.write_text("\n".join(lines) + "\n\n" + test_ini[test_ini.index("[loggers]"):])
    return path


def _prepare(single_solr: bool = True) -> dict[str, pathlib.Path]:
    """Fresh databases and inis of both sides; `single_solr=False` (load.py --production, which
    searches its own SolrCloud) leaves the single-node core alone: a worktree whose Solr was started
    from another checkout has no solr-home of its own to copy the core's configuration from."""
    BUILD.mkdir(parents=True, exist_ok=True)
    _sh("scripts/services.sh", "ckan_test")
    if single_solr:
        _solr_core()
    inis = {}
    for side in SIDES:
        _database(f"{DATABASE}_{side}")
        inis[side] = _ini(side)
        _sh(str(ROOT / ".venv/bin/ckan"), "-c", str(inis[side]), "db", "upgrade")
    return inis


def _run(ini: pathlib.Path, rounds: int) -> dict:
    output = _sh(str(ROOT / ".venv/bin/python"), "benchmarks/ckan_ops.py", "--ini", str(ini), "--rounds", str(rounds))
    return json.loads(output.strip().splitlines()[-1])


def _merge(runs: list[dict]) -> dict:
    """Per operation, the best median and best p95 over the repetitions (least disturbed)."""
    merged: dict = {}
    for result in runs:
        for name, figures in result["operations"].items():
            best = merged.setdefault(name, dict(figures))
            best["median"], best["p95"] = min(best["median"], figures["median"]), min(best["p95"], figures["p95"])
            best["statements"] = max(best.get("statements", 0), figures.get("statements", 0))
    return merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=40, help="entries created, shown, updated, rendered")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--json", help="also write the figures to this file (for benchmarks/run.py)")
    args = parser.parse_args()
    inis = _prepare()
    runs: dict[str, list[dict]] = {side: [] for side in SIDES}
    for turn in range(args.repeat):
        for side in SIDES:
            print(f"turn {turn + 1}: {side} …", file=sys.stderr, flush=True)
            runs[side].append(_run(inis[side], args.rounds))
    stock, harbin = _merge(runs["stock"]), _merge(runs["harbin"])
    print(f"\n{'operation (ms)':<28}{'stock med':>10}{'p95':>8}{'harbin med':>12}{'p95':>8}{'ratio med':>11}{'p95':>7}"
          f"{'SQL stock':>11}{'harbin':>8}")
    worst, table = 0.0, {}
    for name in stock:
        ratio_median, ratio_p95 = harbin[name]["median"] / stock[name]["median"], harbin[name]["p95"] / stock[name]["p95"]
        worst = max(worst, ratio_median)
        table[name] = {"stock": stock[name], "harbin": harbin[name], "ratio_median": ratio_median, "ratio_p95": ratio_p95}
        flag = f"  > {TARGET}" if ratio_median > TARGET else ""
        print(f"{name:<28}{stock[name]['median']:>10.1f}{stock[name]['p95']:>8.1f}{harbin[name]['median']:>12.1f}"
              f"{harbin[name]['p95']:>8.1f}{ratio_median:>11.2f}{ratio_p95:>7.2f}"
              f"{stock[name]['statements']:>11.0f}{harbin[name]['statements']:>8.0f}{flag}")
    print(f"\nsearch '停车' found {runs['stock'][-1]['found']} (stock) and {runs['harbin'][-1]['found']} (harbin) entries")
    peaks = {side: max(result["peak_mb"] for result in runs[side]) for side in SIDES}
    print("(SQL: median statements sent to PostgreSQL per operation, the larger of the turns)")
    print(f"\npeak memory: stock {peaks['stock']:.0f} MB, harbin {peaks['harbin']:.0f} MB "
          f"({peaks['harbin'] / peaks['stock']:.2f}×); {args.rounds} entries × {args.repeat} turns per side; "
          f"worst median ratio {worst:.2f} (target ≤ {TARGET})")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps({"operations": table, "peak_mb": peaks}, ensure_ascii=False))


if __name__ == "__main__":
    main()
