"""Benchmark of the DataStore loader (data/load.py) on a generated GBK CSV (benchmarks/datastore_search.py's
1,000,000 rows: title rows above the header, Chinese names and addresses, codes, numbers, dates),
side by side with the machine's limit, a plain PostgreSQL COPY of the same rows already converted
to UTF-8 into a table of the same column types, in the same run. Prints each step of the load, its
ratio to the COPY, and the process's peak memory before and after the load. Not a test:

    flock /work/wt/cpu.lock .venv/bin/python benchmarks/datastore_load.py --ini test-local.ini [--rows 1000000]

It makes an entry (benchmarks/access_key.py's set-up, names starting with `bench-`) and a DataStore
table in the configured databases: use a test database, never a production one; the table is
dropped at the end."""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from typing import Any, Callable

sys.path.insert(0, os.path.dirname(__file__))
from access_key import _setup  # noqa: E402 - the same bench entry
from datastore_search import _copy_limit, write_csv  # noqa: E402 - the same rows, the same limit


def _peak_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def timed_load(resource_id: str, gbk_path: str, utf8_path: str) -> dict[str, Any]:
    """The loader's steps (data/load.py: read as the scan reads, the table under another name, rows
    with their full text, indexes, statistics, the swap) timed, in seconds, and each index's build;
    "fields" the table's fields."""
    from ckanext.harbin_opendata.common.tabular import Limits, tables_as_scanned
    from ckanext.harbin_opendata.data import load, swap, trigram
    try:
        from ckanext.harbin_opendata.data import row_copy
    except ImportError:  # the loader before data/row_copy.py (to measure it again: git checkout)
        row_copy = load

    from ckanext.xloader import loader

    figures: dict[str, Any] = {}
    builds: dict[str, float] = {}
    try:
        from ckanext.harbin_opendata.data import indexes
    except ImportError:  # the loader before data/indexes.py (to measure it again: git checkout)
        indexes = None
    steps = [(module, name) for module, name in [
        (load, "_create"), (swap, "create_staging"), (load, "_copy_rows"), (row_copy, "copy_rows"), (loader, "copy_file"),
        (loader, "_populate_fulltext"), (loader, "create_column_indexes"), (trigram, "index_text_columns"),
        (indexes, "build_indexes"), (indexes, "_build"), (load, "_analyze"), (load, "_note_and_vacuum"), (swap, "swap"),
        (loader, "calculate_record_count")] if hasattr(module, name)]
    originals = {name: getattr(module, name) for module, name in steps}

    def timed(name: str) -> Callable[..., Any]:
        def step(*args: Any) -> Any:
            start = time.perf_counter()
            result = originals[name](*args)
            if name == "_build":  # one index (two build at a time): its statement's end, its seconds
                builds[args[-1].split(" USING ")[-1][:60]] = round(time.perf_counter() - start, 2)
            else:
                figures[f"{name.strip('_')}_s"] = time.perf_counter() - start
            return result
        return step

    for module, name in steps:
        setattr(module, name, timed(name))
    try:
        start = time.perf_counter()
        table = next(tables_as_scanned(gbk_path, Limits(max_unpacked_bytes=1 << 30)))
        names = load.field_names(table.header)
        with open(utf8_path, "w+b") as out:
            written = load._write_rows_as_scanned(table, names, out)
        figures["read_and_convert_s"] = time.perf_counter() - start
        # since data/row_copy.py: the fields and where the second connection's rows start
        fields, second = written if isinstance(written, tuple) else (written, None)
        if second is not None:
            load.replace_rows(resource_id, utf8_path, fields, "bench", second)
        elif hasattr(load, "replace_rows"):
            load.replace_rows(resource_id, utf8_path, fields, "bench")
        else:  # the loader that dropped the table first (to measure it again: git checkout)
            load._create(resource_id, fields)
            load._copy(resource_id, utf8_path, fields, "bench")
        figures["load_s"] = time.perf_counter() - start
    finally:
        for module, name in steps:
            setattr(module, name, originals[name])
    figures["fields"], figures["index_builds"] = fields, builds
    return figures


def _skipped_trigram_s(engine: Any, resource_id: str, fields: list[dict[str, Any]]) -> dict[str, float]:
    """The build of each trigram index the loader skipped (text columns of ASCII cells only,
    data/trigram.py), made after the load and dropped: the seconds the skip saves (one core)."""
    from ckanext.datastore.backend.postgres import identifier
    from ckanext.harbin_opendata.data.indexes import BUILD_MEMORY

    seconds = {}
    for field in fields:
        if not field.get("ascii"):
            continue
        with engine.connect() as plain, plain.execution_options(no_parameters=True).begin() as transaction:
            connection = transaction.connection  # the statement as written (a name may hold "%")
            connection.exec_driver_sql(f"SET LOCAL maintenance_work_mem = '{BUILD_MEMORY}'")
            start = time.perf_counter()
            connection.exec_driver_sql(f"CREATE INDEX bench_skipped ON {identifier(resource_id)} "
                                       f"USING gin ({identifier(field['id'])} gin_trgm_ops)")
            seconds[field["id"]] = round(time.perf_counter() - start, 2)
            connection.exec_driver_sql("DROP INDEX bench_skipped")
    return seconds


def _indexes(engine: Any, resource_id: str) -> list[str]:
    from sqlalchemy import text

    with engine.connect() as connection:
        return connection.execute(text("SELECT indexdef FROM pg_indexes WHERE tablename = :t ORDER BY indexname"),
                                  {"t": resource_id}).scalars().all()


def run(ini: str, rows: int) -> dict[str, Any]:
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    app = make_app(load_config(ini))
    with app._wsgi_app.test_request_context(), tempfile.TemporaryDirectory() as folder:
        import ckan.model as model
        import ckan.plugins.toolkit as tk
        from ckanext.datastore.backend.postgres import get_write_engine

        gbk, utf8 = os.path.join(folder, "登记.csv"), os.path.join(folder, "utf8.csv")
        figures: dict[str, Any] = {"rows": rows, "load_average_at_start": os.getloadavg()[0]}
        start = time.perf_counter()
        write_csv(gbk, rows)
        figures["generate_s"] = round(time.perf_counter() - start, 2)
        figures["gbk_MB"] = round(os.path.getsize(gbk) / 1e6, 1)
        resource_id = _setup(tk, model)["resource"]
        figures["peak_MiB_before_load"] = _peak_mib()
        try:
            steps = timed_load(resource_id, gbk, utf8)
            fields = steps.pop("fields")
            figures["peak_MiB_after_load"] = _peak_mib()
            figures["indexes"] = _indexes(get_write_engine(), resource_id)
            figures["index_builds_s"] = steps.pop("index_builds")
            figures["skipped_ascii_trigram_s"] = _skipped_trigram_s(get_write_engine(), resource_id, fields)
            limit = _copy_limit(get_write_engine(), utf8, fields)
            figures["copy_limit_s"] = round(limit, 2)
            figures["steps"] = {name: f"{seconds:.2f} s = {seconds / limit:.2f}x COPY" for name, seconds in steps.items()}
            figures["rows_per_s"] = round(rows / steps["load_s"])
            figures["load_over_copy"] = round(steps["load_s"] / limit, 2)
            figures["load_average"] = os.getloadavg()[0]
            return figures
        finally:
            tk.get_action("datastore_delete")({"ignore_auth": True}, {"resource_id": resource_id, "force": True})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ini", required=True)
    parser.add_argument("--rows", type=int, default=1000000)
    args = parser.parse_args()
    print(json.dumps(run(args.ini, args.rows), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
