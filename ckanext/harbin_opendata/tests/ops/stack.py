"""A throw-away production deployment for the drills: its own database (named after the test
database, with `drill` in the name) and DataStore database, site id, storage and free ports; started with
scripts/production.sh (nginx, two gunicorn web nodes, a two-node SolrCloud, workers, consumers,
scheduler under supervisord) and stopped afterwards. Only processes it started are ever killed."""
from __future__ import annotations

import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import time
import uuid
from typing import Any, Callable

import requests
import sqlalchemy as sa

ROOT = pathlib.Path(__file__).resolve().parents[4]
VENV_BIN = ROOT / ".venv" / "bin"
TRUSTED_SOURCES = ("drill-harvest", "drill-harvest-2")
LARGE_FILE_BYTES = 1_000_000  # the drill's uploads above this are scanned on the large-file queue
LARGE_SCANS = "jobs:worker-harbin_opendata-privacy_large-1"  # its worker's supervisord program
SEARCH_CHECK_GRACE = 75  # s; above deploy.web_timeout (60): no web request is still committing
LOG_TIME = re.compile(r"^\[?(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)")  # CKAN's and gunicorn's log lines
LOG_EXCEPTION = re.compile(r"^[A-Za-z_][\w.]*: ")  # the last line of a traceback: the exception
LOG_ERROR = re.compile(r"^\S+ \S+ (ERROR|CRITI)|\] \[(ERROR|CRITICAL)\]")


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for probe in sockets:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in sockets]
    finally:
        for probe in sockets:
            probe.close()


def wait(what: str, seconds: float, check: Callable[[], Any], every: float = 0.5) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            found = check()
        except Exception:  # noqa: BLE001 - not there yet
            found = None
        if found:
            return found
        time.sleep(every)
    raise AssertionError(f"{what}: not within {seconds:.0f} s")


def datastore_of(database: str) -> str:
    """The DataStore database scripts/services.sh creates beside a CKAN database (lib.sh's datastore_of)."""
    return "datastore_" + database.removeprefix("ckan_")


def _stat(pid: int) -> list[str]:
    """The fields of /proc/<pid>/stat after the command's name: state, parent, ..."""
    return pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def process_tree(root: int) -> list[int]:
    """`root` and every process under it."""
    children: dict[int, list[int]] = {}
    for entry in pathlib.Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                children.setdefault(int(_stat(int(entry.name))[1]), []).append(int(entry.name))
            except (OSError, IndexError):
                continue
    found, todo = [], [root]
    while todo:
        found.append(todo.pop())
        todo += children.get(found[-1], [])
    return found


