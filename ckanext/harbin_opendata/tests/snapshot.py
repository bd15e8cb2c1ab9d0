"""A state built once and put back exactly before each test that needs it: every table of the
database, the search index, the Redis db and the storage directory. Building the security sweeps'
world takes 10-45 s; putting it back takes 1-2 s.

- Tables: copied into temporary tables of a connection of its own (PostgreSQL drops them when it
  closes, also when the run is killed: nothing is left for the next run's reset); put back in one
  transaction (TRUNCATE, then INSERT in foreign-key order with the tables' own triggers off, so that
  nothing is derived twice), sequences set to their values.
- Search index: the documents CKAN sent to Solr while the state was built (recorded as they were
  sent: the index keeps some fields unstored, e.g. the permission labels), those still in the index
  at the end; put back after emptying it (only Solr's own indexed_ts differs: the time of adding).
- Redis: every key DUMPed with its time to live; put back after emptying the db.
- Storage: the directory's files copied aside; the directory emptied and filled with them again.
The DataStore is not kept: a state that created DataStore tables is refused.
"""
from __future__ import annotations

import contextlib
import graphlib
import shutil
from pathlib import Path
from typing import Any, Iterator

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

import ckan.lib.search as search
import ckan.lib.search.index as search_index
import ckan.model as model
from ckan.lib.redis import connect_to_redis

__all__ = ["Snapshot", "recording_index", "datastore_tables"]


@contextlib.contextmanager
def recording_index(monkeypatch: Any) -> Iterator[dict[str, dict[str, Any]]]:
    """Every document CKAN sends to Solr meanwhile, the last one per index_id."""
    sent: dict[str, dict[str, Any]] = {}
    connect = search_index.make_connection

    class _Recording:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self._solr = connect(*args, **kwargs)

        def add(self, docs: list[dict[str, Any]], **kwargs: Any) -> Any:
            sent.update((doc["index_id"], doc) for doc in docs)
            return self._solr.add(docs=docs, **kwargs)

        def __getattr__(self, name: str) -> Any:
            return getattr(self._solr, name)

    with monkeypatch.context() as patch:
        patch.setattr(search_index, "make_connection", _Recording)
        yield sent


def _indexed_ids() -> set[str]:
    solr = search_index.make_connection()
    return {doc["index_id"] for doc in solr.search("*:*", fl="index_id", rows=100_000)}


def _tables(connection: Any) -> list[str]:
    """The public schema's tables, each after the tables it refers to."""
    names = connection.execute(sa.text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars()
    order = graphlib.TopologicalSorter({name: set() for name in names})
    for table, referred in connection.execute(sa.text(
            "SELECT c.relname, r.relname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
            "JOIN pg_class r ON r.oid = k.confrelid WHERE k.contype = 'f' "
            "AND k.connamespace = 'public'::regnamespace AND k.conrelid <> k.confrelid")):
        order.add(table, referred)
    return list(order.static_order())


def _columns(connection: Any, table: str) -> str:
    """The columns one may insert (not the generated ones), quoted."""
    names = connection.execute(sa.text(
        "SELECT attname FROM pg_attribute WHERE attrelid = ('public.' || quote_ident(:t))::regclass "
        "AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum"), {"t": table}).scalars()
    return ", ".join(f'"{name}"' for name in names)


def datastore_tables() -> int:
    """How many tables the DataStore has."""
    from ckanext.datastore.backend.postgres import get_write_engine

    with get_write_engine().connect() as connection:
        return connection.execute(sa.text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar()


class Snapshot:
    """The state as it is when made, put back with `restore`; `drop` removes the copied tables."""

    def __init__(self, storage: Path, keep_in: Path, sent: dict[str, dict[str, Any]], datastore_count: int) -> None:
        """`storage`: the storage directory now, its files copied into `keep_in`; `sent`: what
        recording_index recorded while the state was built; `datastore_count`: datastore_tables()
        before it was built."""
        if datastore_tables() != datastore_count:
            raise AssertionError("the state created DataStore tables: a snapshot would not put them back")
        indexed = _indexed_ids()
        missing = indexed - set(sent)
        assert not missing, f"documents in the index that were not sent while recording: {missing}"
        self.documents = [doc for index_id, doc in sent.items() if index_id in indexed]
        redis = connect_to_redis()
        self.keys = [(key, redis.pttl(key), redis.dump(key)) for key in redis.keys("*")]
        self.storage = keep_in
        shutil.copytree(storage, keep_in, dirs_exist_ok=True)
        model.Session.remove()
        # not pooled: closing it ends its database session, and the temporary tables with it
        self._connection = sa.create_engine(model.meta.engine.url, poolclass=NullPool).connect()
        connection = self._connection
        with connection.begin():
            self.tables = _tables(connection)
            for table in self.tables:
                connection.execute(sa.text(f'CREATE TEMPORARY TABLE "{table}" AS TABLE public."{table}"'))
            self.columns = {table: _columns(connection, table) for table in self.tables}
            self.triggered = connection.execute(sa.text(
                "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace")).scalars().all()
            self.sequences = connection.execute(sa.text(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")).all()

    def restore(self, storage: Path) -> None:
        """Put the state back; `storage` gets the storage directory's files, and only those."""
        self._restore_tables()
        search.clear_all()
        if self.documents:
            search_index.make_connection().add(docs=self.documents, commit=True)
        redis = connect_to_redis()
        redis.flushdb()
        for key, ttl, value in self.keys:
            redis.restore(key, max(ttl, 0), value)
        shutil.rmtree(storage)
        shutil.copytree(self.storage, storage)

    def _restore_tables(self) -> None:
        model.Session.remove()
        quoted = ", ".join(f'public."{table}"' for table in self.tables)
        connection = self._connection
        with connection.begin():
            connection.execute(sa.text("SET LOCAL lock_timeout = '20s'"))
            for table in self.triggered:
                connection.execute(sa.text(f'ALTER TABLE public."{table}" DISABLE TRIGGER USER'))
            connection.execute(sa.text(f"TRUNCATE {quoted}"))
            for table in self.tables:
                columns = self.columns[table]
                connection.execute(sa.text(f'INSERT INTO public."{table}" ({columns}) OVERRIDING SYSTEM VALUE '
                                           f'SELECT {columns} FROM pg_temp."{table}"'))
            for table in self.triggered:
                connection.execute(sa.text(f'ALTER TABLE public."{table}" ENABLE TRIGGER USER'))
            for name, value in self.sequences:
                connection.execute(sa.text("SELECT setval(:name, coalesce(:value, 1), :called)"),
                                   {"name": f'public."{name}"', "value": value, "called": value is not None})

    def drop(self) -> None:
        self._connection.close()
