"""The restore drill on the production deployment (after the fault drill has filled it): back up
with `ckan harbin backup`, stop the web nodes and workers, wipe the database, the storage folder and
the search index, restore with `ckan harbin restore`, and find every entry, resource, file and
audit row as it was, and every entry in search again."""
from __future__ import annotations

import hashlib
import pathlib
import shutil
import subprocess
import uuid

import pytest
import requests

from traffic import Api, Editor, setup_actors

from .stack import VENV_BIN, Stack, wait

SNAPSHOT = {
    "entries": "SELECT id, name, state, private, metadata_modified::text, owner_org FROM package ORDER BY id",
    "resources": "SELECT id, package_id, url, url_type, state, format FROM resource ORDER BY id",
    "audit rows": "SELECT * FROM harbin_review_audit_log ORDER BY id",
    "scans": "SELECT id, resource_id, state, rows_done FROM harbin_privacy_scan ORDER BY id",
}


def _snapshot(stack: Stack) -> dict[str, list[tuple]]:
    found = {name: [tuple(map(str, row)) for row in stack.sql(query)] for name, query in SNAPSHOT.items()}
    storage = stack.dir / "storage"
    found["files"] = sorted((str(path.relative_to(storage)), hashlib.sha256(path.read_bytes()).hexdigest())
                            for path in storage.rglob("*") if path.is_file() and "webassets" not in path.parts)
    return found


def _indexed(stack: Stack) -> set[str]:
    answer = stack.solr(f"ckan/select?q=*:*&fq=site_id:{stack.site_id}&fl=id&rows=100000&wt=json")
    return {doc["id"] for doc in answer["response"]["docs"]}


@pytest.fixture(scope="module")
def filled(stack: Stack) -> None:
    """At least one entry with an uploaded file and audit rows, also when run without the fault drill."""
    admin = Api(stack.base, stack.token)
    org, editor_token = setup_actors(admin, uuid.uuid4().hex[:6])
    Editor(Api(stack.base, editor_token), admin, org, stop=None).create_one()


@pytest.mark.usefixtures("filled")
def test_restore_brings_back_every_entry_file_and_audit_row(stack, tmp_path, report):
    stack.supervisorctl("stop", "web:*", "jobs:*", "scheduler")  # nothing changes from here on
    before = _snapshot(stack)
    assert before["entries"] and before["files"] and before["audit rows"]
    backups = tmp_path / "backups"
    stack.ckan("harbin", "backup", "--output-dir", str(backups))
    [backup] = backups.iterdir()

    stack.create_database()  # wiped: dropped and created empty
    shutil.rmtree(stack.dir / "storage")
    requests.post(f"http://127.0.0.1:{stack.solr_lb}/solr/ckan/update?commit=true", json={"delete": {"query": "*:*"}},
                  timeout=60).raise_for_status()
    assert stack.sql("SELECT to_regclass('package')") == [(None,)] and _indexed(stack) == set()

    restored = stack.ckan("harbin", "restore", str(backup), "--yes")
    report("  restore: " + " | ".join(line for line in restored.splitlines() if ":" in line and "(backup" in line))

    assert _snapshot(stack) == before
    assert (stack.dir / "storage" / "webassets" / "tracking").is_dir()  # built before the web nodes start again
    active = {row[0] for row in stack.sql("SELECT id FROM package WHERE state = 'active'")}  # harvest sources too
    assert _indexed(stack) == active
    stack.supervisorctl("start", "web:*", "jobs:*", "scheduler")
    wait("the portal back", 300, lambda: requests.get(f"{stack.base}/api/3/action/status_show", timeout=10).ok)


def test_restore_needs_confirmation_and_refuses_a_damaged_backup(stack, tmp_path):
    ckan = [str(VENV_BIN / "ckan"), "-c", str(stack.ini), "harbin"]
    stack.ckan("harbin", "backup", "--output-dir", str(tmp_path))
    [backup] = tmp_path.iterdir()
    unconfirmed = subprocess.run([*ckan, "restore", str(backup)], capture_output=True, text=True)
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    archive = pathlib.Path(backup, "storage.tar.gz")
    archive.write_bytes(archive.read_bytes()[:-10])
    damaged = subprocess.run([*ckan, "restore", str(backup), "--yes"], capture_output=True, text=True)
    assert damaged.returncode == 1 and "storage.tar.gz is missing or damaged" in damaged.stderr
