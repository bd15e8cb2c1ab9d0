"""Load test on the loopback, bounded in time and requests (the generators are benchmarks/traffic.py).
The benchmark database of compare.py is seeded with published entries, then:

    .venv/bin/python benchmarks/load.py [--workers 4] [--readers 8] [--seconds 30]

gunicorn with several workers on 127.0.0.1:5010; concurrent readers of dataset pages and the API,
first alone, then while a harvest of a local catalog spreadsheet runs.

    .venv/bin/python benchmarks/load.py --production [--workers 2] [--readers 8] [--seconds 20]

the production deployment of scripts/production.sh (nginx, two gunicorn web nodes of --workers
each, SolrCloud, workers, consumers) on the same database: readers, then readers with an editor and
a harvest, through nginx with both web nodes and again with one (the second node's gain), and the
same readers against `ckan run --threaded` (how the demo portal serves) on the same database and Solr.
Every phase starts on a quiet deployment (no queued or running imports and scans).
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import threading
import time
import uuid
from typing import Any, Callable

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import BUILD, ROOT, _prepare  # noqa: E402
from traffic import Api, Editor, Reader, Recorder, figures, reader_paths, setup_actors, start_harvest  # noqa: E402

VENV = ROOT / ".venv" / "bin"
PORT, RUN_PORT = 5010, 5011
PRODUCTION = {"HARBIN_HTTP_PORT": "8100", "HARBIN_WEB_PORTS": "8101 8102", "HARBIN_SOLR_PORT": "8980",
              "HARBIN_SOLR_NODES": "8981 8982", "HARBIN_ZK_PORT": "8990"}


def _wait_for(base: str, seconds: int = 300) -> None:
    for _ in range(seconds * 2):
        try:
            if requests.get(base + "/api/3/action/status_show", timeout=10).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    sys.exit(f"{base} did not answer")


def _quiet(ini: str, seconds: int = 600) -> float:
    """Wait until the deployment has no queued or running background work (RQ queues and started
    registries, harvest queues in Redis), so that a phase measures only its own load; the wait."""
    import configparser

    import redis

    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.read(ini)
    url = parser.get("app:main", "ckan.redis.url", fallback="redis://127.0.0.1:6379/0")
    client, start = redis.Redis.from_url(url), time.monotonic()
    while time.monotonic() - start < seconds:
        pending = 0
        for key in client.scan_iter("*"):
            kind = client.type(key)
            if kind == b"list" and (key.startswith(b"rq:queue:") or b"harvest" in key):
                pending += client.llen(key)
            elif kind == b"zset" and key.startswith(b"rq:wip:"):
                pending += client.zcard(key)
        if not pending:
            break
        time.sleep(2)
    return time.monotonic() - start


def _names(base: str) -> list[str]:
    return requests.get(base + "/api/3/action/package_list", timeout=60).json()["result"]


def phase(base: str, readers: int, seconds: float, max_requests: int,
          busy: Callable[[threading.Event, Recorder], list[threading.Thread]] = lambda stop, recorder: []) -> dict:
    """Readers (and the threads `busy` starts) for `seconds`; the readers' figures."""
    names, recorder, stop = _names(base), Recorder(max_requests), threading.Event()
    threads = [Reader(base, lambda: reader_paths(base, names), recorder, stop, seed) for seed in range(readers)]
    threads += busy(stop, recorder)
    start = time.monotonic()
    for thread in threads:
        thread.start()
    stop.wait(seconds)
    stop.set()
    for thread in threads:
        thread.join(120)
    end = time.monotonic()
    row = figures(recorder.between(start, end, "read"), end - start)
    writes = recorder.between(start, end, "write")
    row.update(writes=len(writes), writes_failed=sum(call.failed for call in writes))
    return row


def _editor_and_harvest(base: str, token: str, records: int) -> Callable[[threading.Event, Recorder], list[threading.Thread]]:
    def start(stop: threading.Event, recorder: Recorder) -> list[threading.Thread]:
        admin = Api(base, token, recorder)
        org, editor_token = setup_actors(admin, uuid.uuid4().hex[:6])
        server, _job = start_harvest(admin, org, records, f"load-{uuid.uuid4().hex[:6]}")
        threading.Thread(target=lambda: (stop.wait(), server.shutdown()), daemon=True).start()
        return [Editor(Api(base, editor_token, recorder), admin, org, stop)]
    return start


def _seed(ini: str, entries: int) -> None:
    done = subprocess.run([str(VENV / "python"), "benchmarks/ckan_ops.py", "--ini", ini, "--rounds", str(entries)],
                          capture_output=True, text=True, cwd=ROOT)  # published entries to read
    if done.returncode:
        sys.exit(f"seeding the entries failed ({done.returncode}):\n{done.stderr[-3000:]}")


def _gunicorn(args: argparse.Namespace, ini: str) -> dict[str, Any]:
    env = dict(os.environ, CKAN_INI=ini)
    server = subprocess.Popen([str(VENV / "gunicorn"), "-c", "python:ckanext.harbin_opendata.ops.gunicorn_conf",
                               "-w", str(args.workers), "-b", f"127.0.0.1:{PORT}", "--timeout", "60",
                               "ckanext.harbin_opendata.ops.wsgi:application"],
                              env=env, stdout=subprocess.DEVNULL, stderr=open(BUILD / "gunicorn.log", "w"))
    base, token = f"http://127.0.0.1:{PORT}", _token(ini)
    try:
        _wait_for(base)
        return {"readers only": phase(base, args.readers, args.seconds, args.max_requests),
                "readers + editor + harvest": phase(base, args.readers, args.seconds, args.max_requests,
                                                    _editor_and_harvest(base, token, args.harvest_records))}
    finally:
        server.terminate()
        server.wait(60)


