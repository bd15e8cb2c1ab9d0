"""Personal-data scan throughput and memory, next to the machine's limit: for CSV files (UTF-8 and
GBK, 20 MB and 200 MB of a subsidy register with planted personal data and decoys) and an XLSX
workbook, each in a fresh process (with its scan processes, `--processes`), (1) the same file only read and decoded by the suite's tabular
reader, without detection, and (2) the full scan. Prints MB/s of both, their ratio, the goal
(CSV >= 50 MB/s, XLSX >= 10 MB/s), each process's peak memory and CPU-seconds; with --repeat N, the
medians of N runs of each, read and scan alternating (the ratio: the median of each pair's).

Run from the repository root: .venv/bin/python benchmarks/privacy_scan.py [--sizes 20 200] [--xlsx-rows 100000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
GOALS = {"csv": 50.0, "xlsx": 10.0}

_CHILD = """
import json, resource, sys, time
from ckanext.harbin_opendata.common.tabular import Limits, open_tables
from ckanext.harbin_opendata.common.tabular.columnar import column_batches
from ckanext.harbin_opendata.privacy.scan.files import scan_file
limits = Limits(max_unpacked_bytes=1 << 34)
start = time.perf_counter()
if sys.argv[2] == "read":
    rows = sum(len(batch[0]) for table in open_tables(sys.argv[1], limits) for batch in column_batches(table) if batch)
    personal, ids = [], 0
else:
    result = scan_file(sys.argv[1], limits, processes=int(sys.argv[3]) if sys.argv[3] else None)
    rows, personal = result.rows, sorted(c["header"] for c in result.columns if c["kinds"])
    ids = sum(c["counts"].get("resident_id", 0) for c in result.columns)
cpu = sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": cpu, "peak_kb": int(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM"))),
                  "rows": rows, "personal": personal, "ids": ids}))
"""


def _pool() -> tuple[list[str], list[list[str]]]:
    from ckanext.harbin_opendata.tests.privacy.samples import table

    return table(20000, seed=11)


def _write_csv(path: str, megabytes: int, encoding: str) -> int:
    """Cycle a pool of generated rows (renumbered) until the file has the wanted size."""
    header, pool = _pool()
    target, rows = megabytes * (1 << 20), 0
    with open(path, "w", encoding=encoding, newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(["哈尔滨市惠民补贴发放登记表"])  # a title row above the header, as agencies write them
        writer.writerow(header)
        while out.tell() < target:
            chunk = io.StringIO()
            chunk_writer = csv.writer(chunk, lineterminator="\r\n")
            for row in pool:
                rows += 1
                chunk_writer.writerow([str(rows), *row[1:]])
            out.write(chunk.getvalue())
    return rows


def _write_xlsx(path: str, rows: int) -> int:
    import openpyxl

    header, pool = _pool()
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("发放明细")
    sheet.append(["哈尔滨市惠民补贴发放登记表"])
    sheet.append(header)
    for number in range(rows):
        sheet.append([number + 1, *pool[number % len(pool)][1:]])
    workbook.save(path)
    return rows


def _run(path: str, mode: str, processes: str) -> dict:
    env = dict(os.environ, PYTHONPATH=ROOT)
    output = subprocess.run([sys.executable, "-c", _CHILD, path, mode, processes], check=True, capture_output=True, text=True,
                            env=env)
    return json.loads(output.stdout.strip().splitlines()[-1])


def _measure(label: str, kind: str, path: str, rows: int, figures: list[dict], processes: str, repeat: int) -> None:
    """Read and scan alternately `repeat` times: on a machine others load, the medians (and the CPU-seconds,
    which the load barely moves) are the figures to trust."""
    megabytes = os.path.getsize(path) / (1 << 20)
    runs = [(_run(path, "read", processes), _run(path, "scan", processes)) for _ in range(repeat)]
    read = {key: statistics.median([run[0][key] for run in runs]) for key in ("seconds", "cpu", "peak_kb")}
    scan = {key: statistics.median([run[1][key] for run in runs]) for key in ("seconds", "cpu", "peak_kb")}
    last = runs[-1][1]
    ratio = statistics.median([run[1]["seconds"] / run[0]["seconds"] for run in runs])
    read_speed, scan_speed = megabytes / read["seconds"], megabytes / scan["seconds"]
    print(f"{label:>16} {rows:>9} {megabytes:>7.1f} {read_speed:>9.1f} {scan_speed:>9.1f} {ratio:>6.2f}"
          f" {GOALS[kind]:>6.0f} {read['peak_kb'] / 1024:>8.0f} {scan['peak_kb'] / 1024:>8.0f} {read['cpu']:>8.1f} {scan['cpu']:>8.1f}"
          f"  IDs {last['ids']}/{rows}, personal columns {len(last['personal'])}")
    figures.append({"file": label, "mb_per_s": scan_speed, "read_mb_per_s": read_speed, "goal": GOALS[kind],
                    "ratio": ratio, "peak_mb": scan["peak_kb"] / 1024, "cpu_seconds": scan["cpu"],
                    "read_cpu_seconds": read["cpu"], "repeat": repeat})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 200], help="CSV file sizes in MB")
    parser.add_argument("--encodings", nargs="+", default=["utf-8", "gbk"])
    parser.add_argument("--xlsx-rows", type=int, default=100000, help="rows of the XLSX workbook (0: none)")
    parser.add_argument("--processes", default="", help="scan processes (privacy/scan/processes.py; default: the scan's own)")
    parser.add_argument("--repeat", type=int, default=1, help="read and scan each file this many times, alternately (medians)")
    parser.add_argument("--json", help="also write the figures to this file (for benchmarks/run.py)")
    args = parser.parse_args()
    figures: list[dict] = []
    print(f"{'file':>16} {'rows':>9} {'MB':>7} {'read MB/s':>9} {'scan MB/s':>9} {'ratio':>6} {'goal':>6} "
          f"{'read MB':>8} {'scan MB':>8} {'read CPU':>8} {'scan CPU':>8}  (peak memory of the scanning process; CPU-s with its children;"
          f" medians of {args.repeat} alternating runs)")
    with tempfile.TemporaryDirectory(prefix="harbin-bench-") as directory:
        for encoding in args.encodings:
            for size in args.sizes:
                path = os.path.join(directory, f"register-{size}-{encoding}.csv")
                rows = _write_csv(path, size, encoding)
                _measure(f"CSV {size} MB {encoding}", "csv", path, rows, figures, args.processes, args.repeat)
                os.unlink(path)
        if args.xlsx_rows:
            path = os.path.join(directory, "register.xlsx")
            rows = _write_xlsx(path, args.xlsx_rows)
            _measure(f"XLSX {args.xlsx_rows} rows", "xlsx", path, rows, figures, args.processes, args.repeat)
    if args.json:
        open(args.json, "w").write(json.dumps(figures))


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"total {time.perf_counter() - started:.0f} s")
