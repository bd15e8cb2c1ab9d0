"""Benchmark of harbin_assessment: the snapshot of a large synthetic catalog, timed, with the SQL
statements counted. Run on demand, not a test:

    .venv/bin/python benchmarks/assessment.py -c build/test-h2.ini [--agencies 100] [--entries 5000]

It bulk-inserts (in SQL: the API would take hours) agencies, published catalog entries with the
Harbin schema fields, resources, tags, link-check results, page views and downloads, feedback
requests and catalog adjustments, all with ids starting with `bench-`, into the configured
database; computes the snapshot; reads the dashboard, a scorecard and the problems list; then
deletes every row it made (the snapshot too). Use a test database, never a production one.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import sys
import time
from typing import Any, Callable

import sqlalchemy as sa

SETUP_SQL = [
    # Agencies.
    """INSERT INTO "group" (id, name, title, type, is_organization, state, approval_status, created)
       SELECT 'bench-org-' || a, 'bench-org-' || a, '基准测试机构' || a, 'organization', true, 'active', 'approved', now()
       FROM generate_series(1, :agencies) a""",
    # Published entries, spread evenly over the agencies; every 7th without a licence.
    """INSERT INTO package (id, name, title, notes, license_id, type, owner_org, state, private,
                           metadata_created, metadata_modified)
       SELECT 'bench-pkg-' || i, 'bench-pkg-' || i, '基准测试数据' || i, '基准测试用目录的数据摘要。',
              CASE WHEN i % 7 = 0 THEN NULL ELSE 'cc-by' END, 'dataset', 'bench-org-' || (i % :agencies + 1),
              'active', false, now(), now()
       FROM generate_series(1, :entries) i""",
    # Harbin schema fields as scheming stores them; frequencies, dates and gaps vary with the number.
    """INSERT INTO package_extra (id, package_id, key, value, state)
       SELECT 'bench-x-' || i || '-' || k.key, 'bench-pkg-' || i, k.key,
              CASE k.key
                WHEN 'update_frequency' THEN (ARRAY['daily','weekly','monthly','quarterly','annual','irregular'])[i % 6 + 1]
                WHEN 'last_updated' THEN to_char(current_date - (i % 400), 'YYYY-MM-DD')
                WHEN 'open_type' THEN CASE WHEN i % 4 = 0 THEN 'conditional' ELSE 'unconditional' END
                WHEN 'data_items' THEN CASE WHEN i % 5 = 0
                  THEN '[{"name": "a", "type": "string"}, {"name": "b", "type": "date", "description": "日期"}]'
                  ELSE '[{"name": "a", "type": "string", "description": "名称"}]' END
                WHEN 'data_formats' THEN '["CSV"]'
                WHEN 'resource_code' THEN '301001/' || lpad(i::text, 6, '0')
                WHEN 'contact_email' THEN CASE WHEN i % 3 = 0 THEN '' ELSE 'data@harbin.gov.cn' END
                ELSE 'x' END,
              'active'
       FROM generate_series(1, :entries) i
       CROSS JOIN (VALUES ('resource_code'), ('data_domain'), ('data_items'), ('data_formats'), ('update_frequency'),
                          ('last_updated'), ('open_type'), ('publish_date'), ('spatial_coverage'), ('contact_name'),
                          ('contact_phone'), ('contact_email'), ('desensitization_status')) AS k(key)""",
    """INSERT INTO tag (id, name) VALUES ('bench-tag', 'bench-tag')""",
    """INSERT INTO package_tag (id, package_id, tag_id, state)
       SELECT 'bench-pt-' || i, 'bench-pkg-' || i, 'bench-tag', 'active' FROM generate_series(1, :entries) i WHERE i % 2 = 0""",
    # Two files for most entries (CSV + PDF or JSON), none for every 10th.
    """INSERT INTO resource (id, package_id, url, format, name, state, position, created)
       SELECT 'bench-res-' || i || '-' || r, 'bench-pkg-' || i, 'http://files.example/bench/' || i || '/' || r,
              CASE WHEN r = 1 THEN 'CSV' WHEN i % 3 = 0 THEN 'PDF' ELSE 'JSON' END, '文件' || r, 'active', r - 1, now()
       FROM generate_series(1, :entries) i CROSS JOIN generate_series(1, 2) r WHERE i % 10 <> 0""",
    # Link-check results: one address in 20 unreachable.
    """INSERT INTO harbin_assessment_link_check (resource_id, package_id, url, checked_at, ok, status)
       SELECT r.id, r.package_id, r.url, now(), (hashtext(r.id) % 20) <> 0, 200
       FROM resource r WHERE r.id LIKE 'bench-res-%'""",
    # Days of page views for every entry, and downloads of the first file.
    """INSERT INTO tracking_summary (url, package_id, tracking_type, count, running_total, recent_views, tracking_date)
       SELECT '/dataset/bench-pkg-' || i, 'bench-pkg-' || i, 'page', 1 + i % 9, 0, 0, current_date - d
       FROM generate_series(1, :entries) i CROSS JOIN generate_series(0, :days - 1) d""",
    """INSERT INTO tracking_summary (url, package_id, tracking_type, count, running_total, recent_views, tracking_date)
       SELECT 'http://files.example/bench/' || i || '/1', NULL, 'resource', 1 + i % 4, 0, 0, current_date - 3
       FROM generate_series(1, :entries) i WHERE i % 10 <> 0""",
    # Ten requests per agency (some overdue, some answered) and two catalog adjustments.
    """INSERT INTO harbin_feedback_request (id, kind, state, title, description, organization_id, created_at, due_date,
                                          closed_at)
       SELECT 'bench-fb-' || a || '-' || n, 'correction', CASE WHEN n % 3 = 0 THEN 'submitted' ELSE 'resolved' END,
              '基准', '基准', 'bench-org-' || a, now() - (n * 5 || ' days')::interval, current_date - n * 5 + 7,
              CASE WHEN n % 3 = 0 THEN NULL ELSE now() - (n * 5 - n % 9 || ' days')::interval END
       FROM generate_series(1, :agencies) a CROSS JOIN generate_series(1, 10) n""",
    """INSERT INTO harbin_review_adjustment (id, organization_id, trigger_kind, description, trigger_date, due_date,
                                           package_ids, created_by, completed_at)
       SELECT 'bench-adj-' || a || '-' || n, 'bench-org-' || a, 'law', '基准', current_date - 30 * n,
              current_date - 30 * n + 15, '[]', 'bench', CASE WHEN (a + n) % 3 = 0 THEN NULL ELSE now() END
       FROM generate_series(1, :agencies) a CROSS JOIN generate_series(1, 2) n""",
]

CLEANUP_SQL = [
    "DELETE FROM harbin_review_adjustment WHERE id LIKE 'bench-%'",
    "DELETE FROM harbin_feedback_request WHERE id LIKE 'bench-%'",
    "DELETE FROM tracking_summary WHERE url LIKE '/dataset/bench-pkg-%' OR url LIKE 'http://files.example/bench/%'",
    "DELETE FROM harbin_assessment_link_check WHERE resource_id LIKE 'bench-%'",
    "DELETE FROM resource WHERE id LIKE 'bench-%'",
    "DELETE FROM package_tag WHERE id LIKE 'bench-%'",
    "DELETE FROM tag WHERE id = 'bench-tag'",
    "DELETE FROM package_extra WHERE id LIKE 'bench-%'",
    "DELETE FROM package WHERE id LIKE 'bench-%'",
    "DELETE FROM \"group\" WHERE id LIKE 'bench-%'",
]


_TOUCHED = ['"group"', "package", "package_extra", "tag", "package_tag", "resource", "harbin_assessment_link_check",
            "tracking_summary", "harbin_feedback_request", "harbin_review_adjustment", "harbin_assessment_dataset",
            "harbin_assessment_agency"]


def _vacuum(engine: Any) -> None:
    """Fresh planner statistics and no dead rows, as autovacuum leaves a live database."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for table in _TOUCHED:
            connection.execute(sa.text(f"VACUUM ANALYZE {table}"))