def _token(ini: str) -> str:
    ckan = [str(VENV / "ckan"), "-c", ini]
    subprocess.run([*ckan, "sysadmin", "add", "load-admin", "email=load-admin@bench.invalid", f"password=Bench-{uuid.uuid4().hex}"],
                   input="y\n", capture_output=True, text=True)
    done = subprocess.run([*ckan, "user", "token", "add", "load-admin", "load"], capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1].strip()


def _production(args: argparse.Namespace, bench_ini: str) -> dict[str, Any]:
    ini = BUILD / "production.ini"
    text = pathlib.Path(bench_ini).read_text(encoding="utf-8")
    ini.write_text(f"[app:main]\nuse = config:{bench_ini}\n\n" + text[text.index("[loggers]"):])
    env = dict(os.environ, HARBIN_PRODUCTION_INI=str(ini), HARBIN_PRODUCTION_DIR=str(BUILD / "production"),
               HARBIN_WEB_WORKERS=str(args.workers), **PRODUCTION)
    production = [str(ROOT / "scripts" / "production.sh")]
    subprocess.run([*production, "start"], env=env, check=True, stdout=subprocess.DEVNULL)
    base, results = f"http://127.0.0.1:{PRODUCTION['HARBIN_HTTP_PORT']}", {}
    supervisorctl = [str(VENV / "supervisorctl"), "-c", str(BUILD / "production" / "supervisord.conf")]
    try:
        _seed(str(ini), args.entries)
        token = _token(str(ini))
        # Readers first, each phase on a quiet deployment (the seeding's and the harvests' imports
        # and scans would otherwise run under the next phase and flatter or spoil it).
        second = f"web:web-{PRODUCTION['HARBIN_WEB_PORTS'].split()[1]}"
        quiet = {"after seeding": _quiet(str(ini))}
        results["nginx, 2 web node(s), readers"] = phase(base, args.readers, args.seconds, args.max_requests)
        subprocess.run([*supervisorctl, "stop", second], check=True, stdout=subprocess.DEVNULL)
        results["nginx, 1 web node(s), readers"] = phase(base, args.readers, args.seconds, args.max_requests)
        run = subprocess.Popen([str(VENV / "ckan"), "-c", str(ini), "run", "--host", "127.0.0.1", "--port", str(RUN_PORT),
                                "--disable-reloader", "--threaded"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_for(f"http://127.0.0.1:{RUN_PORT}")
            results["ckan run --threaded, readers"] = phase(f"http://127.0.0.1:{RUN_PORT}", args.readers, args.seconds,
                                                            args.max_requests)
        finally:
            run.terminate()
            run.wait(60)
        for nodes in (1, 2):
            if nodes == 2:
                subprocess.run([*supervisorctl, "start", second], check=True, stdout=subprocess.DEVNULL)
                _wait_for(base)
            quiet[f"before {nodes} node(s) + editor + harvest"] = _quiet(str(ini))
            results[f"nginx, {nodes} web node(s), + editor + harvest"] = phase(
                base, args.readers, args.seconds, args.max_requests, _editor_and_harvest(base, token, args.harvest_records))
        print("waited for a quiet deployment: " + ", ".join(f"{label} {waited:.0f} s" for label, waited in quiet.items()))
    finally:
        subprocess.run([*production, "stop"], env=env, stdout=subprocess.DEVNULL)
    return results


def _print(results: dict[str, Any], args: argparse.Namespace) -> None:
    print(f"\n{args.workers} gunicorn workers per node, {args.readers} readers, ≤ {args.seconds:.0f} s per phase")
    print(f"{'phase':<44}{'requests':>9}{'req/s':>8}{'failed':>8}{'median ms':>11}{'p95 ms':>8}{'writes':>8}")
    for label, row in results.items():
        print(f"{label:<44}{row['requests']:>9}{row['rps']:>8.1f}{row['failed']:>8}{row['median']:>11.1f}"
              f"{row['p95']:>8.1f}{row['writes']:>8}")
    two, one = results.get("nginx, 2 web node(s), readers"), results.get("nginx, 1 web node(s), readers")
    run = results.get("ckan run --threaded, readers")
    if two and one and run:
        print(f"second web node: {two['rps'] / one['rps']:.2f}× requests/s, p95 {two['p95'] / one['p95']:.2f}×; "
              f"production (2 nodes) against ckan run: {two['rps'] / run['rps']:.2f}× requests/s, "
              f"p95 {two['p95'] / run['p95']:.2f}×; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--production", action="store_true", help="nginx + web nodes + SolrCloud, 2 and 1 nodes, ckan run")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (per web node); default 4, or 2 per node")
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--max-requests", type=int, default=5000)
    parser.add_argument("--entries", type=int, default=30)
    parser.add_argument("--harvest-records", type=int, default=100)
    parser.add_argument("--json", help="also write the figures to this file (for benchmarks/run.py)")
    args = parser.parse_args()
    args.workers = args.workers or (2 if args.production else 4)
    ini = str(_prepare(single_solr=not args.production)["harbin"])
    if args.production:
        results = _production(args, ini)
    else:
        _seed(ini, args.entries)
        results = _gunicorn(args, ini)
    _print(results, args)
    if args.json:
        open(args.json, "w").write(json.dumps({**results, "workers": args.workers, "readers": args.readers}))


if __name__ == "__main__":
    main()
