"""What runs where: the processes of a production deployment, read from the ini file's
`ckanext.harbin_opendata.deploy.*` options (nginx, gunicorn web nodes, a worker per queue, harvest
consumers, the scheduler). `ckan harbin deploy` writes them out for supervisord and systemd."""
from __future__ import annotations

import dataclasses
import os
import socket
import sys
from typing import Iterable

import ckan.plugins as plugins
import ckan.plugins.toolkit as tk
from ckan.common import config_declaration

__all__ = ["Program", "ROLES", "programs", "queue_counts", "web_workers", "is_local", "split_address", "ckan_bin"]

ROLES = ("proxy", "web", "jobs", "scheduler")
_CKAN_DEFAULT_QUEUE = "default"


@dataclasses.dataclass(frozen=True)
class Program:
    """One long-running process: its supervisord program (and systemd unit) name and command."""

    name: str
    role: str
    command: list[str]
    stop_seconds: int = 30
    environment: dict[str, str] = dataclasses.field(default_factory=dict)


def ckan_bin(name: str) -> str:
    """A console script of this virtualenv (ckan, gunicorn, supervisord)."""
    return os.path.join(os.path.dirname(os.path.abspath(sys.executable)), name)


def split_address(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"not a host:port address: {address!r}")
    return host.strip("[]"), int(port)


def is_local(host: str) -> bool:
    """Whether `host` is an address of this machine (a node this host must run)."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host, 0))
        return True
    except OSError:
        return False


def web_workers() -> int:
    return tk.config["ckanext.harbin_opendata.deploy.web_workers"] or 2 * (os.cpu_count() or 1) + 1


def _declared_queues() -> list[str]:
    """Queues named by any declared option ending in `queue` (`.queue`, `.large_queue`: this
    suite's and other plugins')."""
    names = [tk.config.get(str(key)) for key in config_declaration.iter_options() if str(key).endswith("queue")]
    return [name for name in names if isinstance(name, str) and name.strip()]


def queue_counts() -> dict[str, int]:
    """Worker processes per queue: one for every declared queue, overridden by deploy.workers."""
    counts = dict.fromkeys([_CKAN_DEFAULT_QUEUE, *_declared_queues()], 1)
    for item in tk.config["ckanext.harbin_opendata.deploy.workers"]:
        queue, _, count = item.rpartition("=")
        if not queue or not count.isdigit():
            raise ValueError(f"ckanext.harbin_opendata.deploy.workers: {item!r} is not queue=count")
        counts[queue] = int(count)
    return {queue: count for queue, count in counts.items() if count > 0}


def _web(ini: str) -> Iterable[Program]:
    timeout = tk.config["ckanext.harbin_opendata.deploy.web_timeout"]
    for address in tk.config["ckanext.harbin_opendata.deploy.web_nodes"]:
        host, port = split_address(address)
        if not is_local(host):
            continue
        yield Program(f"web-{port}", "web", [
            ckan_bin("gunicorn"), "--config", "python:ckanext.harbin_opendata.ops.gunicorn_conf", "--bind", address,
            "--workers", str(web_workers()), "--timeout", str(timeout),
            "--graceful-timeout", "30", "--max-requests", "2000", "--max-requests-jitter", "200",
            "--name", f"harbin-web-{port}", "--access-logfile", "-", "ckanext.harbin_opendata.ops.wsgi:application",
        ], stop_seconds=40, environment={"CKAN_INI": ini})


def _jobs(ini: str) -> Iterable[Program]:
    ckan = [ckan_bin("ckan"), "-c", ini, "harbin"]
    for queue, count in queue_counts().items():
        for number in range(1, count + 1):
            # An RQ worker's warm shutdown waits for the running job; a longer one is cut and
            # queued again by the next worker (see ops/recovery.py).
            yield Program(f"worker-{queue.replace(':', '-')}-{number}", "jobs", [*ckan, "worker", queue], stop_seconds=60)
    if plugins.plugin_loaded("harvest"):
        for kind in ("gather", "fetch"):
            for number in range(1, tk.config[f"ckanext.harbin_opendata.deploy.{kind}_consumers"] + 1):
                name = f"harvest-{kind}-{number}"
                yield Program(name, "jobs", [*ckan, "consumer", kind, "--name", name], stop_seconds=30)


def programs(ini: str, nginx_conf: str, roles: Iterable[str] = ROLES) -> list[Program]:
    """Every process this host runs for the given roles, in start order."""
    ini, chosen, found = os.path.abspath(ini), set(roles), []
    if "web" in chosen:
        found += list(_web(ini))
    if "jobs" in chosen:
        found += list(_jobs(ini))
    if "scheduler" in chosen:
        found.append(Program("scheduler", "scheduler", [ckan_bin("ckan"), "-c", ini, "harbin", "scheduler"]))
    if "proxy" in chosen:
        found.append(Program("nginx", "proxy", ["/usr/sbin/nginx", "-c", nginx_conf], stop_seconds=15))
    return found
