"""Bounded traffic against a running portal, for benchmarks/load.py and the fault drill
(tests/ops/test_drill.py): anonymous readers of pages and the API, an agency editor who creates
entries with a CSV file and submits them while a reviewer publishes them, and a harvest of a local
catalog spreadsheet. Every request is recorded with its time and outcome, every write the portal
acknowledged is remembered, so that afterwards it can be looked for."""
from __future__ import annotations

import dataclasses
import json
import random
import re
import statistics
import threading
import time
import uuid
from http.server import ThreadingHTTPServer
from typing import Any, Callable, Optional

import requests

from harvest import catalog_csv, serve

__all__ = ["Recorder", "Api", "Reader", "Editor", "start_harvest", "figures", "reader_paths", "setup_actors"]


@dataclasses.dataclass
class Call:
    at: float  # time.monotonic() when it ended
    kind: str  # read or the action written
    status: int  # HTTP status, 0 when the connection failed
    ms: float
    ok: bool  # answered as asked (200, success)
    detail: str = ""  # for a failed call: the path read, and the error or the first line of the 5xx body

    @property
    def failed(self) -> bool:
        """The portal failed (no answer, or a server error) — a refusal such as 409 is an answer."""
        return self.status == 0 or self.status >= 500

    def __str__(self) -> str:
        return f"{self.kind} {self.status} after {self.ms:.0f} ms{': ' + self.detail if self.detail else ''}"


class Recorder:
    """Thread-safe log of calls, bounded in count."""

    def __init__(self, max_calls: int = 1_000_000) -> None:
        self.calls: list[Call] = []
        self.lock, self.max_calls = threading.Lock(), max_calls

    def add(self, call: Call) -> None:
        with self.lock:
            self.calls.append(call)

    def full(self) -> bool:
        return len(self.calls) >= self.max_calls

    def between(self, start: float, end: float, kind: Optional[str] = None) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if start <= c.at < end and (kind is None or (c.kind == "read") == (kind == "read"))]


class Api:
    """CKAN's action API with one API token, recording each call."""

    def __init__(self, base: str, token: str = "", recorder: Optional[Recorder] = None, timeout: float = 60) -> None:
        self.base, self.recorder, self.timeout = base.rstrip("/"), recorder, timeout
        self.session = requests.Session()
        if token:
            self.session.headers["Authorization"] = token

    def call(self, action: str, data: Optional[dict] = None, files: Optional[dict] = None) -> tuple[bool, Any]:
        start, status, body, answer, error = time.perf_counter(), 0, None, None, ""
        try:
            if files is None:
                answer = self.session.post(f"{self.base}/api/3/action/{action}", json=data or {}, timeout=self.timeout)
            else:
                answer = self.session.post(f"{self.base}/api/3/action/{action}", data=data, files=files, timeout=self.timeout)
            status = answer.status_code
            body = answer.json()
        except (requests.RequestException, ValueError) as exc:
            body, error = None, _error(exc)
        ok = bool(status == 200 and body and body.get("success"))
        if self.recorder is not None:
            self.recorder.add(Call(time.monotonic(), action, status, (time.perf_counter() - start) * 1000, ok,
                                   _detail(status, answer, error)))
        return ok, (body or {}).get("result") if ok else (body or {}).get("error", status)


def _error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def _detail(status: int, answer: Optional[requests.Response], error: str, path: str = "") -> str:
    """What to say about a failed call: the connection's error, or what the server error's body
    says (an HTML page's title, or else its first line: the API's JSON answer)."""
    if status and status < 500:
        return ""
    said = ""
    if status and answer is not None:
        title = re.search(r"<title>(.*?)</title>", answer.text, re.S)
        said = title.group(1).strip() if title else next((line.strip() for line in answer.text.splitlines() if line.strip()), "")
    return " ".join(part for part in (path, said[:300] if status else error) if part)


def reader_paths(base: str, names: list[str]) -> list[str]:
    paths = ["/", "/dataset/", "/api/3/action/package_search?q=" + "停车", "/api/3/action/status_show"]
    for name in names:
        paths += [f"/dataset/{name}", f"/api/3/action/package_show?id={name}"]
    return paths


class Reader(threading.Thread):
    """An anonymous visitor fetching random pages until `stop` is set (keep-alive, as browsers do)."""

    def __init__(self, base: str, paths: Callable[[], list[str]], recorder: Recorder, stop: threading.Event,
                 seed: int) -> None:
        super().__init__(daemon=True)
        self.base, self.paths, self.recorder, self.stop = base.rstrip("/"), paths, recorder, stop
        self.rng, self.session = random.Random(seed), requests.Session()

    def run(self) -> None:
        while not self.stop.is_set() and not self.recorder.full():
            start, status, answer, error, path = time.perf_counter(), 0, None, "", self.rng.choice(self.paths())
            try:
                answer = self.session.get(self.base + path, timeout=60)
                status = answer.status_code
            except requests.RequestException as exc:
                error = _error(exc)
            self.recorder.add(Call(time.monotonic(), "read", status, (time.perf_counter() - start) * 1000, status == 200,
                                   _detail(status, answer, error, path)))


