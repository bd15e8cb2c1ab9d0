"""Actions of harbin_access: an entry's agreement (协议, versioned), applications (数据申请) and the
grants they become: the owning agency approves (with the grant's last day) or rejects (with a
reason) within the configured working days, and may revoke a grant. Every step is audited."""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ...common.actions import commit_unless_deferred, validated
from .. import audit, deadlines
from ..model import APPROVED, PENDING, REJECTED, REVOKED, Agreement, Application
from ..rules import is_conditional
from . import schema
from .dictize import application_dict, current_agreement

__all__ = ["harbin_access_agreement_update", "harbin_access_agreement_show", "harbin_access_apply",
           "harbin_access_approve", "harbin_access_reject", "harbin_access_revoke", "harbin_access_application_show",
           "harbin_access_application_list"]


def _entry(id: str) -> model.Package:
    package = model.Package.get(id)
    if package is None or package.state != "active":
        raise tk.ObjectNotFound(tk._("Catalog entry not found"))
    return package


def _application(id: str) -> Application:
    found = model.Session.get(Application, id)
    if found is None:
        raise tk.ObjectNotFound(tk._("Application not found"))
    return found


def harbin_access_agreement_update(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A new version of the entry's agreement, written by its agency; applicants accept the newest.

    :param id: id or name of the catalog entry
    :param text: the agreement's text
    """
    tk.check_access("harbin_access_agreement_update", context, data_dict)
    data = validated(context, data_dict, schema.agreement_schema)
    package = _entry(data["id"])
    latest = current_agreement(package.id)
    row = Agreement(package_id=package.id, version=(latest.version if latest else 0) + 1, text=data["text"],
                    created_by=getattr(model.User.get(context.get("user") or ""), "id", None))
    model.Session.add(row)
    audit.record(context, package.id, "access_agreement", comment=f"v{row.version}")
    commit_unless_deferred(context)
    return {"id": package.id, "version": row.version, "text": row.text}


@tk.side_effect_free
def harbin_access_agreement_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The newest agreement of a conditional entry (public, like the entry).

    :param id: id or name of the catalog entry
    """
    tk.check_access("harbin_access_agreement_show", context, data_dict)
    package = _entry(validated(context, data_dict, schema.id_schema)["id"])
    latest = current_agreement(package.id)
    if latest is None:
        raise tk.ObjectNotFound(tk._("The agency has not written the agreement of this entry yet."))
    return {"id": package.id, "version": latest.version, "text": latest.text}


def harbin_access_apply(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Apply for the files of a conditional entry; the agency answers by the returned due date.

    :param id: id or name of the catalog entry
    :param purpose: what the data is for
    :param scenario: where it will be used (应用场景)
    :param organization: the applying organisation
    :param credit_code: its 统一社会信用代码 (GB 32100)
    :param contact: a contact (name and phone or e-mail)
    :param wanted_until: last day the data is wanted (YYYY-MM-DD)
    :param agreement_version: the version of the agreement accepted
    :param accept_agreement: true
    """
    tk.check_access("harbin_access_apply", context, data_dict)
    data = validated(context, data_dict, schema.apply_schema)
    package = _entry(data["id"])
    user = model.User.get(context["user"])
    errors: dict[str, list[str]] = {}
    latest = current_agreement(package.id)
    if not is_conditional(package):
        errors["id"] = [tk._("This entry is open without conditions: its files need no application.")]
    elif latest is None:
        errors["id"] = [tk._("The agency has not written the agreement of this entry yet.")]
    elif data["agreement_version"] != latest.version:
        errors["agreement_version"] = [tk._("The agreement has changed: read and accept its current version.")]
    if not data["accept_agreement"]:
        errors["accept_agreement"] = [tk._("Accept the agreement to apply.")]
    if data["wanted_until"] <= dt.date.today():
        errors["wanted_until"] = [tk._("The date must be in the future.")]
    if errors:
        raise tk.ValidationError(errors)
    application = Application(
        id=str(uuid.uuid4()), package_id=package.id, organization_id=package.owner_org, user_id=user.id,
        state=PENDING, purpose=data["purpose"], scenario=data["scenario"],
        applicant_organization=data["organization"], credit_code=data["credit_code"], contact=data["contact"],
        wanted_until=data["wanted_until"], agreement_version=latest.version, due_date=deadlines.due_date(dt.date.today()))
    model.Session.add(application)
    audit.record(context, package.id, "access_applied", details={"application": application.id}, announce=True)
    commit_unless_deferred(context)
    return application_dict(application)


def _decide(context: Context, application: Application, state: str, **changes: Any) -> dict[str, Any]:
    if application.state != PENDING:
        raise tk.ValidationError({"id": [tk._("This application has been answered already.")]})
    application.state, application.decided_at = state, dt.datetime.now(dt.timezone.utc)
    application.decided_by = model.User.get(context["user"]).id
    for key, value in changes.items():
        setattr(application, key, value)
    audit.record(context, application.package_id, f"access_{state}", comment=application.reason,
                 details={"application": application.id, "expires_on": str(application.expires_on or "")})
    commit_unless_deferred(context)
    return application_dict(application)


def _deciding(action: str, context: Context, data_dict: DataDict, data_schema: Any) -> tuple[dict[str, Any], Application]:
    """The checks an agency's decision on an application starts with: who may, what was sent, which one."""
    tk.check_access(action, context, {"id": data_dict.get("id")})
    data = validated(context, data_dict, data_schema)
    return data, _application(data["id"])


def harbin_access_approve(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Approve an application: a grant of the entry's files up to and including `expires_on`.

    :param id: the application's id
    :param expires_on: the grant's last day (YYYY-MM-DD), within access.max_grant_days and not past
        the day the applicant asked for (wanted_until)
    """
    data, application = _deciding("harbin_access_approve", context, data_dict, schema.approve_schema)
    today = dt.date.today()
    longest = today + dt.timedelta(days=tk.config["ckanext.harbin_opendata.access.max_grant_days"])
    if not today <= data["expires_on"] <= longest:
        raise tk.ValidationError({"expires_on": [tk._("The last day must be between today and {day}.").format(
            day=longest.isoformat())]})
    if data["expires_on"] > application.wanted_until:  # data minimisation: no longer than asked for
        raise tk.ValidationError({"expires_on": [tk._(
            "The applicant asked for the data until {day}; a grant may not run longer.").format(
            day=application.wanted_until.isoformat())]})
    return _decide(context, application, APPROVED, expires_on=data["expires_on"])


def harbin_access_reject(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Reject an application, with the reason the applicant reads.

    :param id: the application's id
    :param reason: why
    """
    data, application = _deciding("harbin_access_reject", context, data_dict, schema.reason_schema)
    return _decide(context, application, REJECTED, reason=data["reason"])


def harbin_access_revoke(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Revoke a grant before its last day, with the reason the holder reads.

    :param id: the application's id
    :param reason: why
    """
    data, application = _deciding("harbin_access_revoke", context, data_dict, schema.reason_schema)
    if application.state != APPROVED:
        raise tk.ValidationError({"id": [tk._("Only an approved application can be revoked.")]})
    application.state, application.reason = REVOKED, data["reason"]
    application.revoked_at = dt.datetime.now(dt.timezone.utc)
    application.revoked_by = model.User.get(context["user"]).id
    audit.record(context, application.package_id, "access_revoked", comment=data["reason"],
                 details={"application": application.id})
    commit_unless_deferred(context)
    return application_dict(application)


@tk.side_effect_free
def harbin_access_application_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One application, to its applicant, the owning agency and the reviewers.

    :param id: the application's id
    """
    application = _application(validated(context, data_dict, schema.id_schema)["id"])
    tk.check_access("harbin_access_application_show", context, {"id": application.id})
    return application_dict(application)


@tk.side_effect_free
def harbin_access_application_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """The caller's own applications, or with `id` those of an entry (to its agency and the reviewers).

    :param id: id or name of a catalog entry (optional)
    """
    tk.check_access("harbin_access_application_list", context, data_dict)
    query = model.Session.query(Application)
    if data_dict.get("id"):
        query = query.filter(Application.package_id == _entry(str(data_dict["id"])).id)
    else:
        query = query.filter(Application.user_id == model.User.get(context["user"]).id)
    return [application_dict(row) for row in query.order_by(Application.created_at.desc()).limit(500)]
