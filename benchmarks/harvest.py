"""Benchmark of the Harbin harvesters (run on demand, not a test).

Serves a catalog list of N records (CSV, UTF-8) from a local HTTP server, harvests it with the
catalog spreadsheet harvester through ckanext-harvest's gather/fetch/import stages (real
PostgreSQL and Solr), then harvests it again (nothing changed), and prints records per second, SQL statements per record
(of every importing process) and peak memory (the largest process's maximum resident set size) after each run.

    .venv/bin/python benchmarks/harvest.py --ini build/test-h1.ini [--records 5000] [--workers 1]

It creates an agency, a harvest source and N catalog entries: point it at a throw-away database.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import resource
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator
from urllib.parse import parse_qsl, urlsplit

GOAL = 50  # records/s, first harvest of 5,000 records on loopback (issue 20)


def catalog_csv(records: int, run_id: str, files: str = "https://data.harbin.invalid/bench") -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["资源名称", "资源代码", "资源摘要", "数据领域", "更新周期", "数据格式", "数据项", "下载地址", "开放类型"])
    domains = ["市场监管", "卫生健康", "交通", "教育", "生态环境"]
    for n in range(records):
        writer.writerow([f"基准测试数据集{run_id}-{n:05d}", f"399001{int(run_id, 16) % 1000:03d}/{n:06d}",
                         f"第{n}个基准测试目录条目的数据摘要。", domains[n % len(domains)], "每月", "CSV、JSON",
                         "名称、代码、日期(日期型)、数量(整数型)", f"{files}/{n}.csv",
                         "无条件开放"])
    return text.getvalue().encode("utf-8-sig")


# The city portal's JSON API of the README's walk-through: pinyin-free keys, 100 rows a page.
JSON_CONFIG = {
    "list_path": "data.rows", "total_path": "data.total",
    "paging": {"param": "page", "start": 1, "size_param": "size", "size": 100},
    "fields": {"id": "cata_id", "title": "cata_title", "notes": "description", "open_type": "open_type",
               "data_domain": "group_name", "update_frequency": "update_cycle", "data_formats": "file_type",
               "contact_phone": "phone", "publish_date": "released_time", "data_items": "columns[*].name_cn",
               "download_url": "file_url"},
    "defaults": {"desensitization_status": "无需脱敏"}, "resource_code_prefix": "399002"}


def catalog_rows_json(records: int, run_id: str) -> list[dict]:
    groups = ["交通运输", "公共服务", "农、林、牧、渔业", "教育", "卫生健康"]
    return [{"cata_id": f"{run_id}-{n:05d}", "cata_title": f"基准测试目录{run_id}-{n:05d}",
             "description": f"第{n}个目录条目的数据摘要。", "open_type": "普遍开放", "group_name": groups[n % len(groups)],
             "update_cycle": "每 2 日", "file_type": "[xml,xls,csv,json]", "phone": "0451-86300000",
             "released_time": "2023-05-12 10:20:30", "file_url": f"https://data.harbin.invalid/bench/{n}.csv",
             "columns": [{"name_cn": "线路名称", "data_type": "VARCHAR2(100)"}, {"name_cn": "站点数"}]}
            for n in range(records)]


def serve(content: bytes | Callable[[str], bytes], rows: list[dict] | None = None) -> tuple[ThreadingHTTPServer, str]:
    """The CSV catalog at /catalog.csv (`content`: its bytes, or the bytes of any path asked for),
    or (rows given) the JSON API at /api/catalog; returns the server and the catalog's address."""
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            answer = content(self.path) if callable(content) else content
            kind = "text/csv; charset=utf-8"
            if rows is not None:
                query = dict(parse_qsl(urlsplit(self.path).query))
                page, size = int(query.get("page", 1)), int(query.get("size", 100))
                answer = json.dumps({"success": True, "data": {"total": len(rows), "rows": rows[(page - 1) * size:page * size]}},
                                    ensure_ascii=False).encode("utf-8")
                kind = "application/json; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    path = "/api/catalog" if rows is not None else "/catalog.csv"
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}{path}"


