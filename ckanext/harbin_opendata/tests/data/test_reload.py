"""A new version of a loaded file replaces its table in one step (data/swap.py): readers see the
whole old table until the whole new one is in place, never "not found" nor part of it; a load
that fails leaves the old table and its rows as they were; what the table had besides its rows
(the data dictionary an agency wrote, the aliases, the read-only role's grant, the index names
CKAN knows) goes with it to the new one."""
from __future__ import annotations

import io
import threading
from typing import Any, Optional

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.data import swap
from ckanext.harbin_opendata.data.failures import _row

from .conftest import HEADER, run_jobs, search, write_engine

DISTRICTS = ["道里区", "南岗区", "道外区", "香坊区", "松北区"]
ROWS = 5000


def _register(rows: int, bad_at: Optional[int] = None) -> bytes:
    """A year's company register as the agency sends it (title rows, GBK); the row `bad_at` has a
    date PostgreSQL refuses (2025-02-03 25:00), as a typing error late in a long file."""
    lines = ["哈尔滨市企业登记表（2026年第二季度）", "数据截止日期：2026年6月30日", ",".join(HEADER)]
    for n in range(1, rows + 1):
        founded = "2025-02-03 25:00" if n == bad_at else f"{2000 + n % 26}-{1 + n % 12}-{1 + n % 28}"
        lines.append(f"{n},哈尔滨市第{n}号商贸有限公司,{DISTRICTS[n % 5]},{n % 997 + 0.5},{founded},{451 + n % 9:04d}")
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


def _replace_file(people: Any, resource_id: str, data: bytes) -> None:
    tk.get_action("resource_patch")({"user": people.sysadmin}, {
        "id": resource_id, "upload": FileStorage(io.BytesIO(data), "企业登记.csv")})


def _read_until(resource_id: str, stop: threading.Event, seen: list[Any]) -> None:
    """What the data API's read-only connection finds, as fast as it can ask: the table in CKAN's
    list of tables (datastore_search's "not found" otherwise), then its rows."""
    from ckanext.datastore.backend.postgres import get_read_engine

    while not stop.is_set():
        try:
            with get_read_engine().connect() as connection:
                listed = connection.execute(sa.text('SELECT 1 FROM "_table_metadata" WHERE name = :id '
                                                    "AND alias_of IS NULL"), {"id": resource_id}).scalar()
                seen.append(connection.execute(sa.text(f'SELECT count(*) FROM "{resource_id}"')).scalar()
                            if listed else "not listed")
        except sa.exc.DBAPIError as error:
            seen.append(type(error.orig).__name__)


def test_readers_see_the_whole_old_table_or_the_whole_new_one(loaded, people):
    _replace_file(people, loaded, _register(ROWS))
    seen: list[Any] = []
    stop = threading.Event()
    reader = threading.Thread(target=_read_until, args=(loaded, stop, seen))
    reader.start()
    try:
        run_jobs()  # the scan of the new file, then the sync that loads it
    finally:
        stop.set()
        reader.join()
    assert set(seen) == {3, ROWS}, sorted(set(seen), key=str)  # never missing, empty, or half of it
    assert seen[0] == 3 and seen[-1] == ROWS
    assert search("", loaded, limit=0)["total"] == ROWS


@pytest.mark.usefixtures("unmended_refusal")
def test_a_load_that_fails_midway_leaves_the_old_table_as_it_was(loaded, people):
    before = search("", loaded, sort="_id")["records"]
    _replace_file(people, loaded, _register(ROWS, bad_at=ROWS - 10))
    run_jobs()
    failure = _row(loaded)
    assert failure is not None and failure.value.startswith("database:") and "2025-02-03 25:00" in failure.value, failure
    answer = search("", loaded, sort="_id")
    assert answer["total"] == 3 and answer["records"] == before
    assert model.Resource.get(loaded).extras.get("datastore_active")
    with write_engine().connect() as connection:  # nothing of the failed load is left
        assert connection.execute(sa.text("SELECT to_regclass(:t)"), {"t": f'"{swap.staging_name(loaded)}"'}).scalar() is None