def _table(rows: int, seed: int) -> bytes:
    rng = random.Random(seed)
    lines = ["站点名称,地址,泊位数,收费标准"]
    lines += [f"停车场{n},道里区{rng.randint(1, 999)}号,{rng.randint(10, 900)},{rng.choice(['免费', '5元/小时'])}"
              for n in range(rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


class Editor(threading.Thread):
    """An agency editor creating entries (with an uploaded CSV) and submitting them; a reviewer
    publishing them once their personal-data scan is done. `written` holds what was acknowledged."""

    def __init__(self, editor: Api, reviewer: Api, org: str, stop: threading.Event, pause: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.editor, self.reviewer, self.org, self.stop, self.pause = editor, reviewer, org, stop, pause
        self.written: dict[str, dict[str, Any]] = {}  # name -> {"created", "file", "submitted", "published"}
        self.run_id, self.number = uuid.uuid4().hex[:6], 0

    def entry(self, number: int) -> dict[str, Any]:
        return {"name": f"drill-{self.run_id}-{number}", "title": f"演练停车场数据{self.run_id}-{number}",
                "owner_org": self.org, "notes": "故障演练中由机构编辑创建的目录条目。", "license_id": "cc-by",
                "resource_code": f"3{int(self.run_id, 16) % 100000:05d}/{number:06d}", "data_domain": "transport",
                "update_frequency": "monthly", "open_type": "unconditional", "desensitization_status": "not_required",
                "data_formats": ["CSV"], "data_items": [{"name": "站点名称", "type": "string"}]}

    def create_one(self) -> None:
        self.number += 1
        entry = self.entry(self.number)
        ok, result = self.editor.call("package_create", entry)
        if not ok:
            return
        record = self.written[entry["name"]] = {"id": result["id"], "created": True}
        body = _table(200, self.number)
        ok, resource = self.editor.call("resource_create", {"package_id": result["id"], "name": "停车场名录",
                                                            "format": "CSV"}, files={"upload": ("parking.csv", body)})
        if ok:
            record["file"] = {"resource_id": resource["id"], "bytes": body}
            record["submitted"] = self.editor.call("harbin_review_submit", {"id": result["id"]})[0]

    def publish_waiting(self) -> None:
        for name, record in list(self.written.items()):
            if record.get("submitted") and not record.get("published"):
                ok, _ = self.reviewer.call("harbin_review_publish", {"id": record["id"]})
                record["published"] = ok

    def run(self) -> None:
        while not self.stop.is_set():
            self.create_one()
            self.publish_waiting()
            time.sleep(self.pause)


def _agency_portal(records: int) -> tuple[ThreadingHTTPServer, str]:
    """An agency's legacy portal on the loopback: its catalog list at /catalog.csv, and a small
    CSV file for every entry it lists (what the personal-data scan downloads)."""
    files: dict[str, bytes] = {}
    httpd, catalog = serve(lambda path: files.get(path) or _table(20, len(path)))
    files["/catalog.csv"] = catalog_csv(records, uuid.uuid4().hex[:6], files=catalog.rsplit("/", 1)[0] + "/files")
    return httpd, catalog


def start_harvest(admin: Api, org: str, records: int, name: str) -> tuple[ThreadingHTTPServer, dict[str, Any]]:
    """Serve a catalog spreadsheet of `records` entries and start harvesting it through the gather
    and fetch consumers; returns the file server (shut it down afterwards) and the job."""
    httpd, url = _agency_portal(records)
    ok, source = admin.call("harvest_source_create", {
        "name": name, "title": f"演练来源 {name}", "url": url, "source_type": "harbin_spreadsheet",
        "frequency": "MANUAL", "owner_org": org, "config": json.dumps({"defaults": {"desensitization_status": "not_required"}})})
    if not ok:
        httpd.shutdown()
        raise RuntimeError(f"harvest_source_create: {source}")
    ok, job = admin.call("harvest_job_create", {"source_id": source["id"], "run": True})
    if not ok:
        httpd.shutdown()
        raise RuntimeError(f"harvest_job_create: {job}")
    return httpd, job


def figures(calls: list[Call], seconds: float) -> dict[str, float]:
    latencies = sorted(c.ms for c in calls) or [0.0]
    failed = sum(1 for c in calls if c.failed)
    return {"requests": len(calls), "failed": failed, "error_rate": failed / max(len(calls), 1),
            "rps": len(calls) / max(seconds, 1e-9), "median": statistics.median(latencies),
            "p95": latencies[max(0, int(len(latencies) * 0.95) - 1)]}


def setup_actors(admin: Api, run_id: str) -> tuple[str, str]:
    """An agency and an editor of it (with an API token) made through the API; returns (org, token)."""
    from ckanext.harbin_opendata.metadata.uscc import check_character

    first17 = f"11230100{int(run_id, 16) % 10 ** 8:08d}A"
    ok, org = admin.call("organization_create", {
        "name": f"drill-agency-{run_id}", "title": f"演练机构{run_id}", "credit_code": first17 + check_character(first17),
        "agency_kind": "government", "district": "230100"})
    if not ok:
        raise RuntimeError(f"organization_create: {org}")
    name = f"drill-editor-{run_id}"
    for action, data in (("user_create", {"name": name, "email": f"{name}@drill.invalid", "password": f"Drill-{uuid.uuid4().hex}"}),
                         ("organization_member_create", {"id": org["id"], "username": name, "role": "editor"}),
                         ("api_token_create", {"user": name, "name": "drill"})):
        ok, result = admin.call(action, data)
        if not ok:
            raise RuntimeError(f"{action}: {result}")
    return org["id"], result["token"]