class Counter:
    """SQL statements sent to PostgreSQL (an executemany counts once)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *args: Any) -> None:
        self.count += 1


FIGURES: dict[str, dict] = {}


def _measure(label: str, counter: Counter, fn: Callable[[], Any]) -> Any:
    before, started = counter.count, time.perf_counter()
    result = fn()
    seconds, statements = time.perf_counter() - started, counter.count - before
    print(f"{label:<44} {seconds:8.2f} s {statements:6d} SQL statements")
    FIGURES[label] = {"seconds": seconds, "statements": statements}
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True, help="CKAN ini file of a TEST database")
    parser.add_argument("--agencies", type=int, default=100)
    parser.add_argument("--entries", type=int, default=5000, help="catalog entries in all (spread over the agencies)")
    parser.add_argument("--days", type=int, default=30, help="days of page views per entry")
    parser.add_argument("--keep", action="store_true", help="leave the synthetic rows and the snapshot in place")
    parser.add_argument("--json", help="also write the figures to this file (for benchmarks/run.py)")
    args = parser.parse_args()

    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    app = make_app(load_config(os.path.abspath(args.config)))
    import ckan.model as model
    import ckan.plugins.toolkit as tk

    from ckanext.harbin_opendata.assessment import compute, service
    from ckanext.harbin_opendata.assessment.model import Run

    params = {"agencies": args.agencies, "entries": args.entries, "days": args.days}
    with app._wsgi_app.test_request_context():
        session = model.Session
        if session.execute(sa.text("SELECT count(*) FROM package WHERE id LIKE 'bench-%'")).scalar():
            print("Rows of an earlier run are still there: removing them first.")
            for statement in CLEANUP_SQL:
                session.execute(sa.text(statement))
            session.commit()
            _vacuum(model.meta.engine)
        counter = Counter()
        sa.event.listen(model.meta.engine, "before_cursor_execute", counter)
        started = time.perf_counter()
        for statement in SETUP_SQL:
            session.execute(sa.text(statement), params)
        session.commit()
        _vacuum(model.meta.engine)
        print(f"Set-up (bulk SQL and VACUUM ANALYZE, not measured below): {args.agencies} agencies, {args.entries} published entries "
              f"with 13 Harbin schema fields each, {session.execute(sa.text('SELECT count(*) FROM resource WHERE id LIKE :p'), {'p': 'bench-%'}).scalar()} "
              f"resources with link-check results, {args.days} days of page views per entry, downloads, "
              f"{args.agencies * 10} feedback requests, {args.agencies * 2} catalog adjustments "
              f"({time.perf_counter() - started:.1f} s).")
        total = session.execute(sa.text("SELECT count(*) FROM package WHERE state = 'active' AND type = 'dataset'")).scalar()
        print(f"Entries in the database (with any others already there): {total}")
        assessment = service.current_model()
        day = dt.date.today()
        run = _measure("compute snapshot (+ commit)", counter,
                       lambda: (compute.compute_snapshot(assessment, day), session.commit())[0])
        print(f"  snapshot {run.snapshot_date}: {run.agencies} agencies, {run.entries} entries, mean score {run.score:.2f}")
        context = {"user": ""}
        _measure("dashboard (harbin_assessment_show)", counter,
                 lambda: tk.get_action("harbin_assessment_show")(dict(context), {}))
        _measure("scorecard (harbin_assessment_agency_show)", counter,
                 lambda: tk.get_action("harbin_assessment_agency_show")(dict(context), {"organization": "bench-org-1"}))
        problems = _measure("problems of every agency (50 entries each)", counter, lambda: service.problems(run))
        print(f"  {len(problems)} agencies with problems")
        sa.event.remove(model.meta.engine, "before_cursor_execute", counter)
        if not args.keep:
            session.execute(sa.delete(Run).where(Run.id == run.id))
            for statement in CLEANUP_SQL:
                session.execute(sa.text(statement))
            session.commit()
            _vacuum(model.meta.engine)
            print("Synthetic rows and the snapshot removed.")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (process RSS) {peak:.0f} MB")
    if args.json:
        open(args.json, "w").write(json.dumps({"agencies": args.agencies, "entries": args.entries,
                                               "operations": FIGURES, "peak_mb": peak}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
