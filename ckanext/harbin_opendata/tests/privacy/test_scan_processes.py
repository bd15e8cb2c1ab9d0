"""The column checks of a large file in processes of their own (privacy/scan/processes.py): the
findings are those of the scan in one process, byte for byte, on the agency corpus and on registers
of many batches; a child that dies or fails fails the scan (never clean); no child outlives the scan,
also inside an RQ worker's forked job."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

import ckan.model as model
from ckan.lib import jobs as ckan_jobs

from ckanext.harbin_opendata.common.tabular import Limits, columnar
from ckanext.harbin_opendata.privacy.model import Scan
from ckanext.harbin_opendata.privacy.scan import files, processes

from .conftest import csv_bytes, upload, xlsx_bytes
from .corpus import corpus

LIMITS = Limits(max_unpacked_bytes=1 << 28)
_DIES = "import sys; sys.stdin.buffer.read(8); sys.exit(7)"
_FAILS = ("import sys; sys.path[:0] = sys.argv[1:]; from ckanext.harbin_opendata.privacy.scan import processes; "
          "processes.check_batch = None; processes.serve()")


@pytest.fixture
def children(monkeypatch, tmp_path):
    """Every file checked by two children (whatever its size or format), batches of ~256 KiB or 500
    rows; the children's process ids, as written by whichever process started them (a forked job too)."""
    record = tmp_path / "children"
    popen = subprocess.Popen

    def recorded(*args, **kwargs):
        child = popen(*args, **kwargs)
        with open(record, "a") as out:
            out.write(f"{child.pid}\n")
        return child

    monkeypatch.setattr(processes, "_worth_it", lambda path: True)
    monkeypatch.setattr(processes.subprocess, "Popen", recorded)
    monkeypatch.setattr(columnar, "_BATCH_BYTES", 1)
    monkeypatch.setattr(columnar, "_ROWS_PER_BATCH", 500)
    return lambda: [int(pid) for pid in record.read_text().split()] if record.exists() else []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as status:
            return "\tZ" not in next(line for line in status if line.startswith("State:"))
    except FileNotFoundError:
        return False


def _findings(path, processes_count: int, strict: bool = False) -> str:
    result = files.scan_file(str(path), LIMITS, strict=strict, processes=processes_count)
    return json.dumps([result.columns, result.tables, result.rows], ensure_ascii=False)


@pytest.mark.parametrize("item", corpus(), ids=lambda item: item.name)
def test_corpus_findings_are_the_same_in_processes(item, tmp_path, children):
    path = tmp_path / "file"
    path.write_bytes(item.body)
    alone = _findings(path, 1)
    assert not children()
    assert _findings(path, 2) == alone
    assert len(children()) == 2 and not any(_alive(pid) for pid in children())


@pytest.mark.parametrize("name, data, strict", [("register.csv", lambda: csv_bytes(30000, "gbk"), False),
                                                ("register.csv", lambda: csv_bytes(30000), True),
                                                ("register.xlsx", lambda: xlsx_bytes(3000), False)])
def test_findings_of_many_batches_are_merged_in_order(name, data, strict, tmp_path, children):
    path = tmp_path / name
    path.write_bytes(data())
    alone = _findings(path, 1, strict)
    assert _findings(path, 2, strict) == alone
    result = json.loads(alone)
    assert result[2] > 2500 and {c["header"] for c in result[0] if c["kinds"]} >= {"申请人姓名", "身份证号", "联系电话", "银行卡号"}


def test_small_and_packed_files_are_checked_in_the_scanning_process(tmp_path, monkeypatch):
    monkeypatch.setattr(processes, "POOL_BYTES", 1 << 20)
    (tmp_path / "small.csv").write_bytes(csv_bytes(3000))
    (tmp_path / "large.csv").write_bytes(csv_bytes(30000))
    (tmp_path / "large.xlsx").write_bytes(xlsx_bytes(20000))
    assert (tmp_path / "large.xlsx").stat().st_size > 1 << 20
    assert [processes._worth_it(str(tmp_path / name)) for name in ("small.csv", "large.csv", "large.xlsx")] == \
        [False, True, False]


@pytest.mark.parametrize("child, message", [(_DIES, "ended"), (_FAILS, "TypeError")])
def test_a_child_that_dies_or_fails_fails_the_scan(child, message, tmp_path, children, monkeypatch):
    monkeypatch.setattr(processes, "_CHILD", child)
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes(3000, "gbk"))
    with pytest.raises(processes.ScanProcessError, match=message):
        files.scan_file(str(path), LIMITS, processes=2)
    assert len(children()) == 2 and not any(_alive(pid) for pid in children())


def test_children_end_when_the_scan_is_stopped(tmp_path, children):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes(30000))

    def stop(rows: int) -> None:  # as the job's time limit does, from the scanning thread
        raise TimeoutError("job timed out")

    with pytest.raises(TimeoutError):
        files.scan_file(str(path), LIMITS, progress=stop, processes=2)
    assert len(children()) == 2 and not any(_alive(pid) for pid in children())


@pytest.mark.usefixtures("storage", "clean_queues")
@pytest.mark.ckan_config("ckanext.harbin_opendata.privacy.scan_processes", "2")
@pytest.mark.parametrize("child", [None, _DIES])
def test_the_worker_scans_in_processes_and_fails_closed(people, children, monkeypatch, child):
    if child:
        monkeypatch.setattr(processes, "_CHILD", child)
    upload(people.entry["id"], people.editor, csv_bytes(3000, "gbk"), "subsidy.csv", "CSV")
    [scan] = model.Session.query(Scan).filter(Scan.package_id == people.entry["id"]).all()

    ckan_jobs.Worker(["harbin_opendata:privacy"]).work(burst=True)  # the job runs in a forked work horse

    model.Session.expire_all()
    scan = model.Session.get(Scan, scan.id)
    started = children()
    assert len(started) == (2 if os.cpu_count() and os.cpu_count() > 1 else 0)
    assert not any(_alive(pid) for pid in started)
    if child:
        assert (scan.state, scan.error, scan.personal) == ("failed", "internal", None)
    else:
        assert (scan.state, scan.rows_done) == ("done", 3000)
        assert {column["header"] for column in scan.personal_columns} == {"申请人姓名", "身份证号", "联系电话", "银行卡号", "备注"}
