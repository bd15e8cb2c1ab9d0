"""`ckan harbin backup` / `ckan harbin restore`: the configured databases (CKAN's and the
DataStore's) with pg_dump's custom format, the storage folder (uploaded files, reuse-case images;
not the webassets, built again) as a tar archive, and a manifest with checksums and counts.
Restoring checks the checksums, restores the databases (pg_restore --clean), makes the storage
folder what it was (files added since are removed), builds the webassets (deploy.build_webassets)
and rebuilds the search index from the database. Stop the web nodes and workers before restoring."""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import pathlib
import subprocess
import tarfile
import tempfile
from typing import Any, Callable, Iterator, Optional

import sqlalchemy as sa

import ckan
import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import search

from .deploy import build_webassets

__all__ = ["backup", "restore", "counts", "BackupError"]

MANIFEST = "manifest.json"
_SKIPPED_FOLDERS = {"webassets"}
_COUNTED = {"entries": "package", "resources": "resource", "audit_rows": "harbin_review_audit_log"}


class BackupError(Exception):
    """A backup that cannot be made or restored, with the reason."""


def _databases() -> dict[str, str]:
    urls = {"database": tk.config["sqlalchemy.url"]}
    datastore = tk.config.get("ckan.datastore.write_url")
    if datastore and sa.engine.make_url(datastore).database != sa.engine.make_url(urls["database"]).database:
        urls["datastore"] = datastore
    return urls


def _pg(tool: str, url: str, *arguments: str) -> None:
    parsed = sa.engine.make_url(url)
    env = {**os.environ, "PGPASSWORD": str(parsed.password or ""), "PGCONNECT_TIMEOUT": "10"}
    command = [tool, "-h", parsed.host or "localhost", "-p", str(parsed.port or 5432), "-U", parsed.username or "",
               "-d", parsed.database or "", *arguments]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"{tool} failed for {parsed.database}: {done.stderr.strip()[-2000:]}")


def _sha256(path: pathlib.Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def counts() -> dict[str, int]:
    """Rows that a restore must bring back (entries, resources, audit rows)."""
    found = {}
    for name, table in _COUNTED.items():
        if model.Session.execute(sa.text("SELECT to_regclass(:t)"), {"t": table}).scalar():
            found[name] = model.Session.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar()
    model.Session.rollback()
    return found


def _storage_files(root: pathlib.Path) -> list[pathlib.Path]:
    return sorted(path for path in root.rglob("*") if path.is_file()
                  and path.relative_to(root).parts[0] not in _SKIPPED_FOLDERS)


def backup(output_dir: str, report: Callable[[str], None] = print) -> pathlib.Path:
    """Write a backup folder into `output_dir`; returns its path."""
    target = pathlib.Path(output_dir).resolve() / f"harbin-backup-{dt.datetime.now():%Y%m%dT%H%M%S}"
    target.mkdir(parents=True)
    files: dict[str, str] = {}
    for name, url in _databases().items():
        report(f"pg_dump {sa.engine.make_url(url).database} → {name}.dump")
        _pg("pg_dump", url, "--format=custom", "--no-owner", f"--file={target / (name + '.dump')}")
        files[f"{name}.dump"] = _sha256(target / f"{name}.dump")
    storage = pathlib.Path(tk.config["ckan.storage_path"] or "")
    stored = _storage_files(storage) if tk.config["ckan.storage_path"] and storage.is_dir() else []
    report(f"{storage} ({len(stored)} files) → storage.tar.gz")
    with tarfile.open(target / "storage.tar.gz", "w:gz") as archive:
        for path in stored:
            archive.add(path, arcname=str(path.relative_to(storage)), recursive=False)
    files["storage.tar.gz"] = _sha256(target / "storage.tar.gz")
    manifest = {"created": dt.datetime.now().isoformat(timespec="seconds"), "ckan": ckan.__version__,
                "site_id": tk.config["ckan.site_id"], "files": files, "storage_files": len(stored), "counts": counts()}
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return target


def _checked_manifest(source: pathlib.Path) -> dict[str, Any]:
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} is not a backup folder: {error}") from error
    for name, digest in manifest["files"].items():
        if not (source / name).is_file() or _sha256(source / name) != digest:
            raise BackupError(f"{source / name} is missing or damaged (checksum differs)")
    return manifest


def _restore_storage(archive_path: pathlib.Path, storage: pathlib.Path) -> int:
    storage.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive_path, "r:gz") as archive:
        members = archive.getmembers()
        archive.extractall(storage, filter="data")  # no absolute paths, links out or devices
    kept = {storage / member.name for member in members}
    for path in _storage_files(storage):
        if path not in kept:
            path.unlink()
    return len(members)


@contextlib.contextmanager
def _without_extensions(dump: pathlib.Path) -> Iterator[str]:
    """The dump's table of contents without its extensions (pg_trgm in the DataStore): they belong
    to the superuser, who installs them (scripts/services.sh); the site's role may neither drop nor
    comment on them, and they are already there."""
    listed = subprocess.run(["pg_restore", "--list", str(dump)], capture_output=True, text=True)
    if listed.returncode:
        raise BackupError(f"pg_restore could not read {dump.name}: {listed.stderr.strip()[-2000:]}")
    kept = [line for line in listed.stdout.splitlines() if " EXTENSION " not in line]
    with tempfile.NamedTemporaryFile("w", suffix=".list") as listing:
        listing.write("\n".join(kept) + "\n")
        listing.flush()
        yield listing.name


def restore(source_dir: str, reindex: bool = True, report: Callable[[str], None] = print) -> dict[str, Any]:
    """Restore the backup folder over the configured databases and storage; returns the manifest."""
    source = pathlib.Path(source_dir).resolve()
    manifest = _checked_manifest(source)
    model.Session.remove()
    model.meta.engine.dispose()  # no connection of ours may hold a lock on what is dropped
    for name, url in _databases().items():
        if f"{name}.dump" not in manifest["files"]:
            raise BackupError(f"the backup has no {name}.dump, but this site has a {name}")
        report(f"pg_restore {name}.dump → {sa.engine.make_url(url).database}")
        # The DataStore holds a table per resource (thousands on a real portal): in one transaction
        # each dropped and created table, index and sequence holds a lock to the end, past
        # PostgreSQL's lock table ("out of shared memory"); its tables are restored one by one.
        whole = [] if name == "datastore" else ["--single-transaction"]
        with _without_extensions(source / f"{name}.dump") as listing:
            _pg("pg_restore", url, "--clean", "--if-exists", "--no-owner", *whole, "--use-list", listing,
                str(source / f"{name}.dump"))
    storage: Optional[str] = tk.config["ckan.storage_path"]
    if storage:
        report(f"storage.tar.gz → {storage}: {_restore_storage(source / 'storage.tar.gz', pathlib.Path(storage))} files")
    report("Building the webassets (not in the backup)")
    build_webassets()
    if reindex:
        report("Rebuilding the search index")
        search.clear_all()
        search.rebuild(force=True, defer_commit=True, quiet=True)
        search.commit()
    return manifest
