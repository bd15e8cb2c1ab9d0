"""Personal-data scan throughput and memory: generates CSV files of 20 MB and 200 MB (a subsidy
register with planted personal data and decoys, GBK and UTF-8), scans each in a fresh process and
prints MB/s and the process's peak memory. Streaming means the peak does not grow with the file.

Run from the repository root: .venv/bin/python benchmarks/privacy_scan.py [--sizes 20 200]
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

_CHILD = """
import json, resource, sys, time
from ckanext.harbin_opendata.privacy.tables import scan_file
start = time.perf_counter()
columns = scan_file(sys.argv[1], "csv")
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "personal": sorted(c["header"] for c in columns if c["kinds"]),
                  "ids": next(c["counts"].get("resident_id", 0) for c in columns if c["header"] == "身份证号")}))
"""


def _write(path: str, megabytes: int, encoding: str) -> int:
    """Cycle a pool of generated rows (renumbered) until the file has the wanted size."""
    from ckanext.harbin_opendata.tests.privacy.samples import table

    header, pool = table(20000, seed=11)
    target, rows = megabytes * (1 << 20), 0
    with open(path, "w", encoding=encoding, newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        while out.tell() < target:
            chunk = io.StringIO()
            chunk_writer = csv.writer(chunk, lineterminator="\r\n")
            for row in pool:
                rows += 1
                chunk_writer.writerow([str(rows), *row[1:]])
            out.write(chunk.getvalue())
    return rows


def _scan(path: str) -> dict:
    env = dict(os.environ, PYTHONPATH=ROOT)
    output = subprocess.run([sys.executable, "-c", _CHILD, path], check=True, capture_output=True, text=True, env=env)
    return json.loads(output.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 200], help="file sizes in MB")
    parser.add_argument("--encodings", nargs="+", default=["utf-8", "gbk"])
    parser.add_argument("--json", help="also write the figures to this file (for benchmarks/run.py)")
    args = parser.parse_args()
    figures = []
    print(f"{'file':>14} {'rows':>10} {'MB':>7} {'seconds':>8} {'MB/s':>6} {'peak MB':>8}  IDs found")
    with tempfile.TemporaryDirectory(prefix="harbin-bench-") as directory:
        for encoding in args.encodings:
            for size in args.sizes:
                path = os.path.join(directory, f"register-{size}-{encoding}.csv")
                rows = _write(path, size, encoding)
                megabytes = os.path.getsize(path) / (1 << 20)
                result = _scan(path)
                print(f"{size:>5} MB {encoding:>6} {rows:>10} {megabytes:>7.1f} {result['seconds']:>8.1f} "
                      f"{megabytes / result['seconds']:>6.1f} {result['peak_kb'] / 1024:>8.1f}  "
                      f"{result['ids']}/{rows}  personal columns: {len(result['personal'])}")
                figures.append({"file": f"{size} MB {encoding}", "mb_per_s": megabytes / result["seconds"],
                                "peak_mb": result["peak_kb"] / 1024})
                os.unlink(path)
    if args.json:
        open(args.json, "w").write(json.dumps(figures))


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"total {time.perf_counter() - started:.0f} s")