def test_the_table_being_built_is_not_readable_by_the_public(loaded):
    """Until its swap, the read-only role (datastore_search_sql's) may not read the table being built."""
    from ckanext.datastore.backend.postgres import get_read_engine

    engine, reader = write_engine(), get_read_engine().url.username
    swap.create_staging(engine, loaded, [{"id": "企业名称", "type": "text"}])
    try:
        with engine.connect() as connection:
            readable = connection.execute(sa.text("SELECT has_table_privilege(:role, to_regclass(:t), 'SELECT')"),
                                          {"role": reader, "t": f'"{swap.staging_name(loaded)}"'}).scalar()
            loaded_readable = connection.execute(sa.text("SELECT has_table_privilege(:role, to_regclass(:t), 'SELECT')"),
                                                 {"role": reader, "t": f'"{loaded}"'}).scalar()
    finally:
        swap.drop_staging(engine, loaded)
    assert loaded_readable and not readable


def _describe(resource_id: str, alias: str) -> None:
    """The agency's data dictionary (CKAN's form sends every field, in order, with its info) and an alias."""
    fields = [{"id": field["id"], "type": field["type"]} for field in
              tk.get_action("datastore_info")({"ignore_auth": True}, {"id": resource_id})["fields"]]
    for field in fields:
        if field["id"] == "企业名称":
            field["info"] = {"label": "企业名称", "notes": "在市场监督管理局登记的企业全称"}
    tk.get_action("datastore_create")({"ignore_auth": True, "user": ""}, {
        "resource_id": resource_id, "force": True, "fields": fields, "aliases": alias})


def test_the_data_dictionary_aliases_and_index_names_survive_a_reload(loaded, people):
    from ckanext.datastore.backend.postgres import _generate_index_name

    alias = f"harbin-register-{loaded[:8]}"  # the DataStore database outlives each test's entries
    _describe(loaded, alias)
    _replace_file(people, loaded, _register(ROWS))
    run_jobs()
    info = {field["id"]: field.get("info") for field in
            tk.get_action("datastore_info")({"ignore_auth": True}, {"id": loaded})["fields"]}
    assert info["企业名称"] == {"label": "企业名称", "notes": "在市场监督管理局登记的企业全称"}, info
    assert search(people.sysadmin, alias, limit=0)["total"] == ROWS  # the alias shows the new rows
    assert search("", loaded, q="第4321号")["total"] == 1
    with write_engine().connect() as connection:
        names = connection.execute(sa.text("SELECT indexname FROM pg_indexes WHERE tablename = :t"),
                                   {"t": loaded}).scalars().all()
        sequence = connection.execute(sa.text("SELECT pg_get_serial_sequence(:t, '_id')"), {"t": f'"{loaded}"'}).scalar()
    assert _generate_index_name(loaded, '"_full_text"') in names, names
    assert not [name for name in names + [sequence] if "loading" in name], names


def test_a_view_an_operator_made_of_an_alias_survives_a_reload(loaded, people):
    """The statistics office reads 道里区's companies through a view of the register's alias: the
    swap drops and makes again both, the view of the view after the alias (PostgreSQL refused to
    drop the alias under it: the load failed and the old table stayed)."""
    alias = f"harbin-register-{loaded[:8]}"
    report = f"harbin-daoli-{loaded[:8]}"
    _describe(loaded, alias)
    with write_engine().begin() as connection:
        connection.exec_driver_sql(f'CREATE VIEW "{report}" AS SELECT * FROM "{alias}" WHERE "所属区县" = \'道里区\'')
    _replace_file(people, loaded, _register(ROWS))
    run_jobs()
    assert _row(loaded) is None  # no failure recorded
    with write_engine().connect() as connection:
        assert connection.execute(sa.text(f'SELECT count(*) FROM "{report}"')).scalar() == ROWS // 5
    assert search(people.sysadmin, alias, limit=0)["total"] == ROWS