class Stack:
    def __init__(self, test_database_url: str, datastore_urls: dict[str, str], name: str = "drill") -> None:
        """`datastore_urls`: the test ini's ckan.datastore.write_url and read_url, whose roles the
        deployment's own DataStore database is reached with (never the test suite's DataStore:
        the restore drill wipes and restores what the deployment uses)."""
        url = sa.engine.make_url(test_database_url)
        self.database = url.database.replace("ckan_test", f"ckan_{name}") if "ckan_test" in url.database \
            else f"{url.database}_{name}"
        assert "drill" in self.database or name in self.database
        self.url = url.set(database=self.database)
        self.datastore_urls = {key: sa.engine.make_url(value).set(database=datastore_of(self.database))
                               for key, value in datastore_urls.items()}
        self.dir = ROOT / "build" / name
        self.ini = self.dir / "drill.ini"
        ports = free_ports(7)
        self.http, self.web, self.solr_lb, self.solr_nodes, self.zookeeper = \
            ports[0], ports[1:3], ports[3], ports[4:6], ports[6]
        self.base = f"http://127.0.0.1:{self.http}"
        self.site_id = f"harbin_{name}_{uuid.uuid4().hex[:6]}"
        self.engine = sa.create_engine(str(self.url), pool_pre_ping=True)

    # set-up ------------------------------------------------------------------------------
    def env(self) -> dict[str, str]:
        return dict(os.environ, HARBIN_PRODUCTION_INI=str(self.ini), HARBIN_PRODUCTION_DIR=str(self.dir / "production"),
                    HARBIN_HTTP_PORT=str(self.http), HARBIN_WEB_PORTS=" ".join(map(str, self.web)),
                    HARBIN_SOLR_PORT=str(self.solr_lb), HARBIN_SOLR_NODES=" ".join(map(str, self.solr_nodes)),
                    HARBIN_ZK_PORT=str(self.zookeeper), HARBIN_WEB_WORKERS="2", SOLR_HEAP="384m",
                    SOLR_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")  # a short life: start fast

    def write_ini(self, test_ini: str, redis_url: str, redis_db: str) -> None:
        test_ini_text = (ROOT / "test.ini").read_text()
        settings = {
            "use": f"config:{os.path.abspath(test_ini)}", "ckan.site_id": self.site_id,
            "sqlalchemy.url": str(self.url.render_as_string(hide_password=False)), "ckan.redis.url": redis_url,
            **{key: url.render_as_string(hide_password=False) for key, url in self.datastore_urls.items()},
            "ckan.harvest.mq.redis_db": redis_db, "ckan.storage_path": str(self.dir / "storage"),
            "ckan.max_resource_size": "100", "ckanext.harbin_opendata.review.trusted_harvest_sources": " ".join(TRUSTED_SOURCES),
            "ckanext.harbin_opendata.review.email_notifications": "false",
            "ckanext.harbin_opendata.feedback.email_notifications": "false",
            # The queues the drill uses; its large file (6 MB) is scanned on the large-file queue, as
            # a production site's 20 MB+ files are, not behind the editor's stream of small scans.
            "ckanext.harbin_opendata.deploy.workers": "default=0 harbin_opendata:default=1 harbin_opendata:privacy=1 "
                                                      "harbin_opendata:privacy_large=1 harbin_opendata:assessment=0",
            "ckanext.harbin_opendata.privacy.small_file_bytes": str(LARGE_FILE_BYTES),
            "ckanext.harbin_opendata.deploy.fetch_consumers": "1",
            "ckanext.harbin_opendata.schedule.harvest_run": "* * * * *",
            "ckanext.harbin_opendata.schedule.tracking_update": "", "ckanext.harbin_opendata.schedule.assessment": "",
            "ckanext.harbin_opendata.schedule.recover_jobs": "10",
            "ckanext.harbin_opendata.schedule.search_check": "* * * * *",
            "ckanext.harbin_opendata.search_check.grace_seconds": str(SEARCH_CHECK_GRACE),
        }
        lines = ["[app:main]", *(f"{key} = {value}" for key, value in settings.items())]
        self.ini.write_text("\n".join(lines) + "\n\n" + test_ini_text[test_ini_text.index("[loggers]"):])

    def ckan(self, *arguments: str, check: bool = True, answer: str = "") -> str:
        done = subprocess.run([str(VENV_BIN / "ckan"), "-c", str(self.ini), *arguments], input=answer,
                              capture_output=True, text=True, timeout=600)
        if check and done.returncode:
            raise AssertionError(f"ckan {' '.join(arguments)} exited {done.returncode}:\n{done.stderr[-3000:]}")
        return done.stdout

    def create_database(self) -> None:
        """The drill's own database and DataStore database, dropped (whoever is connected) and
        created empty (the DataStore's with its roles' permissions)."""
        assert "drill" in self.database, self.database  # never anyone else's
        self.engine.dispose()
        for database in (self.database, datastore_of(self.database)):
            drop = f"dropdb --if-exists --force -p {self.url.port or 5432} {database}"
            subprocess.run(["su", "postgres", "-c", drop], check=True, capture_output=True)
        subprocess.run([str(ROOT / "scripts" / "services.sh"), self.database], check=True, capture_output=True,
                       env=dict(os.environ, SKIP_SOLR="1"))

    def start(self, test_ini: str, redis_url: str, redis_db: str) -> str:
        """Database, ini, migrations, a sysadmin; then the whole deployment. Returns its API token."""
        shutil.rmtree(self.dir, ignore_errors=True)  # the last drill's files, ZooKeeper state and logs
        self.dir.mkdir(parents=True)
        self.create_database()
        self.write_ini(test_ini, redis_url, redis_db)
        self.ckan("db", "upgrade")
        password = f"Drill-{uuid.uuid4().hex}"  # three kinds of characters, as the password policy wants
        self.ckan("sysadmin", "add", "drill-admin", "email=drill-admin@drill.invalid", f"password={password}",
                  answer="y\n")
        token = self.ckan("user", "token", "add", "drill-admin", "drill").strip().splitlines()[-1].strip()
        self.production("start")
        return token

    def production(self, action: str) -> None:
        done = subprocess.run([str(ROOT / "scripts" / "production.sh"), action], env=self.env(),
                              capture_output=True, text=True, timeout=600)
        if done.returncode:
            raise AssertionError(f"production.sh {action}: {done.stdout[-3000:]}\n{done.stderr[-3000:]}")

    # processes ---------------------------------------------------------------------------
    def supervisorctl(self, *arguments: str) -> str:
        return subprocess.run([str(VENV_BIN / "supervisorctl"), "-c", str(self.dir / "production" / "supervisord.conf"),
                               *arguments], capture_output=True, text=True, timeout=120).stdout

    def pid(self, program: str) -> int:
        return int(self.supervisorctl("pid", program).strip())

    def crash(self, program: str) -> int:
        """SIGKILL the program's whole process group (as a crash would); supervisord restarts it."""
        pid = self.pid(program)
        os.killpg(pid, signal.SIGKILL)  # supervisord makes each program a process group leader
        return pid

    def restarted(self, program: str, old_pid: int) -> bool:
        line = self.supervisorctl("status", program)
        return "RUNNING" in line and self.pid(program) != old_pid

    def cpu_seconds(self) -> float:
        """CPU time of supervisord and everything under it, reaped or alive (/proc, in seconds)."""
        supervisord = int((self.dir / "production" / "run" / "supervisord.pid").read_text())
        total = 0
        for pid in process_tree(supervisord):
            try:
                total += sum(int(value) for value in _stat(pid)[11:15])  # utime stime cutime cstime
            except OSError:
                continue
        return total / os.sysconf("SC_CLK_TCK")

    def web_errors(self, since: float) -> list[str]:
        """The errors the web nodes logged since `since` (time.time()): CKAN's (a 500's, with the
        exception its traceback ends with) and gunicorn's (a worker timed out or died)."""
        found: list[str] = []
        for log in sorted((self.dir / "production" / "logs").glob("web-*.log")):
            current = None
            for line in log.read_text(errors="replace").splitlines():
                stamp = LOG_TIME.match(line)
                if stamp:
                    current = None
                    if time.mktime(time.strptime(stamp.group(1), "%Y-%m-%d %H:%M:%S")) >= since - 1 and LOG_ERROR.search(line):
                        current = len(found)
                        found.append(f"{log.name}: {line[:300]}")
                elif current is not None and LOG_EXCEPTION.match(line):
                    found[current] += f" | {line[:300]}"
        return found

    # state -------------------------------------------------------------------------------
    def sql(self, query: str, **params: Any) -> list[Any]:
        with self.engine.connect() as connection:
            return list(connection.execute(sa.text(query), params))

    def solr(self, path: str, node: int | None = None) -> Any:
        port = node or self.solr_lb
        return requests.get(f"http://127.0.0.1:{port}/solr/{path}", timeout=30).json()

    def stop(self) -> None:
        self.production("stop")
        self.engine.dispose()
