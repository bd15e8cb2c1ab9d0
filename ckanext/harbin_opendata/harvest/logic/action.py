"""Actions of harbin_harvest: a job's report, and a sysadmin's confirmation of held withdrawals."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict
from ckanext.harvest.model import HarvestJob

from .. import report, withdrawals
from ..entry_views import package_create_default_resource_views, package_show

__all__ = ["harbin_harvest_withdrawals_confirm", "harbin_harvest_job_report", "package_create_default_resource_views",
           "package_show"]


def _source_id(data_dict: DataDict) -> str:
    source = model.Package.get(str(data_dict.get("id") or ""))
    if source is None or source.type != "harvest":
        raise tk.ObjectNotFound(tk._("Harvest source not found"))
    return source.id


def harbin_harvest_withdrawals_confirm(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Apply the withdrawals the source's last job held (more of its entries were no longer listed
    than ckanext.harbin_opendata.harvest.withdraw_hold_percent allows). Sysadmins only.

    :param id: id or name of the harvest source
    :returns: the job id and the number of entries withdrawn
    """
    tk.check_access("harbin_harvest_withdrawals_confirm", context, data_dict)
    return withdrawals.confirm(_source_id(data_dict))


@tk.side_effect_free
def harbin_harvest_job_report(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The report of a harvest job: counts (created, updated, withdrawn, unchanged, duplicate,
    error, held), source errors, errors and warnings grouped by cause with record titles, and the
    source values no code matched, with counts and the allowed values.

    :param id: the harvest job id, or the id or name of a source (its latest job)
    """
    tk.check_access("harbin_harvest_job_report", context, data_dict)
    job = model.Session.get(HarvestJob, str(data_dict.get("id") or ""))
    if job is None:
        job = (model.Session.query(HarvestJob).filter(HarvestJob.source_id == _source_id(data_dict))
               .order_by(HarvestJob.created.desc()).first())
    if job is None:
        raise tk.ObjectNotFound(tk._("The source has not been harvested yet."))
    return report.job_summary(job.id)