def timed_run(source_id: str, records: int, label: str) -> dict:
    from ckanext.harbin_opendata.harvest.runner import run_source

    def progress(stage: str, done: int, total: int) -> None:
        if done and (done % 500 == 0 or done == total):
            print(f"  {label}: {done}/{total} imported ({time.perf_counter() - start:.0f} s)", flush=True)

    with _sql_counted() as sql:
        start = time.perf_counter()
        summary = run_source(source_id, progress)
        seconds = time.perf_counter() - start
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    rate = records / seconds
    verdict = "meets" if rate >= GOAL else "misses"
    print(f"{label}: {summary['counts']} in {seconds:.1f} s = {rate:.1f} records/s "
          f"(goal ≥ {GOAL} records/s for a first harvest: {verdict} it); "
          f"peak memory (largest process's RSS so far) {peak:.0f} MB; {sql[0] / records:.1f} SQL statements per record", flush=True)
    return {"counts": summary["counts"], "seconds": seconds, "records_per_s": records / seconds, "peak_mb": peak,
            "sql_per_record": sql[0] / records}


@contextlib.contextmanager
def _sql_counted() -> Iterator[list[int]]:
    """The SQL statements the block sends (an SQLAlchemy event listener on CKAN's engine), also by
    the processes the harvest forks to import records (the count is in memory they share)."""
    import multiprocessing

    import ckan.model as model
    import sqlalchemy as sa

    engine, shared, counted = model.Session.get_bind(), multiprocessing.get_context("fork").Value("q", 0), [0]

    def count(*_: object) -> None:
        with shared.get_lock():
            shared.value += 1

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield counted
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
        counted[0] = shared.value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ini", required=True, help="CKAN config of a throw-away database")
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--source", choices=["csv", "json"], default="csv",
                        help="csv: a catalog spreadsheet; json: the README's city portal JSON API (e.g. --records 1001)")
    parser.add_argument("--no-solr-commit", action="store_true",
                        help="do not commit Solr after each entry (ckan.search.solr_commit = false)")
    parser.add_argument("--workers", type=int, help="processes importing the records (harvest.workers; default: the config's)")
    parser.add_argument("--json", help="also write the figures to this file (for benchmarks/run.py)")
    args = parser.parse_args()

    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    app = make_app(load_config(args.ini))
    with app._wsgi_app.test_request_context():
        import ckan.plugins.toolkit as tk

        run_id = uuid.uuid4().hex[:6]
        site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
        if args.source == "json":
            httpd, url = serve(b"", catalog_rows_json(args.records, run_id))
            source_type, config = "harbin_json_api", JSON_CONFIG
        else:
            httpd, url = serve(catalog_csv(args.records, run_id))
            source_type, config = "harbin_spreadsheet", {"defaults": {"desensitization_status": "not_required"}}
        org = tk.get_action("organization_list")({"user": site_user}, {"limit": 1}) or [_agency(site_user)]
        source = tk.get_action("harvest_source_create")({"user": site_user}, {
            "name": f"bench-{run_id}", "title": f"基准测试来源 {run_id}", "url": url,
            "source_type": source_type, "frequency": "MANUAL", "owner_org": org[0],
            "config": json.dumps(config, ensure_ascii=False)})
        # A bulk migration is harvested from a trusted source: entries are published at once,
        # without a review notification per entry.
        tk.config["ckanext.harbin_opendata.review.trusted_harvest_sources"] = [source["name"]]
        tk.config["ckanext.harbin_opendata.review.email_notifications"] = False
        if args.workers:
            tk.config["ckanext.harbin_opendata.harvest.workers"] = args.workers
        print(f"Importing with {tk.config['ckanext.harbin_opendata.harvest.workers']} processes", flush=True)
        if args.no_solr_commit:  # let Solr's autoCommit make entries searchable, as bulk loads do
            tk.config["ckan.search.solr_commit"] = False
        print(f"Harvesting {args.records} records from {url}", flush=True)
        figures = {"first harvest (create)": timed_run(source["id"], args.records, "first harvest (create)"),
                   "re-harvest (unchanged)": timed_run(source["id"], args.records, "re-harvest (unchanged)")}
        httpd.shutdown()
    if args.json:
        open(args.json, "w").write(json.dumps(figures, ensure_ascii=False))


def _agency(site_user: str) -> str:
    """An agency for the source in an empty database (the credit code is a valid GB 32100 one)."""
    import ckan.plugins.toolkit as tk

    from ckanext.harbin_opendata.metadata.uscc import check_character

    first17 = "11230100MB0000001"
    return tk.get_action("organization_create")({"user": site_user}, {
        "name": "bench-agency", "title": "基准测试机构", "credit_code": first17 + check_character(first17),
        "agency_kind": "government", "district": "230100"})["name"]


if __name__ == "__main__":
    main()
