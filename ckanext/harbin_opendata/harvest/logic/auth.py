"""Who may use harbin_harvest's actions: sysadmins only (CKAN lets them pass every check)."""
from __future__ import annotations

from ckan.types import AuthResult, Context, DataDict

__all__ = ["harbin_harvest_withdrawals_confirm", "harbin_harvest_job_report"]


def harbin_harvest_withdrawals_confirm(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False}


def harbin_harvest_job_report(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False}
