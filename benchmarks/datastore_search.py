"""Benchmark of harbin_data on a 1,000,000-row table: the load of a generated GBK CSV (title rows
above the header, Chinese names and addresses, codes, numbers, dates) through the loader, side by
side with the machine's limit (PostgreSQL COPY of the same rows already converted to UTF-8, in the
same run), the cost of the trigram indexes of Chinese search (data/trigram.py) and of each step of the load, and datastore_search
timings (median and p95) of Chinese substring queries (data/substring.py) with the trigram indexes
and, in the same run, without them. Not a test:

    flock /work/wt/cpu.lock .venv/bin/python benchmarks/datastore_search.py --ini test-local.ini [--rows 1000000]

It makes an entry (benchmarks/access_key.py's set-up, names starting with `bench-`) and a DataStore
table in the configured databases: use a test database, never a production one; the tables are
dropped at the end. With `--keep` the loaded table stays (its resource id is printed) and the
searches run with the trigram indexes only; `--reuse <resource id>` times the searches on that
table again without generating or loading anything (the 1,000,000-row load takes minutes)."""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import sys
import tempfile
import time
from typing import Any, Callable

sys.path.insert(0, os.path.dirname(__file__))
from access_key import _setup  # noqa: E402 - the same bench entry

HEADER = ["序号", "企业名称", "统一社会信用代码", "所属区县", "行业", "注册地址", "注册资本（万元）", "成立日期"]
_DISTRICTS = ["道里区", "南岗区", "道外区", "平房区", "松北区", "香坊区", "呼兰区", "阿城区", "双城区", "依兰县",
              "方正县", "宾县", "巴彦县", "木兰县", "通河县", "延寿县", "尚志市", "五常市"]
_TRADES = ["科技", "商贸", "建筑工程", "餐饮管理", "物流", "农业发展", "医药", "文化传媒", "房地产开发", "机械制造"]
_STREETS = ["中央大街", "红旗大街", "学府路", "长江路", "友谊路", "中山路", "哈平路", "和兴路", "西大直街", "东大直街",
            "经纬街", "安静街"]
_NAME_CHARACTERS = "冰龙江松花北国雪原天鹅金谷恒泰华盛鑫源宏达鼎丰瑞祥嘉禾永安兴隆博远信诚通达汇聚东方明珠百川万象新星志远长青和顺海林润德佳美春晖"
_PREFIXES = ["哈尔滨", "黑龙江", "哈尔滨市", "龙江"]
# (label, q): 4+ characters found in about 1 row in 12 and in about 30; 2 characters (no trigram)
# found in about 1 row in 18 and in about 300; two terms
QUERIES = [("4 chars, 8% of rows", "中央大街"), ("4 chars, ~30 rows", "珠祥商贸"), ("3 chars, 5.6% of rows", "道里区"),
           ("2 chars, 5.6% of rows", "道里"), ("2 chars, ~300 rows", "珠祥"), ("2 terms", "道里 中央大街")]
# (label, datastore_search parameters) of the other requests the goal names: a filter (an equality
# on a column; CKAN indexes no column but `_id`), pages deep in the table and in a search's results
REQUESTS = [("filter 所属区县 = 道里区 (5.6% of rows)", {"filters": {"所属区县": "道里区"}}),
            ("filter _id (the index) after 900,000", {"filters": {"_id_after": 900000}, "sort": "_id"}),
            ("deep page: offset 900,000", {"offset": 900000, "sort": "_id"}),
            ("deep in a search: 中央大街 offset 10,000", {"q": "中央大街", "offset": 10000}),
            ("deep in a search: 中央大街 after _id 900,000", {"q": "中央大街", "filters": {"_id_after": 900000}})]


def write_csv(path: str, rows: int, seed: int = 21) -> None:
    """The rows in GBK, with a title and a date line above the header, as agencies publish them."""
    chance = random.Random(seed)
    with open(path, "w", encoding="gbk", newline="") as out:
        out.write("哈尔滨市市场主体登记信息表\r\n数据截止日期：2025年12月31日\r\n")
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for n in range(1, rows + 1):
            district, trade = chance.choice(_DISTRICTS), _TRADES[n % 10]
            name = chance.choice(_PREFIXES) + chance.choice(_NAME_CHARACTERS) + chance.choice(_NAME_CHARACTERS) + trade + "有限公司"
            address = f"哈尔滨市{district}{chance.choice(_STREETS)}{chance.randint(1, 999)}号"
            writer.writerow([n, name, f"9123010{n:011d}", district, trade, address, f"{chance.randint(1, 50000) / 10:.1f}",
                             f"{chance.randint(1990, 2025)}-{chance.randint(1, 12):02d}-{chance.randint(1, 28):02d}"])


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _copy_limit(engine: Any, utf8_path: str, fields: list[dict[str, str]]) -> float:
    """COPY of the UTF-8 rows into a plain table of the same column types (the machine's limit)."""
    from ckanext.datastore.backend.postgres import identifier

    columns = ", ".join(f"{identifier(field['id'])} {field['type']}" for field in fields)
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(f"CREATE TABLE bench_copy_limit ({columns})")
        start = time.perf_counter()
        with open(utf8_path, "rb") as rows:
            cursor.copy_expert("COPY bench_copy_limit FROM STDIN WITH (FORMAT csv, HEADER true)", rows)
        connection.commit()
        seconds = time.perf_counter() - start
        cursor.execute("DROP TABLE bench_copy_limit")
        connection.commit()
        return seconds
    finally:
        connection.close()


