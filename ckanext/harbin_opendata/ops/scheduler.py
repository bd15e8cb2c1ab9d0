"""`ckan harbin scheduler`: the one process of a deployment that starts the periodic work, at the
times the ini file gives in crontab syntax (APScheduler): the harvest run, the page-view summary,
the day's assessment with the link check (queued for the assessment worker), the search index's
check against the database (ops/search_check.py), the stored texts' check for personal data
(privacy/text_recheck.py), the re-fetch of linked files (privacy/link_refetch.py), and, every minute,
the take-over of background jobs whose worker died and of privacy scans left without a job. Each command runs as a child process, so a
crash or a leak in one leaves the scheduler running; a run still going when its next time comes
is not started twice. Run exactly one scheduler per deployment."""
from __future__ import annotations

import logging
import subprocess
from typing import Callable

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

import ckan.model as model
import ckan.plugins as plugins
import ckan.plugins.toolkit as tk

from ..common.interfaces import IOrphanedWork
from . import recovery
from .plan import ckan_bin

__all__ = ["commands", "build_scheduler"]

log = logging.getLogger(__name__)
_OPTION = "ckanext.harbin_opendata.schedule."


def commands() -> dict[str, list[str]]:
    """The scheduled CKAN commands (arguments after `ckan -c INI`) of the enabled plugins."""
    found = {}
    if plugins.plugin_loaded("harvest"):
        found["harvest_run"] = ["harvester", "run"]
    if plugins.plugin_loaded("harbin_tracking") or plugins.plugin_loaded("tracking"):
        found["tracking_update"] = ["tracking", "update"]
    if plugins.plugin_loaded("harbin_assessment"):
        found["assessment"] = ["harbin", "assess", "--check-links", "--background"]
    found["search_check"] = ["harbin", "search", "check", "--repair"]
    if plugins.plugin_loaded("harbin_privacy"):
        found["stored_texts"] = ["harbin", "privacy", "texts", "--all", "--withdraw"]
        found["linked_files"] = ["harbin", "privacy", "links"]
    return found


def _runner(ini: str, name: str, arguments: list[str]) -> Callable[[], None]:
    def run() -> None:
        done = subprocess.run([ckan_bin("ckan"), "-c", ini, *arguments], capture_output=True, text=True)
        level = logging.INFO if done.returncode == 0 else logging.ERROR
        log.log(level, "%s (ckan %s) exited %s\n%s", name, " ".join(arguments), done.returncode,
                (done.stdout + done.stderr)[-2000:])
    return run


def _recover() -> None:
    """Jobs of dead workers, and privacy scans whose job was never queued, are queued again."""
    try:
        requeued = recovery.requeue_abandoned()
        for plugin in plugins.PluginImplementations(IOrphanedWork):
            requeued += plugin.requeue_orphans()
    except Exception:  # noqa: BLE001 - Redis or PostgreSQL away for a moment: the next round tries again
        log.exception("Could not check for abandoned jobs")
        return
    finally:
        model.Session.remove()
    if requeued:
        log.warning("Queued again: %s", ", ".join(requeued))


def build_scheduler(ini: str) -> BlockingScheduler:
    scheduler = BlockingScheduler(job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600})
    for name, arguments in commands().items():
        crontab = (tk.config[_OPTION + name] or "").strip()
        if crontab:
            scheduler.add_job(_runner(ini, name, arguments), CronTrigger.from_crontab(crontab), id=name, name=name)
            log.info("Scheduled %s at '%s': ckan %s", name, crontab, " ".join(arguments))
    seconds = tk.config[_OPTION + "recover_jobs"]
    if seconds:
        scheduler.add_job(_recover, "interval", seconds=seconds, id="recover_jobs", name="recover_jobs")
    return scheduler