def test_a_swap_waits_for_a_query_of_the_old_table_a_little_at_a_time(loaded, monkeypatch):
    """A query reading the old table (a long download) holds its lock: the swap waits LOCK_WAIT at
    a time (queries arriving meanwhile wait behind it no longer), then tries again; the query
    reads the whole old table, and the new one is in place once it is done."""
    from ckanext.datastore.backend.postgres import get_read_engine

    monkeypatch.setattr(swap, "LOCK_WAIT", "100ms")
    monkeypatch.setattr(swap, "LOCK_PAUSE", 0.05)
    tries: list[int] = []
    real_swap = swap._swap
    monkeypatch.setattr(swap, "_swap", lambda *args: tries.append(1) or real_swap(*args))
    engine, reading, read = write_engine(), threading.Event(), []

    def long_read() -> None:
        with get_read_engine().connect() as connection, connection.begin():
            read.append(connection.execute(sa.text(f'SELECT count(*) FROM "{loaded}"')).scalar())
            reading.set()
            threading.Event().wait(0.6)  # the transaction keeps its lock on the table meanwhile

    grants = swap.create_staging(engine, loaded, [{"id": "企业名称", "type": "text"}])
    reader = threading.Thread(target=long_read)
    reader.start()
    try:
        reading.wait(10)
        swap.swap(engine, loaded, grants, {})
    finally:
        reader.join()
        swap.drop_staging(engine, loaded)
    assert read == [3] and len(tries) > 1, (read, tries)
    assert search("", loaded, limit=0)["total"] == 0  # the (empty) new table, readable by the public


def test_a_table_dropped_while_it_loads_stays_dropped(loaded, people, app, monkeypatch):
    """The resource is hidden while its table loads again: the drop waits for the load, which
    would otherwise swap its table in after the drop and mark the resource active again."""
    from ckanext.harbin_opendata.data import indexes, load
    from ckanext.harbin_opendata.data.plan import plan_for

    scan = plan_for(people.entry["id"]).load[loaded]
    building, go_on = threading.Event(), threading.Event()
    real_build = indexes.build_indexes
    monkeypatch.setattr(indexes, "build_indexes", lambda *args: (building.set(), go_on.wait(10), real_build(*args))[2])

    def in_app(work: Any) -> threading.Thread:
        def run() -> None:
            with app.flask_app.test_request_context():
                try:
                    work()
                finally:
                    model.Session.remove()
        thread = threading.Thread(target=run)
        thread.start()
        return thread

    loading = in_app(lambda: load.load_table(model.Resource.get(loaded), scan, lambda: True))
    assert building.wait(10)
    dropping = in_app(lambda: load.drop_table(loaded))
    threading.Event().wait(0.3)  # the drop asked while the load builds its indexes
    go_on.set()
    loading.join()
    dropping.join()
    model.Session.expire_all()
    with write_engine().connect() as connection:
        assert connection.execute(sa.text("SELECT to_regclass(:t)"), {"t": f'"{loaded}"'}).scalar() is None
    assert not model.Resource.get(loaded).extras.get("datastore_active")


def test_a_load_planned_before_a_drop_does_not_bring_the_table_back(loaded, people):
    """A sync planned to load the file; before its load could start, the file was deleted and the
    next sync dropped its table: the first sync's load, starting now, finds it no longer planned."""
    from ckanext.harbin_opendata.data import jobs
    from ckanext.harbin_opendata.data.plan import plan_for

    scan = plan_for(people.entry["id"]).load[loaded]
    tk.get_action("resource_delete")({"user": people.sysadmin}, {"id": loaded})
    run_jobs()
    assert jobs.load_planned(people.entry["id"], loaded, scan) is None
    model.Session.expire_all()
    with write_engine().connect() as connection:
        assert connection.execute(sa.text("SELECT to_regclass(:t)"), {"t": f'"{loaded}"'}).scalar() is None
    assert not model.Resource.get(loaded).extras.get("datastore_active")
