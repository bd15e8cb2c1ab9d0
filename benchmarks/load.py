"""Load test on the loopback, bounded in time and requests: gunicorn with several workers serves
the portal (the benchmark database of compare.py, seeded with published entries); concurrent
readers fetch dataset pages and the API, first alone, then while a harvest of a local catalog
spreadsheet runs. Prints requests/second, error rate and latency of each phase.

    .venv/bin/python benchmarks/load.py [--workers 4] [--readers 8] [--seconds 30] [--max-requests 5000]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import BUILD, ROOT, _prepare  # noqa: E402

PORT = 5010
BASE = f"http://127.0.0.1:{PORT}"


def _get(path: str) -> tuple[int, float]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(BASE + path, timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:  # refused, reset, timed out: counted as an error
        status = 0
    return status, (time.perf_counter() - start) * 1000


def _phase(paths: list[str], readers: int, seconds: float, max_requests: int) -> dict:
    results: list[tuple[int, float]] = []
    lock, deadline = threading.Lock(), time.monotonic() + seconds

    def reader(seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < deadline:
            with lock:
                if len(results) >= max_requests:
                    return
            outcome = _get(rng.choice(paths))
            with lock:
                results.append(outcome)

    started = time.perf_counter()
    threads = [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies = sorted(ms for _, ms in results)
    errors = sum(1 for status, _ in results if status != 200)
    return {"requests": len(results), "rps": len(results) / elapsed, "errors": errors,
            "median": statistics.median(latencies), "p95": latencies[int(len(latencies) * 0.95) - 1]}


def _count() -> int:
    return json.load(urllib.request.urlopen(BASE + "/api/3/action/package_search?rows=0"))["result"]["count"]


def _wait_for(url: str, seconds: int = 90) -> None:
    for _ in range(seconds * 2):
        if _get(url)[0] == 200:
            return
        time.sleep(0.5)
    sys.exit(f"{BASE}{url} did not answer")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--max-requests", type=int, default=5000)
    parser.add_argument("--entries", type=int, default=30)
    parser.add_argument("--harvest-records", type=int, default=300)
    parser.add_argument("--json", help="also write the figures to this file (for benchmarks/run.py)")
    args = parser.parse_args()
    ini = _prepare()["harbin"]
    venv = ROOT / ".venv" / "bin"
    subprocess.run([str(venv / "python"), "benchmarks/ckan_ops.py", "--ini", str(ini), "--rounds", str(args.entries)],
                   check=True, capture_output=True, cwd=ROOT)  # published entries to read
    env = dict(os.environ, CKAN_INI=str(ini))
    server = subprocess.Popen([str(venv / "gunicorn"), "-w", str(args.workers), "-b", f"127.0.0.1:{PORT}",
                               "--chdir", str(ROOT / "benchmarks"), "--timeout", "60", "wsgi:application"],
                              env=env, stdout=subprocess.DEVNULL, stderr=open(BUILD / "gunicorn.log", "w"))
    harvest = None
    try:
        _wait_for("/api/3/action/status_show")
        names = json.load(urllib.request.urlopen(BASE + "/api/3/action/package_list"))["result"]
        paths = [f"/dataset/{name}" for name in names] + [f"/api/3/action/package_show?id={name}" for name in names] + \
            ["/api/3/action/package_search?" + urllib.parse.urlencode(
                {"q": "停车", "facet.field": '["organization", "res_format"]'})]
        print(f"{args.workers} gunicorn workers, {args.readers} readers, {len(names)} published entries, "
              f"≤ {args.seconds:.0f} s and ≤ {args.max_requests} requests per phase", flush=True)
        quiet = _phase(paths, args.readers, args.seconds, args.max_requests)
        harvest = subprocess.Popen([str(venv / "python"), "benchmarks/harvest.py", "--ini", str(ini),
                                    "--records", str(args.harvest_records)], cwd=ROOT,
                                   stdout=open(BUILD / "harvest-during-load.log", "w"), stderr=subprocess.STDOUT)
        before = _count()
        time.sleep(5)  # the harvest is importing
        busy = _phase(paths, args.readers, args.seconds, args.max_requests)
        harvesting, imported = harvest.poll() is None, _count() - before
    finally:
        if harvest is not None and harvest.poll() is None:
            harvest.terminate()
        server.terminate()
        server.wait(30)
    print(f"\n{'phase':<26}{'requests':>9}{'req/s':>8}{'errors':>8}{'median ms':>11}{'p95 ms':>8}")
    for label, figures in (("readers only", quiet), ("readers + harvest", busy)):
        print(f"{label:<26}{figures['requests']:>9}{figures['rps']:>8.1f}{figures['errors']:>8}"
              f"{figures['median']:>11.1f}{figures['p95']:>8.1f}")
    print(f"error rate: {quiet['errors'] / max(quiet['requests'], 1):.2%} / {busy['errors'] / max(busy['requests'], 1):.2%}; "
          f"entries the harvest published meanwhile: {imported}; still running at the end: {harvesting} "
          f"(log: build/bench/harvest-during-load.log)")
    if args.json:
        figures = {"readers only": quiet, "readers + harvest": busy, "published meanwhile": imported,
                   "workers": args.workers, "readers": args.readers}
        open(args.json, "w").write(json.dumps(figures))


if __name__ == "__main__":
    main()
