"""Benchmark of harbin_data's downloads on a large table: paging by OFFSET (how CKAN's own
/datastore/dump and, before, the format downloads read a table) against paging by `_id` (keyset,
filters {"_id_after": N}), in one run on the same table. Not a test:

    flock /work/wt/cpu.lock .venv/bin/python benchmarks/datastore_dump.py --ini test-local.ini [--rows 200000]

It makes an entry (benchmarks/access_key.py's set-up, names starting with `bench-`) and a DataStore
table of generated rows (Chinese names, numbers, dates, codes) in the configured databases: use a
test database, never a production one; the table is dropped at the end. Printed: one deep page
(the table's last rows) read both ways, median of --repeat, and the whole table downloaded as CSV
and JSON both ways (seconds, MB/s), and the CSV by keyset without neutralising its text cells."""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from typing import Any, Callable, Iterator

sys.path.insert(0, os.path.dirname(__file__))
from access_key import _setup  # noqa: E402 - the same bench entry

FIELDS = [{"id": "序号", "type": "int"}, {"id": "企业名称", "type": "text"}, {"id": "所属区县", "type": "text"},
          {"id": "注册资本（万元）", "type": "numeric"}, {"id": "成立日期", "type": "timestamp"},
          {"id": "区县代码", "type": "text"}]
_FILL = """INSERT INTO "{table}" ("序号", "企业名称", "所属区县", "注册资本（万元）", "成立日期", "区县代码")
SELECT g, '哈尔滨冰城第' || g || '科技有限公司', (ARRAY['道里区', '南岗区', '道外区', '香坊区'])[g % 4 + 1],
       (g % 5000) / 10.0, timestamp '2000-01-01' + g * interval '1 hour', lpad((g % 10000)::text, 4, '0')
FROM generate_series(1, :rows) AS g"""


def _offset_pages(user: str, resource_id: str, names: list[str], records_format: str) -> Iterator[Any]:
    """The downloads' paging before keyset (and CKAN's dump's): OFFSET grows page by page."""
    import ckan.plugins.toolkit as tk
    from ckanext.harbin_opendata.data import downloads

    offset = 0
    while True:
        page = tk.get_action("datastore_search")({"user": user}, {
            "resource_id": resource_id, "limit": downloads._PAGE, "offset": offset, "sort": "_id", "fields": names,
            "records_format": records_format, "include_total": False})
        if not page["records"]:
            return
        yield page["records"]
        if isinstance(page["records"], list) and len(page["records"]) < page["limit"]:
            return
        offset += page["limit"]


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _table(tk: Any, model: Any, rows: int) -> str:
    from ckanext.datastore.backend.postgres import get_write_engine
    from sqlalchemy import text

    resource_id = _setup(tk, model)["resource"]
    tk.get_action("datastore_create")({"ignore_auth": True}, {"resource_id": resource_id, "force": True,
                                                               "fields": FIELDS})
    with get_write_engine().begin() as connection:
        connection.execute(text(_FILL.format(table=resource_id)), {"rows": rows})
        connection.execute(text(f'ANALYZE "{resource_id}"'))
    return resource_id


def run(ini: str, rows: int, repeat: int) -> dict[str, Any]:
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    app = make_app(load_config(ini))
    with app._wsgi_app.test_request_context():
        import ckan.model as model
        import ckan.plugins.toolkit as tk
        from ckanext.harbin_opendata.data import downloads

        user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
        resource_id = _table(tk, model, rows)
        try:
            search = tk.get_action("datastore_search")
            deep = {"offset": {"offset": rows - downloads._PAGE}, "keyset": {"filters": {"_id_after": rows - downloads._PAGE}}}
            figures: dict[str, Any] = {"rows": rows, "page_rows": downloads._PAGE}
            for name, params in deep.items():
                samples = [_timed(lambda: search({"user": user}, {
                    "resource_id": resource_id, "limit": downloads._PAGE, "sort": "_id", "records_format": "csv",
                    "include_total": False, **params}))[0] * 1000 for _ in range(repeat)]
                figures[f"deep_page_ms_{name}"] = round(statistics.median(samples), 1)
            fields = downloads.table_fields(user, resource_id)
            keyset_pages = downloads._pages
            for fmt in ("csv", "json"):
                for name, pages in (("offset", _offset_pages), ("keyset", keyset_pages)):
                    downloads._pages = pages
                    seconds, size = _timed(lambda: sum(map(len, downloads.text_chunks(user, resource_id, fields, fmt))))
                    figures[f"dump_{fmt}_{name}"] = {"seconds": round(seconds, 2), "MB": round(size / 1e6, 1),
                                                     "MB_per_s": round(size / 1e6 / seconds, 1)}
                downloads._pages = keyset_pages
            # the CSV's text cells neutralised (text_cells.py) against PostgreSQL's text as it is
            seconds, size = _timed(lambda: sum(map(len, downloads._written(user, resource_id, fields, "csv"))))
            figures["dump_csv_keyset_not_neutralised"] = {"seconds": round(seconds, 2), "MB": round(size / 1e6, 1),
                                                          "MB_per_s": round(size / 1e6 / seconds, 1)}
            return figures
        finally:
            tk.get_action("datastore_delete")({"ignore_auth": True}, {"resource_id": resource_id, "force": True})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ini", required=True)
    parser.add_argument("--rows", type=int, default=200000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(run(args.ini, args.rows, args.repeat), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
