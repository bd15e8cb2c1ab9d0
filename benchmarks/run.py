"""Every benchmark in one command, one table at the end. Run on demand from the repository root
(services are started if needed; it uses its own databases, Solr core and Redis dbs):

    .venv/bin/python benchmarks/run.py            # the figures of the closing notes (about an hour)
    .venv/bin/python benchmarks/run.py --quick    # smaller sizes, a few minutes: a check that all runs

Steps, each a script of its own with its full output in build/bench/<step>.log:
compare.py (stock CKAN against CKAN with the Harbin plugins), load.py (gunicorn workers under
concurrent readers, alone and during a harvest), privacy_scan.py, harvest.py and assessment.py
(the last two on the benchmark database compare.py and load.py leave behind).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

from compare import BUILD, ROOT, TARGET

FULL = {
    "compare": ["--rounds", "60", "--repeat", "3"],
    "load": ["--workers", "4", "--readers", "8", "--seconds", "30"],
    "privacy_scan": ["--sizes", "20", "200"],
    "harvest": ["--records", "5000"],
    "assessment": ["--agencies", "100", "--entries", "500000"],
}
QUICK = {
    "compare": ["--rounds", "10", "--repeat", "1"],
    "load": ["--workers", "2", "--readers", "4", "--seconds", "10", "--harvest-records", "50"],
    "privacy_scan": ["--sizes", "5", "--encodings", "gbk", "--xlsx-rows", "5000"],
    "harvest": ["--records", "200"],
    "assessment": ["--agencies", "100", "--entries", "5000"],
}
NEEDS_INI = {"harvest": "--ini", "assessment": "-c"}


def _step(name: str, arguments: list[str]) -> dict:
    if name in NEEDS_INI:
        arguments = [NEEDS_INI[name], str(BUILD / "harbin.ini"), *arguments]
    figures, log = BUILD / f"{name}.json", BUILD / f"{name}.log"
    figures.unlink(missing_ok=True)
    print(f"{name} {' '.join(arguments)} … (output: {log.relative_to(ROOT)})", file=sys.stderr, flush=True)
    started = time.perf_counter()
    with open(log, "w") as out:
        done = subprocess.run([str(ROOT / ".venv/bin/python"), f"benchmarks/{name}.py", *arguments, "--json", str(figures)],
                              cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode:
        sys.exit(f"{name} failed (exit {done.returncode}): see {log}")
    print(f"  {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return json.loads(figures.read_text())


def _print(results: dict) -> None:
    compare = results["compare"]
    print(f"\nStock CKAN against CKAN + Harbin plugins, latency in ms (target: ratio ≤ {TARGET})")
    print(f"{'operation':<28}{'stock med':>10}{'p95':>8}{'harbin med':>12}{'p95':>8}{'ratio med':>11}{'p95':>7}")
    for name, row in compare["operations"].items():
        print(f"{name:<28}{row['stock']['median']:>10.1f}{row['stock']['p95']:>8.1f}{row['harbin']['median']:>12.1f}"
              f"{row['harbin']['p95']:>8.1f}{row['ratio_median']:>11.2f}{row['ratio_p95']:>7.2f}"
              f"{'  ABOVE TARGET' if row['ratio_median'] > TARGET else ''}")
    print(f"{'peak memory (MB)':<28}{compare['peak_mb']['stock']:>10.0f}{'':>8}{compare['peak_mb']['harbin']:>12.0f}")

    load = results["load"]
    print(f"\nLoad: {load['workers']} gunicorn workers, {load['readers']} concurrent readers (dataset pages and API)")
    print(f"{'phase':<28}{'requests':>10}{'req/s':>8}{'errors':>8}{'median ms':>11}{'p95 ms':>8}")
    for phase in ("readers only", "readers + harvest"):
        row = load[phase]
        print(f"{phase:<28}{row['requests']:>10}{row['rps']:>8.1f}{row['errors']:>8}{row['median']:>11.1f}{row['p95']:>8.1f}")
    print(f"entries the harvest published during the second phase: {load['published meanwhile']}")

    print(f"\n{'throughput':<44}{'figure':>16}{'peak MB':>9}")
    for row in results["privacy_scan"]:
        label = f"personal-data scan, {row['file']} (read only {row['read_mb_per_s']:.0f}, goal {row['goal']:.0f})"
        print(f"{label:<44}{row['mb_per_s']:>11.1f} MB/s{row['peak_mb']:>9.1f}")
    for label, row in results["harvest"].items():
        print(f"{'harvest, ' + label:<44}{row['records_per_s']:>6.1f} records/s{row['peak_mb']:>9.0f}")
    assessment = results["assessment"]
    for label, row in assessment["operations"].items():
        label = f"assessment {assessment['agencies']}×{assessment['entries'] // assessment['agencies']}, {label}"
        print(f"{label[:43]:<44}{row['seconds']:>14.2f} s{assessment['peak_mb']:>9.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes: checks that every step runs")
    parser.add_argument("--only", nargs="+", choices=list(FULL), help="run these steps only (the table needs all)")
    args = parser.parse_args()
    BUILD.mkdir(parents=True, exist_ok=True)
    plan = QUICK if args.quick else FULL
    results = {name: _step(name, arguments) for name, arguments in plan.items() if not args.only or name in args.only}
    if len(results) == len(plan):
        _print(results)
    else:
        print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