def _load(tk: Any, resource_id: str, gbk_path: str, utf8_path: str) -> dict[str, Any]:
    """The loader's own steps timed (benchmarks/datastore_load.py, which prints them)."""
    from datastore_load import timed_load

    return timed_load(resource_id, gbk_path, utf8_path)


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"median_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))], 1)}


def _searches(tk: Any, user: str, resource_id: str, repeat: int) -> dict[str, Any]:
    search = tk.get_action("datastore_search")
    figures = {}
    requests = [(f"{label} ({q})", {"q": q}) for label, q in QUERIES] + REQUESTS
    for label, params in requests:
        for total in (True, False):
            samples, found, estimated = [], None, None
            for _ in range(repeat):
                seconds, answer = _timed(lambda: search({"user": user}, {
                    "resource_id": resource_id, **params, "limit": 100, "include_total": total}))
                samples.append(seconds * 1000)
                found, estimated = answer.get("total", found), answer.get("total_was_estimated", estimated)
            figures[f"{label}{' + total' if total else ', rows only'}"] = {
                **_percentiles(samples), "total": found, **({"estimated": True} if estimated else {})}
    return figures


def _table_state(engine: Any, resource_id: str) -> dict[str, Any]:
    """What the planner knows of the table and what autovacuum did to it (dead rows slow the scans)."""
    from sqlalchemy import text

    with engine.connect() as connection:
        row = connection.execute(text(
            "SELECT c.reltuples::bigint, pg_relation_size(c.oid) / 1048576, s.n_live_tup, s.n_dead_tup, "
            "s.last_analyze IS NOT NULL, s.last_autoanalyze IS NOT NULL, s.last_autovacuum IS NOT NULL "
            "FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname = :table"),
            {"table": resource_id}).one()
    return dict(zip(["reltuples", "table_MB", "live_rows", "dead_rows", "analyzed", "autoanalyzed", "autovacuumed"],
                    row))


def _drop_trigram_indexes(engine: Any, resource_id: str) -> None:
    from sqlalchemy import text

    with engine.begin() as connection:
        names = connection.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = :table "
                                        "AND indexdef LIKE '%gin_trgm_ops%'"), {"table": resource_id}).scalars().all()
        for name in names:
            connection.execute(text(f'DROP INDEX "{name}"'))


def _search_only(tk: Any, resource_id: str, repeat: int) -> dict[str, Any]:
    """The searches on a table kept by an earlier run (--reuse)."""
    from ckanext.datastore.backend.postgres import get_write_engine

    user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    figures: dict[str, Any] = {"resource_id": resource_id, "table": _table_state(get_write_engine(), resource_id)}
    figures["search_with_trigram"] = _searches(tk, user, resource_id, repeat)
    figures["table_after"] = _table_state(get_write_engine(), resource_id)
    figures["load_average"] = os.getloadavg()[0]
    return figures


def run(ini: str, rows: int, repeat: int, keep: bool = False, reuse: str = "") -> dict[str, Any]:
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    app = make_app(load_config(ini))
    with app._wsgi_app.test_request_context(), tempfile.TemporaryDirectory() as folder:
        import ckan.model as model
        import ckan.plugins.toolkit as tk
        from ckanext.datastore.backend.postgres import get_write_engine

        if reuse:
            return _search_only(tk, reuse, repeat)
        gbk, utf8 = os.path.join(folder, "登记.csv"), os.path.join(folder, "utf8.csv")
        figures: dict[str, Any] = {"rows": rows}
        figures["generate_s"], _ = _timed(lambda: write_csv(gbk, rows))
        figures["gbk_MB"] = round(os.path.getsize(gbk) / 1e6, 1)
        user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
        resource_id = _setup(tk, model)["resource"]
        try:
            load_figures = _load(tk, resource_id, gbk, utf8)
            fields = load_figures.pop("fields")
            figures["index_builds_s"] = load_figures.pop("index_builds", {})
            figures["load"] = {key: round(value, 2) for key, value in load_figures.items()}
            figures["load"]["rows_per_s"] = round(rows / load_figures["load_s"])
            limit = _copy_limit(get_write_engine(), utf8, fields)
            figures["copy_limit_s"] = round(limit, 2)
            figures["load_over_copy"] = round(load_figures["load_s"] / limit, 2)
            figures["table"] = _table_state(get_write_engine(), resource_id)
            figures["search_with_trigram"] = _searches(tk, user, resource_id, repeat)
            if keep:
                figures["kept_resource_id"] = resource_id
            else:
                _drop_trigram_indexes(get_write_engine(), resource_id)
                figures["search_without_trigram"] = _searches(tk, user, resource_id, max(3, repeat // 4))
            figures["load_average"] = os.getloadavg()[0]
            return figures
        finally:
            if not keep:
                tk.get_action("datastore_delete")({"ignore_auth": True}, {"resource_id": resource_id, "force": True})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ini", required=True)
    parser.add_argument("--rows", type=int, default=1000000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="leave the loaded table (its id is printed)")
    parser.add_argument("--reuse", default="", help="time the searches on a table an earlier --keep left")
    args = parser.parse_args()
    print(json.dumps(run(args.ini, args.rows, args.repeat, args.keep, args.reuse), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
